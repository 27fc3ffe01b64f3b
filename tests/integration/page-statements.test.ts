/**
 * The SQL each key page sends per request (root loader + page loader, as Remix runs them for a document request):
 * how many statements, and whether the inbox and advice queries can be served by an index. The benchmark
 * (npm run bench, docs/PERFORMANCE.md) measures speed; this test keeps the shape from regressing in CI.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { countStatements, getDb } from "#db/client.server";
import * as root from "~/root";
import * as adviceList from "~/routes/advice._index";
import * as bare from "~/routes/bench.bare";
import * as guidanceArticle from "~/routes/guidance.$slug";
import * as reportPage from "~/routes/reports.$reportId";
import * as inbox from "~/routes/reports._index";
import * as stats from "~/routes/stats._index";
import * as trainingCalendar from "~/routes/trainings._index";
import {
  createConsultation,
  createReport,
  createWorld,
  publishedArticle,
  sessionCookieFor,
  testContext,
} from "../factories";

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

/** Root and page loader for one request, sharing one context as in Remix; fails unless both answer with data. */
async function pageRequest(page: Loader, path: string, cookie: string, params: Record<string, string> = {}) {
  const context = testContext();
  const args = (): LoaderFunctionArgs => ({
    request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }),
    params,
    context,
  });
  const { result, statements, kept } = await countStatements(
    () => Promise.all([(root.loader as Loader)(args()), page(args())]),
    { keep: true },
  );
  for (const data of result) expect(data instanceof Response ? data.status : 200).toBe(200);
  return { statements, kept };
}

/** Tables that stay small in any municipality (a few hundred rows): a sequential scan of them is fine. */
const SMALL_TABLES = new Set([
  "municipalities",
  "units",
  "guidance_articles",
  "guidance_versions",
  "municipality_contacts",
  "feedback_texts",
]);

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

/** Tables read whole: a sequential scan, or an index walked from end to end (no condition on it). */
function fullScans(node: PlanNode): string[] {
  const whole =
    node["Node Type"] === "Seq Scan" || (/Index( Only)? Scan$/.test(node["Node Type"]) && !node["Index Cond"]);
  const own = whole && node["Relation Name"] ? [node["Relation Name"]] : [];
  return [...own, ...(node.Plans ?? []).flatMap(fullScans)];
}

/**
 * The large tables a statement would read from end to end even when the planner is told to avoid that: with
 * enable_seqscan off a sequential scan is only chosen when no index can serve the query at all. Works on a small
 * dataset, where the planner would otherwise rightly prefer scanning.
 */
async function unindexedScans(statement: { sql: string; params: unknown[] }) {
  const client = (getDb() as unknown as { $client: unknown }).$client as
    | {
        unsafe: unknown;
        begin(fn: (tx: { unsafe(q: string, p?: unknown[]): Promise<unknown[]> }) => Promise<unknown>): Promise<unknown>;
      }
    | {
        transaction(
          fn: (tx: { query(q: string, p?: unknown[]): Promise<{ rows: unknown[] }> }) => Promise<unknown>,
        ): Promise<unknown>;
      };
  const explain = `explain (format json) ${statement.sql}`;
  let plan: unknown;
  if ("begin" in client) {
    await client.begin(async (tx) => {
      await tx.unsafe("set local enable_seqscan = off");
      plan = (await tx.unsafe(explain, statement.params as never[]))[0];
    });
  } else {
    await client.transaction(async (tx) => {
      await tx.query("set local enable_seqscan = off");
      plan = (await tx.query(explain, statement.params)).rows[0];
    });
  }
  const json = (plan as { "QUERY PLAN": unknown })["QUERY PLAN"];
  const [top] = (typeof json === "string" ? JSON.parse(json) : json) as { Plan: PlanNode }[];
  return fullScans(top.Plan).filter((table) => !SMALL_TABLES.has(table));
}

const selects = (kept: { sql: string; params: unknown[] }[]) => kept.filter((s) => /^\s*(select|with)\b/i.test(s.sql));

describe("SQL per page request", () => {
  let world: Awaited<ReturnType<typeof createWorld>>;
  const cookie: Record<string, string> = {};
  let reportId: string;
  let slug: string;

  beforeAll(async () => {
    world = await createWorld("Sqlstad");
    for (const role of ["staff", "reception_worker", "steering"] as const)
      cookie[role] = await sessionCookieFor(world.user[role]);
    for (let i = 0; i < 3; i++) reportId = (await createReport(world.user.staff, world.unit.school.id)).id;
    for (let i = 0; i < 3; i++)
      await createConsultation(world.user.reception_worker, { callerUnitId: world.unit.school.id });
    slug = (await publishedArticle(world.municipality.id, "anmalningsplikt")).slug;
  });

  // The statement budget per page: today's count, all within the target of 5 (issue 9). The layout sends one (the
  // session with its user and unread count); a page that reads personal data adds its audit row.
  const pages = [
    { name: "bare page", loader: bare.loader, path: () => "/bench/bare", as: "staff", budget: 1 },
    { name: "reception inbox", loader: inbox.loader, path: () => "/reports", as: "reception_worker", budget: 3 },
    {
      name: "report page",
      loader: reportPage.loader,
      path: () => `/reports/${reportId}`,
      params: () => ({ reportId }),
      as: "reception_worker",
      // The case (one statement beside the report row) and the child's other reports (issue 20: earlier reports).
      budget: 5,
    },
    {
      name: "advice list, filtered",
      loader: adviceList.loader,
      path: () => "/advice?unitKind=school&sort=newest",
      as: "reception_worker",
      budget: 4,
    },
    {
      name: "training month",
      loader: trainingCalendar.loader,
      path: () => "/trainings?view=month",
      as: "staff",
      budget: 2,
    },
    {
      name: "guidance article",
      loader: guidanceArticle.loader,
      path: () => `/guidance/${slug}`,
      params: () => ({ slug }),
      as: "staff",
      budget: 3,
    },
    {
      name: "stats for a year",
      loader: stats.loader,
      path: () => "/stats?period=year&year=2026",
      as: "steering",
      budget: 5,
    },
  ] as const;

  it.each(pages)("$name sends at most its budget of statements", async (page) => {
    const params = "params" in page ? page.params() : {};
    const { statements } = await pageRequest(page.loader as Loader, page.path(), cookie[page.as], params);
    expect(statements).toBeLessThanOrEqual(page.budget);
  });

  it.each(
    pages.filter((p) =>
      ["reception inbox", "advice list, filtered", "report page", "stats for a year"].includes(p.name),
    ),
  )("$name: every query can use an index on the large tables", async (page) => {
    const params = "params" in page ? page.params() : {};
    const { kept } = await pageRequest(page.loader as Loader, page.path(), cookie[page.as], params);
    const found = selects(kept);
    expect(found.length).toBeGreaterThan(0);
    for (const statement of found)
      expect({ sql: statement.sql, scans: await unindexedScans(statement) }).toEqual({ sql: statement.sql, scans: [] });
  });
});
