/**
 * /dev/mail (demo mode only) shows the viewer's own municipality's e-mails and no other's: the outbox holds every
 * municipality's mail, addresses and subjects included. The municipality is part of the query, so another
 * municipality's newer mail cannot push the viewer's own past the page's limit either.
 */
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { enqueueEmail } from "~/models/outbox.server";
import * as devMail from "~/routes/dev.mail";
import { createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

type DevMailData = { emails: { to: string; subject: string; body: string }[] };

describe("/dev/mail", () => {
  it("shows a user only their own municipality's e-mails", async () => {
    const mine = await createWorld("Egenstad");
    const other = await createWorld("Grannstad");
    await enqueueEmail(getDb(), {
      municipalityId: mine.municipality.id,
      toAddress: "egen@egenstad.example",
      subject: "Egenstads brev",
      textBody: "Till Egenstad",
    });
    // Newer, and more than the page shows: with the municipality filtered after the limit, Egenstad would see none.
    for (let i = 0; i < 60; i++) {
      await enqueueEmail(getDb(), {
        municipalityId: other.municipality.id,
        toAddress: `granne${i}@grannstad.example`,
        subject: `Grannstads brev ${i}`,
        textBody: "Till Grannstad",
      });
    }

    const seen = async (user: { id: string; municipalityId: string }) => {
      const result = await callRoute(devMail.loader, { path: "/dev/mail", cookie: await sessionCookieFor(user) });
      expect(result.status).toBe(200);
      return (result.data as DevMailData).emails;
    };

    for (const user of [mine.user.staff, mine.user.reception_worker, mine.user.admin]) {
      const emails = await seen(user);
      expect(emails.map((e) => e.subject)).toEqual(["Egenstads brev"]);
      expect(JSON.stringify(emails)).not.toContain("Grannstad");
    }

    const theirs = await seen(other.user.staff);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((e) => e.subject.startsWith("Grannstads brev"))).toBe(true);
    expect(JSON.stringify(theirs)).not.toContain("Egenstad");
  });
});
