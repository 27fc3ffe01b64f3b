/**
 * Mutation check of the concurrency guards (issue 26, point 7): each lock or guard that makes a check-then-write safe
 * is taken out, one at a time, in a throwaway copy of the repository, and the PostgreSQL test named for it must fail.
 * The working tree is never changed.
 *
 *   npx tsx scripts/mutation-check.ts [--repeat N] [--only NAME[,NAME]] [--no-baseline] [--list]
 *
 * TEST_DATABASE_URL is the PostgreSQL server (a superuser; default postgres://postgres@127.0.0.1:5432/postgres).
 * Before the mutants, each test named is run once unmutated in a copy of its own: it must pass and run at least one
 * test, or a failing mutant would prove nothing. A mutant counts as caught when the run reports a failed test (a
 * crash before any test ran, or a run with no test, is an error). Exits non-zero if any mutant is not caught every
 * time, or on any error.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

interface Mutation {
  name: string;
  /** What the guard keeps from happening. */
  guards: string;
  file: string;
  /** Must occur exactly once in the file: otherwise the code moved and the mutation is out of date. */
  find: string;
  replace: string;
  test: string;
  /** vitest -t: the tests that must catch it. */
  pattern: string;
}

const MUTATIONS: Mutation[] = [
  {
    name: "consent-send-for-share",
    guards: "an extended feedback sent after its consent's withdrawal committed",
    file: "app/models/feedback.server.ts",
    find: `      .where(and(eq(consents.reportId, report.id), eq(consents.municipalityId, report.municipalityId)))
      .for("share");
    const covered`,
    replace: `      .where(and(eq(consents.reportId, report.id), eq(consents.municipalityId, report.municipalityId)));
    const covered`,
    test: "tests/integration/races-consent.test.ts",
    pattern: "never sends after the withdrawal committed",
  },
  {
    name: "training-register-for-update",
    guards: "more registered than the capacity, or the waitlist out of order",
    file: "app/models/training.server.ts",
    find: `      .where(and(eq(trainings.id, training.id), eq(trainings.municipalityId, person.municipalityId)))
      .for("update");
    if (locked?.status`,
    replace: `      .where(and(eq(trainings.id, training.id), eq(trainings.municipalityId, person.municipalityId)));
    if (locked?.status`,
    test: "tests/integration/trainings.test.ts",
    pattern: "registering at the same instant",
  },
  {
    name: "training-cancel-for-update",
    guards: "two cancellations at once promoting the same person, a place left empty while others wait",
    file: "app/models/training.server.ts",
    find: `      .where(and(eq(trainings.id, training.id), eq(trainings.municipalityId, person.municipalityId)))
      .for("update");
    if (!locked || locked.startsAt <= now) return false;`,
    replace: `      .where(and(eq(trainings.id, training.id), eq(trainings.municipalityId, person.municipalityId)));
    if (!locked || locked.startsAt <= now) return false;`,
    test: "tests/integration/trainings.test.ts",
    pattern: "cancelling at once",
  },
  {
    name: "consent-record-lock",
    guards: "the same consent saved by two reception workers at once recorded twice",
    file: "app/models/feedback.server.ts",
    find: `    await tx.execute(sql\`select pg_advisory_xact_lock(hashtext(\${\`consents:\${report.id}\`}))\`);\n`,
    replace: "",
    test: "tests/integration/feedback.test.ts",
    pattern: "records one consent when two reception workers save the same one at once",
  },
  {
    name: "report-step-check-then-write",
    guards: "a step's preconditions read first and written after, so two steps at once both pass",
    file: "app/models/report.server.ts",
    find: `  const [changed] = await tx
    .update(reports)
    .set(change.set)
    .where(and(reportHere(user, reportId), ...requires.map((p) => p.holds)))
    .returning();`,
    replace: `  const failed = requires.length ? await unmet(tx, user, reportId, requires) : null;
  const [changed] = failed
    ? []
    : await tx.update(reports).set(change.set).where(reportHere(user, reportId)).returning();`,
    test: "tests/integration/races-reports.test.ts",
    pattern: "report steps racing each other",
  },
  {
    name: "report-child-heard-undecided",
    guards: "the child's hearing changed on a report already decided",
    file: "app/models/report.server.ts",
    find: `{ childHeard: heard, childHeardNote: note }, [undecided], { heard });`,
    replace: `{ childHeard: heard, childHeardNote: note }, [], { heard });`,
    test: "tests/integration/races-reports.test.ts",
    pattern: "racing the decision",
  },
  {
    name: "meeting-handover-answer-guard",
    guards: "an invitation handed over twice (two colleagues invited), or accepted after it was handed over",
    file: "app/models/meeting.server.ts",
    find: `          ne(meetingInvitations.answer, "handed_over"),
        ),`,
    replace: `        ),`,
    test: "tests/integration/meeting-handover.test.ts",
    pattern: "at once",
  },
  {
    name: "meeting-answer-holds-meeting",
    guards: "an answer recorded (and the organiser told) after the meeting's cancellation committed",
    file: "app/models/meeting.server.ts",
    find: `      .for("no key update");
    if (!held) return null;`,
    replace: `;
    if (!held) return null;`,
    test: "tests/integration/races-meetings.test.ts",
    pattern: "never records an answer after the cancellation committed",
  },
  {
    name: "meeting-reminder-guard",
    guards: "the day-before reminder sent twice when two servers run it at once",
    file: "app/models/meeting.server.ts",
    find: `        .where(and(eq(meetings.id, id), isNull(meetings.reminderSentAt)))`,
    replace: `        .where(eq(meetings.id, id))`,
    test: "tests/integration/races-reminders.test.ts",
    pattern: "remind each invitee",
  },
  {
    name: "decision-holds-report",
    guards: "a report decided while a 'not opened' proposal for it is waiting for the second look",
    file: "app/models/report.server.ts",
    // A key-share lock conflicts with nothing these steps take: as good as no lock, and the code still type-checks.
    find: `    const held = await holdReport(tx, user, reportId, "update");
    if (!held) return { ok: false, error: "notFound" } as const;
    const { kinds, requires } = await decisionRequires(tx, user, held.id);`,
    replace: `    const held = await holdReport(tx, user, reportId, "key share" as "share");
    if (!held) return { ok: false, error: "notFound" } as const;
    const { kinds, requires } = await decisionRequires(tx, user, held.id);`,
    test: "tests/integration/second-look.test.ts",
    pattern: "a proposal and a decision at once",
  },
  {
    name: "second-look-status-guard",
    guards: "a proposal both approved and returned, or approved twice",
    file: "app/models/report.server.ts",
    find: `        eq(decisionReviews.id, input.proposalId),
        eq(decisionReviews.status, "proposed"),
      );`,
    replace: `        eq(decisionReviews.id, input.proposalId),
      );`,
    test: "tests/integration/second-look.test.ts",
    pattern: "exactly one wins",
  },
  {
    name: "admin-proposal-status-guard",
    guards: "a second administrator's approval applied twice",
    file: "app/models/admin-proposal.server.ts",
    find: `        eq(adminProposals.status, "pending"),
        who,`,
    replace: `        who,`,
    test: "tests/integration/two-administrators.test.ts",
    pattern: "apply the grant once",
  },
  {
    name: "extended-feedback-submission-lock",
    guards: "one extended feedback form sent at once twice making two",
    file: "app/models/feedback.server.ts",
    find: `    await tx.execute(sql\`select pg_advisory_xact_lock(hashtext(\${input.submissionKey}))\`);
    const [already] = await tx`,
    replace: `    const [already] = await tx`,
    test: "tests/integration/idempotent-forms.test.ts",
    pattern: "sends extended feedback once",
  },
  {
    name: "training-create-submission-lock",
    guards: "one training form sent at once twice making two",
    file: "app/models/training.server.ts",
    find: `      await tx.execute(sql\`select pg_advisory_xact_lock(hashtext(\${submissionKey}))\`);
      const [first] = await tx.select().from(trainings)`,
    replace: `      const [first] = await tx.select().from(trainings)`,
    test: "tests/integration/idempotent-forms.test.ts",
    pattern: "creates a training, and a series, once",
  },
  {
    name: "register-report-submission-lock",
    guards: "one registration form sent at once twice making two reports",
    file: "app/models/report.server.ts",
    find: `      await tx.execute(sql\`select pg_advisory_xact_lock(hashtext(\${submissionKey}))\`);
      const [existing] = await tx
        .select({ id: reports.id, reference: reports.reference })`,
    replace: `      const [existing] = await tx
        .select({ id: reports.id, reference: reports.reference })`,
    test: "tests/integration/idempotent-forms.test.ts",
    pattern: "registers a report from another channel once",
  },
];

const REPO = path.resolve(import.meta.dirname, "..");
/** What a test run needs; node_modules is linked, not copied. */
const COPIED = [
  "app",
  "db",
  "tests",
  "locales",
  "scripts",
  "patches",
  "public",
  "vitest.config.ts",
  "tsconfig.json",
  "package.json",
  "remix.env.d.ts",
  "remix.config.js",
];
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** A mutant that hangs (a lock never released) counts as caught only through a failing test, so runs are bounded. */
const RUN_LIMIT_MS = 10 * 60_000;

function argument(name: string) {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

function copyOfRepo() {
  const dir = mkdtempSync(path.join(tmpdir(), "mutation-"));
  for (const entry of COPIED) {
    if (existsSync(path.join(REPO, entry))) cpSync(path.join(REPO, entry), path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

function occurrences(text: string, find: string) {
  let n = 0;
  for (let at = text.indexOf(find); at !== -1; at = text.indexOf(find, at + 1)) n++;
  return n;
}

interface RunResult {
  passed: number;
  failed: number;
  seconds: number;
  /** The first failure's message, to show what caught the mutant. */
  firstFailure?: string;
}

function runTests(dir: string, test: string, pattern: string): RunResult {
  const report = path.join(dir, "vitest-report.json");
  rmSync(report, { force: true });
  const started = Date.now();
  const run = spawnSync(
    "npx",
    ["vitest", "run", "--project", "postgres", test, "-t", pattern, "--reporter=json", `--outputFile=${report}`],
    {
      cwd: dir,
      env: { ...process.env, TEST_DATABASE_URL: serverUrl },
      encoding: "utf8",
      timeout: RUN_LIMIT_MS,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const seconds = (Date.now() - started) / 1000;
  if (!existsSync(report)) {
    throw new Error(`no test report from ${test} (exit ${run.status}):\n${(run.stderr || run.stdout).slice(-3000)}`);
  }
  const json = JSON.parse(readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { assertionResults: { status: string; failureMessages: string[] }[]; message?: string }[];
  };
  const failures = json.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === "failed"));
  const fileError = json.testResults.find((f) => f.message)?.message;
  if (json.numPassedTests + json.numFailedTests === 0) {
    throw new Error(`no test ran in ${test} -t "${pattern}"${fileError ? `: ${fileError.slice(0, 2000)}` : ""}`);
  }
  return {
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    seconds,
    firstFailure: failures[0]?.failureMessages[0]?.split("\n")[0].slice(0, 160),
  };
}

function main() {
  const repeat = Number(argument("--repeat") ?? 1);
  const only = argument("--only")?.split(",");
  const chosen = only ? MUTATIONS.filter((m) => only.includes(m.name)) : MUTATIONS;
  if (process.argv.includes("--list")) {
    for (const m of MUTATIONS) console.log(`${m.name}: ${m.guards} (${m.file}; ${m.test} -t "${m.pattern}")`);
    return;
  }
  if (only && chosen.length !== only.length) {
    throw new Error(`unknown mutation: ${only.filter((n) => !MUTATIONS.some((m) => m.name === n)).join(", ")}`);
  }
  for (const m of chosen) {
    const found = occurrences(readFileSync(path.join(REPO, m.file), "utf8"), m.find);
    if (found !== 1)
      throw new Error(`${m.name}: its text occurs ${found} times in ${m.file}, not once: the code moved`);
  }

  if (!process.argv.includes("--no-baseline")) {
    const baseline = copyOfRepo();
    try {
      const suites = new Map(chosen.map((m) => [`${m.test}\u0000${m.pattern}`, m]));
      for (const m of suites.values()) {
        const run = runTests(baseline, m.test, m.pattern);
        console.log(
          `baseline ${m.test} -t "${m.pattern}": ${run.passed} passed, ${run.failed} failed, ${run.seconds}s`,
        );
        if (run.failed) throw new Error(`the unmutated ${m.test} fails: ${run.firstFailure}`);
      }
    } finally {
      rmSync(baseline, { recursive: true, force: true });
    }
  }

  const rows: { name: string; caught: number; seconds: number; how?: string }[] = [];
  for (const m of chosen) {
    const dir = copyOfRepo();
    try {
      const file = path.join(dir, m.file);
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace(m.find, () => m.replace),
      );
      let caught = 0;
      let seconds = 0;
      let how: string | undefined;
      for (let i = 0; i < repeat; i++) {
        const run = runTests(dir, m.test, m.pattern);
        seconds += run.seconds;
        if (run.failed) {
          caught++;
          how ??= run.firstFailure;
        }
        console.log(`${m.name} run ${i + 1}/${repeat}: ${run.failed ? "caught" : "NOT caught"} (${run.seconds}s)`);
      }
      rows.push({ name: m.name, caught, seconds, how });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  console.log("\n| mutation | test | caught | mean s/run | first failure |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const r of rows) {
    const m = chosen.find((c) => c.name === r.name)!;
    const verdict = r.caught === repeat ? "caught" : "NOT caught";
    const mean = (r.seconds / repeat).toFixed(1);
    console.log(
      `| ${r.name} | ${m.test} -t "${m.pattern}" | ${verdict} ${r.caught}/${repeat} | ${mean} | ${r.how ?? ""} |`,
    );
  }
  if (rows.some((r) => r.caught < repeat)) process.exitCode = 1;
}

main();
