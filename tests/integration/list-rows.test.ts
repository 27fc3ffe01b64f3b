/**
 * Rows per page in the long lists (issue 24, item 1): 25 by default, 50 or 100 when the user picks it in a list's
 * filter form, and the pick is kept for the user — in every long list, on their next visit — and for no one else.
 * An address with another number gives the remembered rows, never an error.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { users } from "#db/schema";
import * as adviceList from "~/routes/advice._index";
import * as inbox from "~/routes/reports._index";
import { createConsultation, createReport, createWorld, sessionCookieFor } from "../factories";
import { callRoute } from "../routes";

type Listed = { pageCount: number; reports?: unknown[]; rows?: unknown; pageSize?: number };

describe("rows per page", () => {
  let world: Awaited<ReturnType<typeof createWorld>>;
  let cookie: string;

  beforeAll(async () => {
    world = await createWorld();
    for (let i = 0; i < 30; i++) {
      await createReport(world.user.staff, world.unit.school.id);
      await createConsultation(world.user.reception_worker);
    }
    cookie = await sessionCookieFor(world.user.reception_worker);
  });

  const inboxAt = async (query: string, as = cookie) => {
    const result = await callRoute(inbox.loader, { path: `/reports?status=all${query}`, cookie: as });
    expect(result.status).toBe(200);
    const data = result.data as Listed & { reports: unknown[]; rows: number };
    return { shown: data.reports.length, rows: data.rows, pageCount: data.pageCount };
  };
  const adviceAt = async (query: string) => {
    const result = await callRoute(adviceList.loader, { path: `/advice?${query}`, cookie });
    expect(result.status).toBe(200);
    const data = result.data as Listed & { rows: unknown[]; pageSize: number };
    return { shown: data.rows.length, rows: data.pageSize, pageCount: data.pageCount };
  };
  const remembered = async (id: string) =>
    (await getDb().select({ listRows: users.listRows }).from(users).where(eq(users.id, id)))[0].listRows;

  it("shows 25 until the user picks another number, then keeps the pick for every long list", async () => {
    expect(await inboxAt("")).toEqual({ shown: 25, rows: 25, pageCount: 2 });
    expect(await adviceAt("")).toEqual({ shown: 25, rows: 25, pageCount: 2 });

    expect(await inboxAt("&rows=50")).toEqual({ shown: 30, rows: 50, pageCount: 1 });
    expect(await remembered(world.user.reception_worker.id)).toBe(50);
    // The next visit, without the choice in the address, and the other list.
    expect(await inboxAt("")).toEqual({ shown: 30, rows: 50, pageCount: 1 });
    expect(await adviceAt("")).toEqual({ shown: 30, rows: 50, pageCount: 1 });

    expect(await adviceAt("rows=100")).toEqual({ shown: 30, rows: 100, pageCount: 1 });
    expect(await remembered(world.user.reception_worker.id)).toBe(100);
    expect(await adviceAt("rows=25&page=2")).toEqual({ shown: 5, rows: 25, pageCount: 2 });
  });

  it("gives the remembered rows for any other number in the address, and keeps them", async () => {
    await inboxAt("&rows=50");
    for (const odd of ["7", "1000", "-25", "fifty", "50.5", ""]) {
      expect(await inboxAt(`&rows=${odd}`), odd).toEqual({ shown: 30, rows: 50, pageCount: 1 });
    }
    expect(await remembered(world.user.reception_worker.id)).toBe(50);
  });

  it("is each user's own", async () => {
    await inboxAt("&rows=100");
    const other = await sessionCookieFor(world.user.reception_lead);
    expect(await inboxAt("", other)).toEqual({ shown: 25, rows: 25, pageCount: 2 });
    expect(await remembered(world.user.reception_lead.id)).toBe(25);
  });
});
