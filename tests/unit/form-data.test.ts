import { describe, expect, it } from "vitest";
import { readForm } from "~/lib/form-data.server";

const post = (body: BodyInit, type: string | null) =>
  new Request("http://localhost/x", { method: "POST", body, headers: type ? { "Content-Type": type } : {} });

async function status(promise: Promise<unknown>) {
  try {
    await promise;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("readForm, the one place an action reads its form", () => {
  it("reads url-encoded and multipart forms, dropping NUL characters PostgreSQL would refuse", async () => {
    const encoded = await readForm(
      post("childName=Sa%00ga&notes%00=a%00b%00&childName=Tva", "application/x-www-form-urlencoded;charset=UTF-8"),
    );
    expect([...encoded]).toEqual([
      ["childName", "Saga"],
      ["notes", "ab"],
      ["childName", "Tva"],
    ]);
    const multipart = new FormData();
    multipart.set("text", "ett\u0000två");
    const request = new Request("http://localhost/x", { method: "POST", body: multipart });
    expect((await readForm(request)).get("text")).toBe("etttvå");
  });

  it("stores a line break as one character, as the page's maxLength counts it", async () => {
    const form = await readForm(post("text=ett%0D%0Atv%C3%A5%0Dtre%0Afyra", "application/x-www-form-urlencoded"));
    expect(form.get("text")).toBe("ett\ntvå\ntre\nfyra");
  });

  it("keeps invalid UTF-8 as replacement characters instead of failing", async () => {
    const form = await readForm(post("text=%FF%FE%C3", "application/x-www-form-urlencoded"));
    expect(form.get("text")).toBe("\uFFFD\uFFFD\uFFFD");
  });

  it("answers 415 to a body that is not a form, and 400 to a form that does not parse", async () => {
    expect(await status(readForm(post(JSON.stringify({ intent: "submit" }), "application/json")))).toBe(415);
    expect(await status(readForm(post("intent=submit", "text/plain")))).toBe(415);
    expect(await status(readForm(post("intent=submit", null)))).toBe(415);
    const broken = '--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsubmit';
    expect(await status(readForm(post(broken, "multipart/form-data; boundary=b")))).toBe(400);
    expect(await status(readForm(post("not multipart at all", "multipart/form-data")))).toBe(400);
  });
});
