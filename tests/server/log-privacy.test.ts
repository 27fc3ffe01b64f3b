/**
 * No log line ever holds what a user sent: the real production server, on a fresh PostgreSQL database, meets database
 * failures injected for real (triggers that raise with the row in their message, a CHECK constraint whose detail lists
 * the row, a cast that quotes the value, a deferred trigger that fails at COMMIT) on the report, advice, consent and
 * meeting paths and in the outbox worker, with LOG_LEVEL=info; then everything the server wrote is searched for each
 * value sent (names, a personal identity number, free text, e-mail addresses, a phone number): zero hits. Each
 * failure must show up in the log as its code and table, tied to the request by its id, so the search cannot pass
 * because nothing failed. Needs TEST_DATABASE_URL (or DATABASE_URL); skipped without one.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { meetingInvitations, meetings, reports, units, users } from "#db/schema";
import { seedDemo } from "~/demo/seed.server";
import { addCalendarDays, stockholmDate } from "~/domain/deadlines";
import { parsePersonalNumber } from "~/domain/personal-number";
import { keyringFor } from "~/lib/sealed.server";
import { login, request, startServer, type CookieJar, type RunningServer } from "./helpers";

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const skipReason = adminUrl ? "" : " (skipped: set TEST_DATABASE_URL to a PostgreSQL server to run it)";

// ---------------------------------------------------------------------------------------------------------------
// What is sent: made-up personal data, each value distinctive enough that finding it anywhere in the log is a leak.

const PERSONAL_NUMBER = "201403172388";
const sent = {
  childName: "Zelmira Kvastbo-Örnfjäll",
  childPersonalNumber: PERSONAL_NUMBER,
  childGroup: "Klass Nyponrosen 4C",
  // A line starting with whitespace and "at " looks like a stack frame once drizzle has put it into its message.
  observations:
    "Zelmira berättade om helgen på Brynolfsgatan.\n    at home: pappan slog henne med sladden (Brynolfsgatan 17)\nHon var rädd.",
  childWords: "Jag vill inte gå hem till Brynolf",
  guardianName: "Ingegerd Kvastbo",
  guardianReason: "Pappan Brynolf Kvastbo hotar familjen",
  otherAgencies: "Barnpsykiatrin Ljungsnäs",
  reporterPhone: "070-418 93 57",
  reporterEmail: "vittne.kvastbo@sentinel-mail.example",
  adviceSummary: "Läraren oroar sig för en elev som somnar under matematiklektionerna och saknar matsäck",
  adviceNote: "Hänvisad till Trollhättegruppen för samtalsstöd",
  adviceFollowUp: "Återkoppling efter sportlovet via Kvistmyravägen",
  adviceCaller: "larare@exempelstad.example",
  consentGivenBy: "Ingegerd Kvastbo, mamma",
  consentDocument: "Dnr KVAST-4471/Örnfjäll",
  feedbackBody: "Utredning inleds; stödsamtal hos Familjeteamet Ljungsnäs varannan torsdag",
  meetingPlace: "Lilla konferensrummet Gullvivan, Brynolfsgatan",
  meetingOthers: "Ingegerd Kvastbo och tolk på tigrinja",
  declineReason: "Jag är på fortbildning i Härnösand den dagen",
};

/** The seeded children and the invitee's address: already in the database, never in a log either. */
const seeded = { omar: "Omar Exempelsson", elsa: "Elsa Exempel", invitee: "larare@exempelstad.example" };

/** Every form a value can take in the log: as sent, each of its lines, its longer words, a number's other spellings. */
function needles(value: string) {
  const found = new Set([value]);
  for (const line of value.split("\n")) if (line.trim().length >= 8) found.add(line.trim());
  for (const word of value.split(/[\s,;:()/]+/)) if (word.length >= 7) found.add(word);
  return found;
}
const pnr = parsePersonalNumber(PERSONAL_NUMBER);
const numberForms = pnr.ok
  ? [pnr.normalized, pnr.normalized.replace("-", ""), pnr.normalized.slice(2), pnr.normalized.slice(2).replace("-", "")]
  : [];
const phoneForms = [sent.reporterPhone, sent.reporterPhone.replace(/\D/g, "")];
// Seeded values whole only: "Exempel" alone is also in the municipality's name.
const searched = [...Object.values(sent).flatMap((v) => [...needles(v)]), ...Object.values(seeded)];
const allNeedles = [...new Set([...searched, ...numberForms, ...phoneForms])];
const valueCount = new Set([...Object.values(sent), ...Object.values(seeded)]).size;

/** Each needle found in `text`, with how often. */
function hitsIn(text: string) {
  const hits: Record<string, number> = {};
  for (const needle of allNeedles) {
    const count = text.split(needle).length - 1;
    if (count) hits[needle] = count;
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------------------------
// Faults, installed in the server's database with SQL and removed after each request.

type Fault = {
  name: string;
  install: string;
  remove: string;
  expect: { code: string; table?: string; constraint?: string };
};

const FUNCTIONS = `
  -- Refuses the row and quotes it whole in the message and the detail: the worst a database message can hold.
  CREATE FUNCTION log_privacy_raise() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'log-privacy fault, row %', row_to_json(NEW)
      USING ERRCODE = 'P0001', TABLE = TG_TABLE_NAME, DETAIL = row_to_json(NEW)::text, HINT = row_to_json(NEW)::text;
  END $$;
  -- A value cast to a number: PostgreSQL's own message quotes the value ('invalid input syntax for type integer: "…"').
  CREATE FUNCTION log_privacy_cast() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM (to_jsonb(NEW) #>> TG_ARGV)::integer;
    RETURN NEW;
  END $$;
  -- Fails at COMMIT, where no query wraps the error: the values are in the message, unquoted.
  CREATE FUNCTION log_privacy_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'log-privacy fault at commit: %', (SELECT string_agg(value, ' ') FROM jsonb_each_text(to_jsonb(NEW)))
      USING ERRCODE = 'P0001', TABLE = TG_TABLE_NAME;
  END $$;`;

function raising(table: string, on = "INSERT OR UPDATE"): Fault {
  return {
    name: `trigger raising on ${on.toLowerCase()} ${table}`,
    install: `CREATE TRIGGER log_privacy BEFORE ${on} ON ${table} FOR EACH ROW EXECUTE FUNCTION log_privacy_raise()`,
    remove: `DROP TRIGGER log_privacy ON ${table}`,
    expect: { code: "P0001", table },
  };
}

function casting(table: string, ...path: string[]): Fault {
  const args = path.map((p) => `'${p}'`).join(", ");
  return {
    name: `cast of ${table}.${path.join(".")} to integer`,
    install: `CREATE TRIGGER log_privacy BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION log_privacy_cast(${args})`,
    remove: `DROP TRIGGER log_privacy ON ${table}`,
    expect: { code: "22P02" },
  };
}

function checking(table: string, column: string): Fault {
  return {
    name: `CHECK (NOT VALID) on ${table}.${column}`,
    install: `ALTER TABLE ${table} ADD CONSTRAINT log_privacy_check CHECK (length(${column}) < 3) NOT VALID`,
    remove: `ALTER TABLE ${table} DROP CONSTRAINT log_privacy_check`,
    expect: { code: "23514", table, constraint: "log_privacy_check" },
  };
}

function atCommit(table: string): Fault {
  return {
    name: `deferred trigger on ${table}, failing at COMMIT`,
    install: `CREATE CONSTRAINT TRIGGER log_privacy AFTER INSERT ON ${table} DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION log_privacy_at_commit()`,
    remove: `DROP TRIGGER log_privacy ON ${table}`,
    expect: { code: "P0001", table },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading pages and the log.

/** The hidden inputs (a submission key, ids) of the form that holds `marker`, e.g. its submit button's intent. */
function hiddenInputs(html: string, marker: string) {
  const form = html.split("<form").find((chunk) => chunk.split("</form>")[0].includes(marker));
  expect(form, `a form holding ${marker}`).toBeTruthy();
  const fields: [string, string][] = [];
  for (const [input] of form!.split("</form>")[0].matchAll(/<input[^>]*>/g)) {
    if (!/type="hidden"/.test(input)) continue;
    const name = /name="([^"]*)"/.exec(input)?.[1];
    const value = /value="([^"]*)"/.exec(input)?.[1] ?? "";
    if (name) fields.push([name, value.replace(/&amp;/g, "&").replace(/&quot;/g, '"')]);
  }
  return fields;
}

type LogLine = { level?: number; msg?: string; requestId?: string; job?: string; err?: Record<string, unknown> };

function logLines(output: string): LogLine[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as LogLine];
      } catch {
        return [];
      }
    });
}

async function eventually<T>(find: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe.skipIf(!adminUrl)(`No personal data in the server log when queries fail${skipReason}`, () => {
  const name = `tillsammans_logprivacy_${Date.now()}_${process.pid}`;
  let admin: ReturnType<typeof postgres>;
  let sql: ReturnType<typeof postgres>;
  let handle: DatabaseHandle;
  let server: RunningServer;
  let teacher: CookieJar;
  let reception: CookieJar;
  const ids = { unit: "", teacher: "", omarReport: "", elsaReport: "" };
  const today = stockholmDate(new Date());
  const faulted: { path: string; fault: string; status: number }[] = [];
  const pathsFaulted = new Set<string>();

  beforeAll(async () => {
    expect(pnr.ok, "the personal number sent is a valid one").toBe(true);
    admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const direct = new URL(adminUrl!);
    direct.pathname = `/${name}`;
    handle = openDatabase({ url: direct.toString() });
    await migrateDatabase(handle);
    await seedDemo(handle.db);
    sql = postgres(direct.toString(), { max: 1, onnotice: () => {} });
    await sql.unsafe(FUNCTIONS);

    const [unit] = await handle.db.select({ id: units.id }).from(units).where(eq(units.name, "Solbackens skola"));
    const [user] = await handle.db.select({ id: users.id }).from(users).where(eq(users.email, seeded.invitee));
    // The names are sealed (decision 021): found by opening them. The server shares the run's DATA_MASTER_KEY.
    const seededReports = await handle.db
      .select({ id: reports.id, municipalityId: reports.municipalityId, childName: reports.childName })
      .from(reports);
    const keyring = await keyringFor(seededReports[0].municipalityId, handle.db);
    const reportOf = async (childName: string) =>
      seededReports.find((row) => keyring.open("report.childName", row.childName) === childName)?.id ?? "";
    Object.assign(ids, {
      unit: unit.id,
      teacher: user.id,
      omarReport: await reportOf(seeded.omar),
      elsaReport: await reportOf(seeded.elsa),
    });

    server = await startServer({ DATABASE_URL: direct.toString(), DEMO_MODE: "1", LOG_LEVEL: "info" });
    teacher = await login(server, "larare@exempelstad.example");
    reception = await login(server, "mottagning@exempelstad.example");
  });

  afterAll(async () => {
    if (server && server.process.exitCode === null && server.process.signalCode === null) await server.stop();
    await sql?.end();
    await handle?.close();
    if (admin) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  /**
   * Sends one form with `fault` installed and checks that it failed for that reason: a 500, and a log line for the
   * same request id with the fault's code (and table, constraint), and no value sent anywhere in the log.
   */
  async function failing(path: string, fault: Fault, pathname: string, jar: CookieJar, form: [string, string][]) {
    await sql.unsafe(fault.install);
    const mark = server.output().length;
    let response: Response;
    try {
      response = await request(server, pathname, {
        jar,
        body: new URLSearchParams(form),
        headers: { Origin: server.url },
      });
      await response.text();
    } finally {
      await sql.unsafe(fault.remove);
    }
    faulted.push({ path, fault: fault.name, status: response.status });
    pathsFaulted.add(path);
    expect(response.status, `${path}: ${fault.name}`).toBe(500);
    const requestId = response.headers.get("X-Request-Id");
    const line = await eventually(
      () => logLines(server.output()).find((l) => l.requestId === requestId && l.err),
      `the log line of request ${requestId} (${path}: ${fault.name})`,
    );
    expect(hitsIn(server.output().slice(mark)), `values sent, found in the log after ${path}: ${fault.name}`).toEqual(
      {},
    );
    expect(line.err).toMatchObject(fault.expect);
    return line;
  }

  const reportForm = (draftId: string, intent: string): [string, string][] => [
    ["draftId", draftId],
    ["intent", intent],
    ["unitId", ids.unit],
    ["childName", sent.childName],
    ["childPersonalNumber", sent.childPersonalNumber],
    ["childGroup", sent.childGroup],
    ["observedOn", addCalendarDays(today, -1)],
    ["observations", sent.observations],
    ["childWords", sent.childWords],
    ["guardian1Name", sent.guardianName],
    ["guardian1Informed", "no"],
    ["guardian1Reason", sent.guardianReason],
    ["otherAgencies", sent.otherAgencies],
    ["observedBy", "me"],
    ["reporterPhone", sent.reporterPhone],
    ["reporterEmail", sent.reporterEmail],
    ["wantsFeedback", "on"],
  ];

  it("report form: autosave and submit", async () => {
    // The autosave as the page's fetcher sends it (a single-fetch data request) and as a plain form post.
    const draft = randomUUID();
    const autosave = reportForm(draft, "autosave");
    const drafts = await failing(
      "report autosave",
      raising("report_drafts"),
      `/reports/new.data?draft=${draft}`,
      teacher,
      autosave,
    );
    expect(drafts.err?.statement).toMatch(/^insert report_drafts/);
    await failing(
      "report autosave",
      casting("report_drafts", "fields", "sealed"),
      `/reports/new?draft=${draft}`,
      teacher,
      autosave,
    );

    for (const fault of [
      raising("reports"),
      checking("reports", "observations"),
      casting("reports", "child_name"),
      atCommit("reports"),
    ]) {
      const id = randomUUID();
      await failing("report submit", fault, `/reports/new?draft=${id}`, teacher, reportForm(id, "submit"));
    }
    // Nothing was stored by the failed submits.
    expect(
      await handle.db.select({ id: reports.id }).from(reports).where(eq(reports.childName, sent.childName)),
    ).toEqual([]);
  });

  it("advice log", async () => {
    const page = await (await request(server, "/advice/new", { jar: reception })).text();
    const form: [string, string][] = [
      ...hiddenInputs(page, 'name="summary"'),
      ["occurredOn", addCalendarDays(today, -1)],
      ["occurredTime", "09:30"],
      ["durationMinutes", "15"],
      ["channel", "phone"],
      ["callerUnit", "Solbackens skola"],
      ["callerRole", "teacher"],
      ["callerEmail", sent.adviceCaller],
      ["concerns", "neglect"],
      ["ageBand", "6-9"],
      ["summary", sent.adviceSummary],
      ["advice", "referral"],
      ["adviceNote", sent.adviceNote],
      ["followUp", sent.adviceFollowUp],
      ["confirmNoNames", "on"],
    ];
    for (const fault of [
      raising("advice_consultations"),
      checking("advice_consultations", "summary"),
      casting("advice_consultations", "follow_up"),
    ]) {
      await failing("advice", fault, "/advice/new", reception, form);
    }
  });

  it("consent registration and extended feedback", async () => {
    const page = await (await request(server, `/reports/${ids.elsaReport}/feedback`, { jar: reception })).text();
    const consent: [string, string][] = [
      ...hiddenInputs(page, 'name="intent" value="consent"'),
      ["intent", "consent"],
      ["giver", "guardian"],
      ["givenBy", sent.consentGivenBy],
      ["form", "written"],
      ["documentReference", sent.consentDocument],
      ["infoKinds", "outcome_and_support"],
      ["recipientUserIds", ids.teacher],
      ["validFrom", today],
      ["validUntil", addCalendarDays(today, 90)],
    ];
    const path = `/reports/${ids.elsaReport}/feedback`;
    for (const fault of [
      raising("consents"),
      casting("consents", "given_by"),
      checking("consents", "given_by"),
      atCommit("consents"),
    ]) {
      await failing("consent", fault, `${path}/consents`, reception, consent);
    }
    // Registered for real, so extended feedback under it reaches the database.
    const ok = await request(server, `${path}/consents`, { jar: reception, form: Object.fromEntries(consent) });
    await ok.body?.cancel();
    expect(ok.status).toBe(302);

    const chosen = await (
      await request(server, `${path}?recipient=${ids.teacher}&kind=outcome_and_support`, { jar: reception })
    ).text();
    const send: [string, string][] = [
      ...hiddenInputs(chosen, 'name="intent" value="send"'),
      ["intent", "send"],
      ["body", sent.feedbackBody],
    ];
    for (const fault of [raising("extended_feedback"), raising("messages"), casting("extended_feedback", "body")]) {
      await failing("extended feedback", fault, `${path}/extended`, reception, send);
    }
  });

  it("report meeting: inviting, the e-mail it queues, and answering", async () => {
    const path = `/reports/${ids.omarReport}`;
    const page = await (await request(server, path, { jar: reception })).text();
    const invitees = [...page.matchAll(/<input[^>]*name="invitees"[^>]*>/g)].map(
      ([input]) => /value="([^"]+)"/.exec(input)?.[1],
    );
    expect(invitees).toContain(ids.teacher);
    const invite = (): [string, string][] => [
      ...hiddenInputs(page, 'name="intent" value="meeting"'),
      ["intent", "meeting"],
      ["date", addCalendarDays(today, 7)],
      ["time", "10:00"],
      ["duration", "60"],
      ["form", "in_person"],
      ["place", sent.meetingPlace],
      ["otherParticipants", sent.meetingOthers],
      ["invitees", ids.teacher],
    ];
    for (const fault of [
      raising("meetings"),
      casting("meetings", "place"),
      raising("meeting_invitations"),
      raising("messages"),
      raising("outbox_emails", "INSERT"),
      atCommit("meetings"),
    ]) {
      await failing("meeting invitation", fault, `${path}/meetings`, reception, invite());
    }

    // The outbox worker meets a failure while the invitation's e-mail (time, place, link) waits to be sent.
    const outbox = raising("outbox_emails", "UPDATE");
    await sql.unsafe(outbox.install);
    const mark = server.output().length;
    try {
      const ok = await request(server, `${path}/meetings`, {
        jar: reception,
        body: new URLSearchParams(invite()),
        headers: { Origin: server.url },
      });
      await ok.body?.cancel();
      expect(ok.status).toBe(302);
      const line = await eventually(
        () => logLines(server.output().slice(mark)).find((l) => l.job === "outbox" && l.err),
        "the outbox worker's failure in the log",
        15_000,
      );
      expect(line.err).toMatchObject(outbox.expect);
    } finally {
      await sql.unsafe(outbox.remove);
    }
    faulted.push({ path: "outbox worker", fault: outbox.name, status: 0 });
    pathsFaulted.add("outbox worker");
    expect(
      hitsIn(server.output().slice(mark)),
      "values sent, found in the log after the outbox worker's failure",
    ).toEqual({});

    const [invitation] = await handle.db
      .select({ id: meetingInvitations.id })
      .from(meetingInvitations)
      .innerJoin(meetings, eq(meetings.id, meetingInvitations.meetingId))
      .where(and(eq(meetings.reportId, ids.omarReport), eq(meetingInvitations.inviteeId, ids.teacher)));
    const answerPage = await (await request(server, `/invitations/${invitation.id}`, { jar: teacher })).text();
    const decline: [string, string][] = [
      ...hiddenInputs(answerPage, 'name="intent" value="declined"'),
      ["intent", "declined"],
      ["reason", sent.declineReason],
    ];
    for (const fault of [
      raising("meeting_invitations"),
      casting("meeting_invitations", "decline_reason"),
      checking("meeting_invitations", "decline_reason"),
    ]) {
      await failing("invitation answer", fault, `/invitations/${invitation.id}`, teacher, decline);
    }
  });

  it("the whole log holds none of the values sent (figures)", () => {
    const output = server.output();
    const hits = hitsIn(output);
    const failures = logLines(output).filter((l) => l.err).length;
    console.log(
      `log privacy: ${pathsFaulted.size} paths faulted (${[...pathsFaulted].join(", ")}), ${
        faulted.length
      } faults injected, ` +
        `${valueCount} values sent or seeded (${allNeedles.length} strings searched), ` +
        `${failures} error lines, ${logLines(output).length} log lines, hits: ${Object.values(hits).reduce(
          (a, b) => a + b,
          0,
        )}`,
    );
    expect(pathsFaulted.size).toBeGreaterThanOrEqual(6);
    expect(hits).toEqual({});
  });
});
