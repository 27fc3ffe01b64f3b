import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { ActionFunctionArgs } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { getDb } from "#db/client.server";
import {
  basicFeedback,
  deviations,
  decisionReviews,
  guardianConsentAnswers,
  meetingInvitations,
  meetings,
  memberships,
  reports,
  reviewCases,
  supplementRequests,
  trainings,
  units,
  users,
  type Role,
} from "#db/schema";
import { addCalendarDays, stockholmDate, stockholmInstant } from "~/domain/deadlines";
import { reviewItems } from "~/domain/review-checklist";
import type { ReviewAnswerForm } from "~/domain/review-schema";
import { oidcSecretSuffix, resetEnv } from "~/lib/env.server";
import { createSession } from "~/lib/session.server";
import { currentCode, encryptSecret, newSecret } from "~/lib/totp.server";
import type { CurrentUser } from "~/lib/permissions.server";
import { propose } from "~/models/admin-proposal.server";
import { saveIdentityProvider } from "~/models/identity.server";
import { fileAgreementDeviation } from "~/models/agreement-deviation.server";
import { planCheckIn } from "~/models/check-in.server";
import { createFeedToken } from "~/models/calendar-feed.server";
import { addConcernKind, concernKindsOf, setConcernKindActive } from "~/models/concern-kinds.server";
import { linkReports } from "~/models/earlier-reports.server";
import { deliverMessage } from "~/models/inbox.server";
import { answerInvitation, createMeeting } from "~/models/meeting.server";
import { answerReviewCase, drawReviewSample, reviewCaseFor } from "~/models/quality-review.server";
import {
  recordChildHeard,
  recordDecision,
  recordProtectionAssessment,
  registerReport,
  requestSupplement,
  saveReportDraft,
} from "~/models/report.server";
import { addSteeringAction, createSteeringMeeting } from "~/models/steering-log.server";
import { createTraining, publishTraining, registerFor } from "~/models/training.server";
import { getCurrentUser, setTotp } from "~/models/user.server";
import {
  createConsent,
  createConsultation,
  createDecidedReport,
  createReport,
  createUnit,
  createUser,
  createWorld,
  publishedArticle,
  reportInput,
  sessionCookieFor,
  TEST_PASSWORD,
} from "../factories";
import { STEP_OF } from "../case-steps";
import { startTestProvider, type TestProvider } from "../oidc-provider";
import { callRoute } from "../routes";

/**
 * Every action of every route, sent what browsers never send but people, proxies and scripts do: NUL bytes, invalid
 * UTF-8, 100 000-character values, days the calendar lacks, year 99999, negative and huge numbers, duplicated and
 * missing fields, a JSON body and broken multipart. Each entry below is a valid form (the baseline, which must be
 * accepted) and the sweep derives the bad inputs from its fields. The answer must never be a 5xx; it must be a 4xx or
 * a form error where the input is wrong; and an error answer must leave the database as it was. A route file with an
 * action but no entry fails the first test, so a new form cannot ship unswept.
 */

type Pair = [string, string];
type Kind =
  | "nul"
  | "utf8"
  | "utf8Raw"
  | "long"
  | "date"
  | "year"
  | "time"
  | "negative"
  | "infinite"
  | "huge"
  | "duplicate"
  | "dropped"
  | "onlyIntent"
  | "json"
  | "multipartBoundary"
  | "multipartCut"
  | "multipart";

/** Inputs that are wrong whatever the field: the answer must say so (a 4xx or a form error). */
const MUST_REFUSE: ReadonlySet<Kind> = new Set([
  "long",
  "date",
  "year",
  "time",
  "negative",
  "infinite",
  "huge",
  "json",
  "multipartBoundary",
  "multipartCut",
]);

interface Req {
  path: string;
  params?: Record<string, string>;
  cookie?: string;
  /** The valid form, in the order a browser sends it (a field may repeat, as checkboxes do). */
  form: Pair[];
}

type World = Awaited<ReturnType<typeof createWorld>> & {
  cookie: Record<Role, string>;
  as(role: Role): Promise<CurrentUser>;
};

interface Baseline {
  label: string;
  /**
   * The request, on rows of its own where the action uses them up. Called again only after an answer that may have
   * changed something (an error answer is checked to have changed nothing, so the same rows serve the next input).
   */
  prepare(w: World): Promise<Req>;
  /** Fields where a wrong value may still be answered with a success, and why (in a comment). "*": every field. */
  lenient?: Record<string, "any" | readonly Kind[]>;
  /** Tables an error answer changes by design. */
  changesOnError?: readonly string[];
  /** The action reads no form at all: any body is as good as none. */
  noForm?: true;
}

const IP = "192.0.2.61"; // this file's own client address: login throttles count per address
const today = () => stockholmDate(new Date());
const inDays = (n: number) => addCalendarDays(today(), n);
const key = () => randomUUID();
const short = () => randomUUID().slice(0, 8);

// ---------------------------------------------------------------------------------------------------------------
// Rows the baselines work on
// ---------------------------------------------------------------------------------------------------------------

/** A report by the school's staff member, received now. */
async function newReport(w: World) {
  const { id } = await createReport(w.user.staff, w.unit.school.id);
  const [row] = await getDb().select().from(reports).where(eq(reports.id, id));
  return row;
}

/** A meeting about a new report with the staff member invited; `past`: it was yesterday. */
async function newMeeting(w: World, options: { past?: boolean; proposed?: boolean } = {}) {
  const report = await newReport(w);
  const meeting = (await createMeeting(
    await w.as("reception_worker"),
    report,
    {
      startsAt: new Date(Date.now() + 7 * 86_400_000),
      durationMinutes: 60,
      form: "in_person",
      place: "Skolan",
      otherParticipants: "",
    },
    [w.user.staff.id],
  ))!;
  const [invitation] = await getDb()
    .select()
    .from(meetingInvitations)
    .where(eq(meetingInvitations.meetingId, meeting.id));
  if (options.proposed) {
    await answerInvitation(await w.as("staff"), invitation.id, {
      answer: "proposed",
      proposedStartsAt: new Date(Date.now() + 9 * 86_400_000),
    });
  }
  if (options.past)
    await getDb()
      .update(meetings)
      .set({ startsAt: new Date(Date.now() - 86_400_000) })
      .where(eq(meetings.id, meeting.id));
  return { report, meetingId: meeting.id, invitationId: invitation.id };
}

async function newTraining(w: World, options: { publish?: boolean; register?: boolean } = {}) {
  const coordinator = await w.as("coordinator");
  const [training] = await createTraining(coordinator, {
    title: "Anmälningsplikten",
    topic: "reporting_duty",
    audienceRoles: ["staff", "principal"],
    audienceUnitKinds: ["school", "preschool"],
    description: "",
    startsAt: new Date(Date.now() + 20 * 86_400_000),
    durationMinutes: 60,
    place: "Stadshuset",
    capacity: 30,
    registrationDeadline: new Date(Date.now() + 10 * 86_400_000),
    organisers: "",
  });
  if (options.publish) await publishTraining(coordinator, training, "one");
  const [row] = await getDb().select().from(trainings).where(eq(trainings.id, training.id));
  if (options.register) {
    const result = await registerFor(row, await w.as("staff"), null);
    if (!result.ok) throw new Error(`newTraining: not registered (${result.error})`);
  }
  return row;
}

/** A steering-group meeting of the municipality, and its page's address. */
async function steeringMeetingPath(w: World) {
  const made = await createSteeringMeeting(await w.as("steering"), {
    heldOn: today(),
    title: "Styrgruppsmöte",
    submissionKey: key(),
  });
  return { path: `/steering/${made!.id}`, params: { meetingId: made!.id } };
}

/** A month of its own for each quality-review sample: a sample is drawn once per month. */
let reviewMonths = 0;
const freshMonth = () => addCalendarDays("2001-01-15", 31 * reviewMonths++).slice(0, 7);

/** A case of a fresh month's quality-review sample, the investigator its reviewer; with `deviation`, answered with one. */
async function newReviewCase(w: World, options: { deviation?: boolean } = {}) {
  const month = freshMonth();
  const at = stockholmInstant(`${month}-10`, "10:00");
  await createDecidedReport(w.user.staff, w.unit.school.id, w.user.reception_worker, at);
  const drawn = await drawReviewSample(await w.as("coordinator"), month);
  if (!drawn.ok) throw new Error("newReviewCase: not drawn");
  const [review] = await getDb()
    .update(reviewCases)
    .set({ reviewerId: w.user.investigator.id })
    .where(eq(reviewCases.sampleId, drawn.sampleId))
    .returning({ id: reviewCases.id });
  if (!options.deviation) return { caseId: review.id, deviationId: null };
  const reviewer = await w.as("investigator");
  const found = (await reviewCaseFor(reviewer, review.id))!;
  const answers = Object.fromEntries(
    reviewItems.map((i) => [i, { answer: found.suggestions[i].answer ?? "na", comment: "", ownerId: "", dueOn: "" }]),
  ) as ReviewAnswerForm;
  answers.child_heard = { answer: "no", comment: "Inte hört.", ownerId: w.user.reception_worker.id, dueOn: inDays(14) };
  await answerReviewCase(reviewer, review.id, answers);
  const [deviation] = await getDb()
    .select({ id: deviations.id })
    .from(deviations)
    .where(eq(deviations.caseId, review.id));
  return { caseId: review.id, deviationId: deviation.id };
}

/** A user of their own (the form changes the user, or ends the session), with a session. */
async function freshUser(w: World, role: Role = "staff", unitId = w.unit.school.id) {
  const user = await createUser({ municipalityId: w.municipality.id, unitId, role });
  return { user, current: (await getCurrentUser(user.id, w.municipality.id))!, cookie: await sessionCookieFor(user) };
}

/** A user with a second factor: `enabled`, or an enrolment waiting for its first code. */
async function userWithTotp(w: World, enabled: boolean) {
  const fresh = await freshUser(w);
  const secret = newSecret();
  await setTotp(fresh.current, { secret: encryptSecret(secret), enabledAt: enabled ? new Date() : null });
  return { ...fresh, secret };
}

const invitationPath = (id: string) => ({ path: `/invitations/${id}`, params: { invitationId: id } });
/** A step of a report's page: the route that answers the form with this intent (tests/case-steps.ts). */
const stepPath = (id: string, intent: string) => ({
  path: `/reports/${id}/${STEP_OF[intent]}`,
  params: { reportId: id },
});
/** The report page's forms, each under the step route that answers it. */
function byCaseStep(baselines: Baseline[]): Record<string, Baseline[]> {
  const files: Record<string, Baseline[]> = {};
  for (const b of baselines) {
    const file = `reports.$reportId.${STEP_OF[b.label]}.tsx`;
    files[file] = [...(files[file] ?? []), b];
  }
  return files;
}
/** A step of a report's feedback page: the route that answers its forms. */
const feedbackPath = (id: string, step: "consents" | "extended") => ({
  path: `/reports/${id}/feedback/${step}`,
  params: { reportId: id },
});
const trainingPath = (id: string) => ({ path: `/trainings/${id}`, params: { trainingId: id } });
const managePath = (id: string) => ({ path: `/trainings/manage/${id}`, params: { trainingId: id } });

// ---------------------------------------------------------------------------------------------------------------
// Valid forms, as the pages send them
// ---------------------------------------------------------------------------------------------------------------

const adviceForm = (w: World): Pair[] => [
  ["occurredOn", inDays(-1)],
  ["occurredTime", "10:00"],
  ["durationMinutes", "15"],
  ["channel", "phone"],
  ["callerUnit", w.unit.school.name],
  ["callerRole", "teacher"],
  ["callerEmail", w.user.staff.email],
  ["concerns", "neglect"],
  ["concerns", "other"],
  ["ageBand", "6-9"],
  ["acute", "on"],
  ["summary", "eleven kommer ofta hungrig och trött till skolan."],
  ["advice", "report_after_observing"],
  ["adviceNote", ""],
  ["followUp", "ringer igen om en vecka."],
  ["confirmNoNames", "on"],
];

const reportContent: Pair[] = [
  ["childName", "Testbarn Testsson"],
  ["childPersonalNumber", ""],
  ["childBirthDate", "2016-05-04"],
  ["childGroup", "4B"],
  ["observations", "Barnet hade blåmärken på armen och sa att det gör ont."],
  ["childWords", "Pappa blir arg."],
  ["guardian1Name", "Vårdnadshavare Ett"],
  ["guardian1Informed", "no"],
  ["guardian1Reason", "Risk för barnet."],
  ["interpreterLanguage", ""],
  ["otherAgencies", ""],
  ["adviceCode", ""],
  ["wantsFeedback", "on"],
];

const portalReportForm = (w: World, draftId: string): Pair[] => [
  ["draftId", draftId],
  ["unitId", w.unit.school.id],
  ...reportContent,
  ["observedOn", inDays(-2)],
  ["observedBy", "me"],
  ["reporterPhone", "070-000 00 00"],
  ["reporterEmail", w.user.staff.email],
];

const guidanceFields = (): Pair[] => [
  ["titleSv", "Anmälningsskyldigheten"],
  ["titleEn", "The reporting duty"],
  ["summarySv", "Vem som ska anmäla och när."],
  ["summaryEn", "Who must report and when."],
  ["bodySv", "## Vem\n\nAlla som arbetar i skolan."],
  ["bodyEn", "## Who\n\nEveryone who works in a school."],
  ["legalReferences", "Socialtjänstlagen (2025:400)\nSkollagen (2010:800)"],
  ["nextReviewOn", inDays(365)],
  ["changeSummarySv", "Förtydligat."],
  ["changeSummaryEn", "Clarified."],
  ["reviewed", "on"],
];

const trainingFields = (): Pair[] => [
  ["title", "Anmälningsplikten för nyanställda"],
  ["topic", "reporting_duty"],
  ["audienceRoles", "staff"],
  ["audienceRoles", "principal"],
  ["audienceUnitKinds", "school"],
  ["description", "Vad anmälningsplikten innebär."],
  ["date", inDays(21)],
  ["time", "14:00"],
  ["durationMinutes", "120"],
  ["place", "Stadshuset, sal 2"],
  ["capacity", "30"],
  ["deadlineDate", inDays(18)],
  ["organisers", "Samverkansenheten"],
];

// ---------------------------------------------------------------------------------------------------------------
// The table: every route file with an action
// ---------------------------------------------------------------------------------------------------------------

// Values a browser sends from a button, radio or hidden field whose wrong value is answered like a missing one.
const CHOICE: readonly Kind[] = ["long", "negative", "infinite", "huge", "date", "year", "time"];

const sweep: Record<string, Baseline[]> = {
  "login.tsx": [
    {
      label: "sign in",
      async prepare(w) {
        // Failed attempts in the sweep must not lock the account for the inputs after them.
        await getDb().execute(
          sql`delete from login_throttles where key in (${`account:${w.user.staff.email}`}, ${`ip:${IP}`})`,
        );
        return {
          path: "/login",
          form: [
            ["email", w.user.staff.email],
            ["password", TEST_PASSWORD],
            ["redirectTo", "/inbox"],
          ],
        };
      },
      // Where to go afterwards: anything but a path inside the portal sends the user to the start page.
      lenient: { redirectTo: "any" },
    },
  ],
  "login_.code.tsx": [
    {
      label: "second factor",
      async prepare(w) {
        const { user, secret } = await userWithTotp(w, true);
        const pending = (
          await createSession({ userId: user.id, municipalityId: w.municipality.id, secondFactorPending: true })
        ).split(";")[0];
        return {
          path: "/login/code",
          cookie: pending,
          form: [
            ["code", currentCode(secret)],
            ["redirectTo", "/inbox"],
          ],
        };
      },
      lenient: { redirectTo: "any" },
    },
  ],
  "login_.confirm.tsx": [
    {
      label: "step-up code",
      async prepare(w) {
        const { user, secret } = await userWithTotp(w, true);
        return {
          path: "/login/confirm",
          cookie: await sessionCookieFor(user),
          form: [
            ["code", currentCode(secret)],
            ["redirectTo", "/reports"],
            ["reason", "report"],
          ],
        };
      },
      // Where to go afterwards and why it was asked: anything unknown falls back to the start page and "report".
      lenient: { redirectTo: "any", reason: "any" },
    },
  ],
  "login_.oidc.backchannel.ts": [
    (() => {
      // A valid logout token needs the municipality's provider: a real one, started for this entry's test only.
      let started: Promise<TestProvider> | undefined;
      const baseline: Baseline = {
        label: "back-channel logout from the municipality's provider",
        async prepare(w) {
          if (!started) {
            const secretName = `OIDC_CLIENT_SECRET_${oidcSecretSuffix(w.municipality.slug)}`;
            started = (async () => {
              const provider = await startTestProvider({
                clients: [{ clientId: "tillsammans", clientSecret: "sweep-secret", redirectUris: [] }],
                accounts: [],
              });
              process.env[secretName] = "sweep-secret";
              resetEnv();
              await saveIdentityProvider({
                municipalityId: w.municipality.id,
                issuer: provider.issuer,
                clientId: "tillsammans",
                displayName: "Svepstad",
                passwordSignIn: true,
              });
              return provider;
            })();
            const stopping = started;
            onTestFinished(async () => {
              await (await stopping).stop();
              delete process.env[secretName];
              resetEnv();
            });
          }
          const provider = await started;
          const token = await provider.sign({
            iss: provider.issuer,
            aud: "tillsammans",
            iat: Math.floor(Date.now() / 1000),
            jti: randomUUID(),
            events: { "http://schemas.openid.net/event/backchannel-logout": {} },
            sid: `no-such-session-${short()}`,
          });
          return { path: "/login/oidc/backchannel", form: [["logout_token", token]] };
        },
      };
      return baseline;
    })(),
  ],
  "logout.tsx": [
    {
      label: "sign out",
      prepare: async (w) => ({ path: "/logout", cookie: await sessionCookieFor(w.user.staff), form: [] }),
      noForm: true,
    },
  ],
  "language.tsx": [
    {
      label: "switch language",
      prepare: async (w) => ({
        path: "/language",
        cookie: w.cookie.staff,
        form: [
          ["locale", "en"],
          ["returnTo", "/reports"],
        ],
      }),
      // The header's buttons: an unknown language changes nothing and goes back; a foreign address goes to the start.
      lenient: { locale: "any", returnTo: "any" },
    },
  ],
  "settings.tsx": [
    {
      label: "language",
      prepare: async (w) => ({
        path: "/settings",
        cookie: (await freshUser(w)).cookie,
        form: [
          ["intent", "language"],
          ["locale", "en"],
        ],
      }),
    },
    {
      label: "password",
      async prepare(w) {
        const next = "ett nytt och långt lösenord";
        return {
          path: "/settings",
          cookie: (await freshUser(w)).cookie,
          form: [
            ["intent", "password"],
            ["current", TEST_PASSWORD],
            ["next", next],
            ["confirm", next],
          ],
        };
      },
    },
    {
      label: "totp-start",
      prepare: async (w) => ({
        path: "/settings",
        cookie: (await freshUser(w)).cookie,
        form: [["intent", "totp-start"]],
      }),
    },
    {
      label: "totp-confirm",
      async prepare(w) {
        const { cookie, secret } = await userWithTotp(w, false);
        return {
          path: "/settings",
          cookie,
          form: [
            ["intent", "totp-confirm"],
            ["code", currentCode(secret)],
          ],
        };
      },
    },
    {
      label: "totp-remove",
      async prepare(w) {
        const { cookie, secret } = await userWithTotp(w, true);
        return {
          path: "/settings",
          cookie,
          form: [
            ["intent", "totp-remove"],
            ["code", currentCode(secret)],
          ],
        };
      },
    },
  ],
  "inbox.$messageId.tsx": [
    ...(["markRead", "markRead-auto"] as const).map(
      (intent): Baseline => ({
        label: intent,
        async prepare(w) {
          const id = await deliverMessage({
            municipalityId: w.municipality.id,
            recipientId: w.user.staff.id,
            template: "inbox:templates.welcome",
            params: {},
          });
          return {
            path: `/inbox/${id}`,
            params: { messageId: id },
            cookie: w.cookie.staff,
            form: [["intent", intent]],
          };
        },
        // Any intent but the script's own marks the message read and goes back to the inbox.
        lenient: { intent: "any" },
      }),
    ),
  ],
  "admin.users._index.tsx": [
    {
      label: "search",
      prepare: async (w) => ({
        path: "/admin/users",
        cookie: w.cookie.admin,
        form: [
          ["q", "Test"],
          ["page", "1"],
        ],
      }),
      // A search stores nothing: a long term is searched by its first 200 characters; a page out of range is page 1.
      lenient: { q: ["long"], page: "any" },
    },
  ],
  "admin.users.new.tsx": [
    {
      label: "create user",
      prepare: async (w) => ({
        path: "/admin/users/new",
        cookie: w.cookie.admin,
        form: [
          ["name", "Ny Användare"],
          ["email", `ny-${short()}@test.example`],
          ["password", "ett långt lösenord 123"],
          ["unitId", w.unit.school.id],
          ["role", "staff"],
        ],
      }),
    },
  ],
  // The user page's step routes (its forms post there), each with the intents it takes.
  ...Object.fromEntries(
    Object.entries({
      profile: [
        [
          "profile",
          () => [
            ["name", "Nytt Namn"],
            ["email", `nytt-${short()}@test.example`],
          ],
        ],
      ],
      memberships: [
        [
          "add-membership",
          (w) => [
            ["unitId", w.unit.preschool.id],
            ["role", "staff"],
          ],
        ],
        ["remove-membership", () => []],
      ],
      credentials: [
        ["reset-password", () => [["password", "ett annat långt lösenord"]]],
        ["reset-second-factor", () => []],
      ],
      account: [
        ["deactivate", () => []],
        ["reactivate", () => []],
      ],
    } satisfies Record<string, [string, (w: World) => Pair[]][]>).map(([step, intents]): [string, Baseline[]] => [
      `admin.users.$userId.${step}.tsx`,
      intents.map(
        ([intent, fields]): Baseline => ({
          label: intent,
          async prepare(w) {
            const { user } = await freshUser(w);
            const extra: Pair[] = [];
            if (intent === "remove-membership") {
              const [m] = await getDb()
                .select({ id: memberships.id })
                .from(memberships)
                .where(eq(memberships.userId, user.id));
              extra.push(["membershipId", m.id]);
            }
            if (intent === "reactivate")
              await getDb()
                .update(users)
                .set({ active: false, deactivatedAt: new Date() })
                .where(eq(users.id, user.id));
            return {
              path: `/admin/users/${user.id}/${step}`,
              params: { userId: user.id },
              cookie: w.cookie.admin,
              form: [["intent", intent], ...fields(w), ...extra],
            };
          },
        }),
      ),
    ]),
  ),
  // A change that takes two administrators: the world's admin decides another admin's proposal, or withdraws their own.
  "admin.users.$userId.proposals.tsx": (["approve", "reject", "withdraw"] as const).map(
    (intent): Baseline => ({
      label: intent,
      async prepare(w) {
        const { user } = await freshUser(w);
        const proposer =
          intent === "withdraw" ? await w.as("admin") : (await freshUser(w, "admin", w.unit.administration.id)).current;
        const proposed = await propose(proposer, user.id, {
          kind: "grant_role",
          unitId: w.unit.reception.id,
          role: "reception_worker",
        });
        if (!proposed.ok) throw new Error(proposed.error);
        return {
          path: `/admin/users/${user.id}/proposals`,
          params: { userId: user.id },
          cookie: w.cookie.admin,
          form: [
            ["intent", intent],
            ["proposalId", proposed.proposalId],
          ],
        };
      },
    }),
  ),
  "admin.sign-in.tsx": [
    {
      label: "identity provider",
      prepare: async (w) => ({
        path: "/admin/sign-in",
        cookie: w.cookie.admin,
        form: [
          ["intent", "provider"],
          ["issuer", "https://idp.example-kommun.se"],
          ["clientId", "tillsammans"],
          ["displayName", "Exempelstad"],
          ["passwordSignIn", "yes"],
        ],
      }),
      // A checkbox: anything but "yes" is refused, absent is "no".
      lenient: { passwordSignIn: "any" },
      // Saving again with the same values is the same row.
    },
    {
      label: "group gives a role",
      prepare: async (w) => ({
        path: "/admin/sign-in",
        cookie: w.cookie.admin,
        form: [
          ["intent", "groupRole"],
          ["groupName", `grupp-${short()}`],
          ["unitId", w.unit.school.id],
          ["role", "staff"],
        ],
      }),
    },
  ],
  "admin.units._index.tsx": [
    {
      label: "create unit",
      prepare: async (w) => ({
        path: "/admin/units",
        cookie: w.cookie.admin,
        form: [
          ["kind", "school"],
          ["name", `Nya skolan ${short()}`],
          ["enrolledChildren", "120"],
        ],
      }),
    },
  ],
  "admin.units.$unitId.tsx": [
    {
      label: "edit",
      async prepare(w) {
        const unit = await createUnit(w.municipality.id, "school");
        return {
          path: `/admin/units/${unit.id}`,
          params: { unitId: unit.id },
          cookie: w.cookie.admin,
          form: [
            ["intent", "edit"],
            ["kind", "school"],
            ["name", `Omdöpt skola ${short()}`],
            ["enrolledChildren", "150"],
          ],
        };
      },
    },
    {
      label: "serves",
      async prepare(w) {
        const unit = await createUnit(w.municipality.id, "student_health");
        return {
          path: `/admin/units/${unit.id}`,
          params: { unitId: unit.id },
          cookie: w.cookie.admin,
          form: [
            ["intent", "serves"],
            ["servesUnitId", w.unit.school.id],
          ],
        };
      },
    },
    ...(["deactivate", "reactivate"] as const).map(
      (intent): Baseline => ({
        label: intent,
        async prepare(w) {
          const unit = await createUnit(w.municipality.id, "preschool");
          if (intent === "reactivate") await getDb().update(units).set({ active: false }).where(eq(units.id, unit.id));
          return {
            path: `/admin/units/${unit.id}`,
            params: { unitId: unit.id },
            cookie: w.cookie.admin,
            form: [["intent", intent]],
          };
        },
      }),
    ),
  ],
  "units.$unitId_.contact.tsx": [
    ...(["assign", "remove"] as const).map(
      (intent): Baseline => ({
        label: `contact ${intent}`,
        prepare: async (w) => ({
          path: `/units/${w.unit.school.id}/contact`,
          params: { unitId: w.unit.school.id },
          cookie: w.cookie.principal,
          form:
            intent === "assign"
              ? [
                  ["intent", intent],
                  ["userId", w.user.staff.id],
                ]
              : [["intent", intent]],
        }),
      }),
    ),
  ],
  "advice.new.tsx": [
    {
      label: "log advice",
      prepare: async (w) => ({
        path: "/advice/new",
        cookie: w.cookie.reception_worker,
        form: [...adviceForm(w), ["submissionKey", key()]],
      }),
    },
  ],
  "advice.$consultationId.tsx": [
    {
      label: "amend",
      async prepare(w) {
        const { id } = await createConsultation(w.user.reception_worker);
        return {
          path: `/advice/${id}`,
          params: { consultationId: id },
          cookie: w.cookie.reception_worker,
          form: [
            ["intent", "amend"],
            ["text", "uppringaren hörde av sig igen: anmälan är gjord."],
            ["submissionKey", key()],
          ],
        };
      },
    },
    {
      label: "correct",
      async prepare(w) {
        const { id } = await createConsultation(w.user.reception_worker);
        return {
          path: `/advice/${id}`,
          params: { consultationId: id },
          cookie: w.cookie.reception_worker,
          form: adviceForm(w),
        };
      },
    },
  ],
  "feedback._index.tsx": [
    {
      label: "feedback given outside the portal",
      async prepare(w) {
        const worker = await w.as("reception_worker");
        const { unitId, ...content } = reportInput(w.unit.school.id);
        const report = await registerReport(worker, {
          ...content,
          unitId,
          channel: "phone",
          receivedAt: new Date(Date.now() - 3_600_000),
          reporterName: "Anna Anmälare",
          reporterPhone: "070-111 11 11",
          reporterEmail: "",
        });
        const [task] = await getDb()
          .select({ id: basicFeedback.id })
          .from(basicFeedback)
          .where(eq(basicFeedback.reportId, report.id));
        return {
          path: "/feedback",
          cookie: w.cookie.reception_worker,
          form: [
            ["feedbackId", task.id],
            ["channel", "phone"],
            ["date", today()],
          ],
        };
      },
    },
  ],
  "feedback.texts.tsx": [
    {
      label: "settings",
      prepare: async (w) => ({
        path: "/feedback/texts",
        cookie: w.cookie.coordinator,
        form: [
          ["intent", "settings"],
          ["responseDays", "10"],
          ["responseDayKind", "working"],
          ["bothGuardiansRequired", "yes"],
        ],
      }),
      // A checkbox: anything but "yes" is unticked.
      lenient: { bothGuardiansRequired: "any" },
    },
    {
      label: "text",
      prepare: async (w) => ({
        path: "/feedback/texts",
        cookie: w.cookie.coordinator,
        form: [
          ["intent", "text"],
          ["key", "received"],
          ["sv", "Vi har tagit emot anmälan {reference}."],
          ["en", "We have received report {reference}."],
        ],
      }),
    },
  ],
  "guidance.manage.new.tsx": (["save", "publish"] as const).map(
    (intent): Baseline => ({
      label: intent,
      prepare: async (w) => ({
        path: "/guidance/manage/new",
        cookie: w.cookie.coordinator,
        form: [["slug", `artikel-${short()}`], ...guidanceFields(), ["intent", intent]],
      }),
      // The two buttons: anything but "publish" saves a draft.
      lenient: { intent: "any" },
    }),
  ),
  "guidance.manage.$articleId.tsx": [
    ...(["save", "publish"] as const).map(
      (intent): Baseline => ({
        label: intent,
        async prepare(w) {
          const { id } = await publishedArticle(w.municipality.id, `artikel-${short()}`);
          return {
            path: `/guidance/manage/${id}`,
            params: { articleId: id },
            cookie: w.cookie.coordinator,
            form: [...guidanceFields(), ["intent", intent]],
          };
        },
      }),
    ),
    {
      label: "restore",
      async prepare(w) {
        const { id } = await publishedArticle(w.municipality.id, `artikel-${short()}`);
        return {
          path: `/guidance/manage/${id}`,
          params: { articleId: id },
          cookie: w.cookie.coordinator,
          form: [
            ["intent", "restore"],
            ["number", "1"],
          ],
        };
      },
    },
    {
      label: "review",
      async prepare(w) {
        const { id } = await publishedArticle(w.municipality.id, `artikel-${short()}`);
        return {
          path: `/guidance/manage/${id}`,
          params: { articleId: id },
          cookie: w.cookie.coordinator,
          form: [
            ["intent", "review"],
            ["number", "1"],
          ],
        };
      },
    },
  ],
  "guidance.manage.contacts.tsx": [
    {
      label: "contacts",
      prepare: async (w) => ({
        path: "/guidance/manage/contacts",
        cookie: w.cookie.coordinator,
        form: [
          ["receptionPhone", "042-10 50 00"],
          ["receptionEmail", "mottagning@test.example"],
          ["receptionHoursSv", "Vardagar 8–16"],
          ["receptionHoursEn", "Weekdays 8–16"],
          ["outOfHoursPhone", "042-10 50 10"],
          ["outOfHoursHoursSv", "Kvällar och helger"],
          ["outOfHoursHoursEn", "Evenings and weekends"],
          ["emergencyNumber", "112"],
        ],
      }),
      // A phone number is digits: twenty of them pass the rule for a number (3 to 30 digits and separators).
      lenient: { emergencyNumber: ["huge"] },
    },
  ],
  "guidance.manage.concern-kinds.tsx": [
    {
      label: "add",
      prepare: async (w) => ({
        path: "/guidance/manage/concern-kinds",
        cookie: w.cookie.coordinator,
        form: [
          ["intent", "add"],
          ["submissionKey", key()],
          ["labelSv", `Typ ${short()}`],
          ["labelEn", `Kind ${short()}`],
          ["violence", "yes"],
        ],
      }),
      // A checkbox: anything but "yes" is unticked.
      lenient: { violence: "any" },
    },
    ...(["edit", "retire", "reactivate", "move"] as const).map(
      (intent): Baseline => ({
        label: intent,
        async prepare(w) {
          const coordinator = await w.as("coordinator");
          const wording = { labelSv: `Typ ${short()}`, labelEn: `Kind ${short()}`, violence: false };
          const added = await addConcernKind(coordinator, wording, key());
          if (!added.ok) throw new Error(`${intent}: no kind added`);
          if (intent === "reactivate") await setConcernKindActive(coordinator, added.id, false);
          const fields: Pair[] =
            intent === "edit"
              ? [
                  ["labelSv", `Typ ${short()}`],
                  ["labelEn", `Kind ${short()}`],
                  ["violence", "yes"],
                ]
              : intent === "move"
                ? [["direction", "up"]]
                : [];
          return {
            path: "/guidance/manage/concern-kinds",
            cookie: w.cookie.coordinator,
            form: [["intent", intent], ["kindId", added.id], ...fields],
          };
        },
        // A checkbox: anything but "yes" is unticked.
        lenient: intent === "edit" ? { violence: "any" } : undefined,
      }),
    ),
  ],
  "invitations.$invitationId.tsx": (
    [
      ["accepted", () => []],
      ["declined", () => [["reason", "Jag är på kurs den dagen."]]],
      [
        "proposed",
        () => [
          ["date", inDays(10)],
          ["time", "09:30"],
        ],
      ],
      ["handed_over", (w) => [["colleagueId", w.user.principal.id]]],
    ] as [string, (w: World) => Pair[]][]
  ).map(
    ([intent, fields]): Baseline => ({
      label: intent,
      async prepare(w) {
        const { invitationId } = await newMeeting(w);
        return { ...invitationPath(invitationId), cookie: w.cookie.staff, form: [["intent", intent], ...fields(w)] };
      },
    }),
  ),
  "reports.new.tsx": [
    ...(["autosave", "save"] as const).map(
      (intent): Baseline => ({
        label: intent,
        prepare: async (w) => {
          const draftId = randomUUID();
          return {
            path: `/reports/new?draft=${draftId}`,
            cookie: w.cookie.staff,
            form: [["intent", intent], ...portalReportForm(w, draftId)],
          };
        },
        // A draft keeps what was typed, as typed (up to 20 000 characters a field, past every field's own limit);
        // the fields are checked when the report is sent.
        lenient: { "*": "any" },
      }),
    ),
    {
      label: "discard",
      async prepare(w) {
        const draftId = randomUUID();
        await saveReportDraft(await w.as("staff"), draftId, { childName: "Utkast" });
        return {
          path: `/reports/new?draft=${draftId}`,
          cookie: w.cookie.staff,
          form: [
            ["intent", "discard"],
            ["draftId", draftId],
          ],
        };
      },
    },
    {
      label: "submit",
      prepare: async (w) => {
        const draftId = randomUUID();
        return {
          path: `/reports/new?draft=${draftId}`,
          cookie: w.cookie.staff,
          form: [["intent", "submit"], ...portalReportForm(w, draftId)],
        };
      },
      // A refused report is kept as a draft, so nothing typed is lost.
      changesOnError: ["report_drafts"],
    },
  ],
  "reports.register.tsx": [
    {
      label: "register",
      prepare: async (w) => ({
        path: "/reports/register",
        cookie: w.cookie.reception_worker,
        form: [
          ["channel", "phone"],
          ["receivedOn", inDays(-1)],
          ["receivedTime", "08:00"],
          ["unitId", w.unit.school.id],
          ...reportContent,
          ["observedOn", inDays(-2)],
          ["reporterName", "Anna Anmälare"],
          ["reporterPhone", "070-111 11 11"],
          ["reporterEmail", "anna@test.example"],
          ["submissionKey", key()],
        ],
      }),
    },
  ],
  ...byCaseStep([
    ...(
      [
        ["assess", () => [["outcome", "no_immediate_need"]]],
        ["assign", (w) => [["assigneeId", w.user.investigator.id]]],
        [
          "childHeard",
          () => [
            ["heard", "no"],
            ["text", "Barnet var sjukt hela veckan."],
          ],
        ],
        [
          "requestSupplement",
          () => [
            ["question", "När såg du blåmärkena första gången?"],
            ["submissionKey", key()],
          ],
        ],
        ["neededSupplement", () => [["needed", "yes"]]],
        ["threat", () => [["flagged", "yes"]]],
        [
          "police",
          () => [
            ["considered", "yes"],
            ["reported", "no"],
            ["note", "Inga uppgifter om brott mot barnet."],
            ["consultedOn", inDays(-1)],
          ],
        ],
        [
          "noMeeting",
          () => [
            ["reason", "other"],
            ["text", "Familjen har flyttat."],
          ],
        ],
        [
          "note",
          () => [
            ["text", "Ring skolan på måndag."],
            ["submissionKey", key()],
          ],
        ],
        [
          "meeting",
          (w) => [
            ["date", inDays(7)],
            ["time", "10:00"],
            ["duration", "60"],
            ["form", "in_person"],
            ["place", "Skolan, rum 3"],
            ["otherParticipants", "Tolk"],
            ["invitees", w.user.staff.id],
            ["invitees", w.user.principal.id],
            ["submissionKey", key()],
          ],
        ],
      ] as [string, (w: World) => Pair[]][]
    ).map(
      ([intent, fields]): Baseline => ({
        label: intent,
        prepare: async (w) => ({
          ...stepPath((await newReport(w)).id, intent),
          cookie: w.cookie.reception_worker,
          form: [["intent", intent], ...fields(w)],
        }),
        lenient:
          intent === "meeting"
            ? // The meeting's length and form are chosen from lists; a value not on them is the list's default.
              { duration: CHOICE, form: CHOICE }
            : intent === "neededSupplement"
              ? // A yes/no choice: anything but "yes" is no.
                { needed: "any" }
              : undefined,
      }),
    ),
    {
      label: "decide",
      async prepare(w) {
        const report = await newReport(w);
        const worker = await w.as("reception_worker");
        await recordProtectionAssessment(worker, report.id, "no_immediate_need");
        await recordChildHeard(worker, report.id, true, "");
        return {
          ...stepPath(report.id, "decide"),
          cookie: w.cookie.reception_worker,
          form: [
            ["intent", "decide"],
            ["decision", "not_opened"],
            ["remainingConcern", "no"],
            ["ground", "need_met_outside_social_services"],
            ["reasons", "Elevhälsan och familjen har en plan; barnet berättade själv att det är bättre."],
          ],
        };
      },
    },
    // An opened investigation: its start corrected, its limit extended, its end recorded (an investigator's).
    ...(
      [
        ["investigationStart", () => [["startedOn", inDays(0)]]],
        [
          "investigationExtend",
          () => [
            ["dueOn", inDays(200)],
            ["reason", "Väntar på utlåtande från BUP."],
          ],
        ],
        [
          "investigationEnd",
          () => [
            ["endedOn", inDays(0)],
            ["outcome", "support_granted"],
          ],
        ],
      ] as [string, () => Pair[]][]
    ).map(
      ([intent, fields]): Baseline => ({
        label: intent,
        async prepare(w) {
          const report = await newReport(w);
          const worker = await w.as("reception_worker");
          await recordProtectionAssessment(worker, report.id, "no_immediate_need");
          await recordChildHeard(worker, report.id, true, "");
          await recordDecision(worker, report.id, {
            decision: "opened",
            remainingConcern: false,
            ground: null,
            reasons: "",
          });
          return {
            ...stepPath(report.id, intent),
            cookie: w.cookie.investigator,
            form: [["intent", intent], ...fields()],
          };
        },
      }),
    ),
    ...(["approve", "return"] as const).map(
      (intent): Baseline => ({
        label: intent,
        async prepare(w) {
          // A "not opened" on a child not heard: proposed, waiting for a lead's second look.
          const report = await newReport(w);
          const worker = await w.as("reception_worker");
          await recordProtectionAssessment(worker, report.id, "no_immediate_need");
          await recordChildHeard(worker, report.id, false, "Barnet var bortrest.");
          const reasons = "Elevhälsan och familjen har en plan.";
          const input = { decision: "not_opened", remainingConcern: false, ground: "other", reasons } as const;
          if (!("proposed" in (await recordDecision(worker, report.id, input))))
            throw new Error(`${intent}: not proposed`);
          const [proposal] = await getDb()
            .select({ id: decisionReviews.id })
            .from(decisionReviews)
            .where(eq(decisionReviews.reportId, report.id));
          return {
            ...stepPath(report.id, intent),
            cookie: w.cookie.reception_lead,
            form: [
              ["intent", intent],
              ["proposalId", proposal.id],
              ["comment", "Hör barnet innan beslutet."],
            ],
          };
        },
      }),
    ),
    {
      label: "kinds",
      async prepare(w) {
        const [report, kinds] = [await newReport(w), await concernKindsOf({ municipalityId: w.municipality.id })];
        return {
          ...stepPath(report.id, "kinds"),
          cookie: w.cookie.reception_worker,
          form: [
            ["intent", "kinds"],
            ["kindIds", kinds[0].id],
            ["kindIds", kinds[4].id],
          ],
        };
      },
    },
    {
      label: "link",
      async prepare(w) {
        const [report, other] = [await newReport(w), await newReport(w)];
        return {
          ...stepPath(report.id, "link"),
          cookie: w.cookie.reception_worker,
          form: [
            ["intent", "link"],
            ["reference", other.reference],
          ],
        };
      },
    },
    {
      label: "unlink",
      async prepare(w) {
        const [report, other] = [await newReport(w), await newReport(w)];
        if ((await linkReports(await w.as("reception_worker"), report.id, other.reference)) !== "linked")
          throw new Error("unlink: not linked");
        return {
          ...stepPath(report.id, "unlink"),
          cookie: w.cookie.reception_worker,
          form: [
            ["intent", "unlink"],
            ["linkedReportId", other.id],
          ],
        };
      },
    },
    ...(["reschedule", "cancelMeeting", "acceptProposal", "held"] as const).map(
      (intent): Baseline => ({
        label: intent,
        async prepare(w) {
          const { report, meetingId, invitationId } = await newMeeting(w, {
            past: intent === "held",
            proposed: intent === "acceptProposal",
          });
          const fields: Pair[] =
            intent === "reschedule"
              ? [
                  ["date", inDays(8)],
                  ["time", "13:15"],
                ]
              : intent === "acceptProposal"
                ? [["invitationId", invitationId]]
                : intent === "held"
                  ? [["attended", invitationId]]
                  : [["confirm", "yes"]];
          return {
            ...stepPath(report.id, intent),
            cookie: w.cookie.reception_worker,
            form: [["intent", intent], ["meetingId", meetingId], ...fields],
          };
        },
        // Ticked invitees: an id that is no invitation of the meeting is nobody's attendance.
        lenient: intent === "held" ? { attended: CHOICE } : undefined,
      }),
    ),
    {
      label: "supplement",
      async prepare(w) {
        const report = await newReport(w);
        await requestSupplement(await w.as("reception_worker"), report, { question: "Hur ofta?" });
        const [request] = await getDb()
          .select({ id: supplementRequests.id })
          .from(supplementRequests)
          .where(eq(supplementRequests.reportId, report.id));
        return {
          ...stepPath(report.id, "supplement"),
          cookie: w.cookie.staff,
          form: [
            ["intent", "supplement"],
            ["text", "Varje vecka sedan i höstas."],
            ["requestId", request.id],
            ["submissionKey", key()],
          ],
        };
      },
      // Which question the supplement answers: an unknown one makes it a supplement of its own.
      lenient: { requestId: CHOICE },
    },
  ]),
  "reports.$reportId_.survey.tsx": [
    {
      label: "survey",
      async prepare(w) {
        // A decided report: its reporter may answer the three questions once.
        const report = await newReport(w);
        const worker = await w.as("reception_worker");
        await recordProtectionAssessment(worker, report.id, "no_immediate_need");
        await recordChildHeard(worker, report.id, true, "");
        const input = { decision: "opened", remainingConcern: false, ground: null, reasons: "" } as const;
        if (!("ok" in (await recordDecision(worker, report.id, input)))) throw new Error("survey: not decided");
        return {
          path: `/reports/${report.id}/survey`,
          params: { reportId: report.id },
          cookie: w.cookie.staff,
          form: [
            ["timely", "yes"],
            ["meetingUseful", "no_meeting"],
            ["callAgain", "unsure"],
          ],
        };
      },
    },
  ],
  "reports.$reportId_.guardian-consent.tsx": [
    {
      label: "guardianAnswer",
      async prepare(w) {
        const report = await newReport(w);
        return {
          path: `/reports/${report.id}/guardian-consent`,
          params: { reportId: report.id },
          cookie: w.cookie.staff,
          form: [
            ["intent", "record"],
            ["submissionKey", randomUUID()],
            ["askedOn", today()],
            ["giver", "guardian"],
            ["givenBy", "Anna Andersson, mamma"],
            ["answer", "yes"],
            ["infoKinds", "school_support"],
            ["form", "oral"],
            ["note", "Svarade per telefon."],
          ],
        };
      },
    },
    ...(
      [
        [
          "guardianConfirm",
          () => [
            ["intent", "confirm"],
            ["submissionKey", randomUUID()],
            ["validUntil", inDays(90)],
          ],
        ],
        [
          "guardianDecline",
          () => [
            ["intent", "decline"],
            ["reason", "Kunde inte bekräftas med vårdnadshavarna."],
          ],
        ],
      ] as const
    ).map(([label, fields]) => ({
      label,
      async prepare(w: World): Promise<Req> {
        // An answer the school recorded, waiting for reception.
        const report = await newReport(w);
        const [answer] = await getDb()
          .insert(guardianConsentAnswers)
          .values({
            municipalityId: report.municipalityId,
            reportId: report.id,
            recordedById: w.user.staff.id,
            askedOn: today(),
            giver: "guardian",
            givenBy: "Anna Andersson, mamma",
            answer: "yes",
            infoKinds: ["school_support"],
            form: "oral",
            submissionKey: randomUUID(),
          })
          .returning({ id: guardianConsentAnswers.id });
        const [intent, ...rest] = fields();
        return {
          path: `/reports/${report.id}/guardian-consent`,
          params: { reportId: report.id },
          cookie: w.cookie.reception_worker,
          form: [intent, ["answerId", answer.id], ...rest] as Pair[],
        };
      },
    })),
  ],
  "reports.$reportId_.feedback.consents.tsx": [
    {
      label: "consent",
      prepare: async (w) => ({
        ...feedbackPath((await newReport(w)).id, "consents"),
        cookie: w.cookie.reception_worker,
        form: [
          ["giver", "guardians"],
          ["givenBy", "Vårdnadshavare Ett och Två"],
          ["jointCustody", "yes"],
          ["bothGuardiansConsented", "yes"],
          ["form", "written"],
          ["documentReference", "Dnr 2026-17"],
          ["recipientUnitIds", w.unit.school.id],
          ["recipientUserIds", w.user.staff.id],
          ["infoKinds", "school_support"],
          ["infoKinds", "outcome_and_support"],
          ["validFrom", today()],
          ["validUntil", inDays(90)],
          ["intent", "consent"],
          ["submissionKey", key()],
        ],
      }),
      // Yes/no radios: anything but "yes" is no. Recipients are ticked from a list: an id not on it is nobody.
      lenient: {
        jointCustody: "any",
        bothGuardiansConsented: "any",
        recipientUnitIds: CHOICE,
        recipientUserIds: CHOICE,
      },
    },
    {
      label: "withdraw",
      async prepare(w) {
        const report = await newReport(w);
        const consent = await createConsent(await w.as("reception_worker"), report, w.user.staff.id);
        return {
          ...feedbackPath(report.id, "consents"),
          cookie: w.cookie.reception_worker,
          form: [
            ["intent", "withdraw"],
            ["consentId", consent.id],
          ],
        };
      },
    },
  ],
  "reports.$reportId_.feedback.extended.tsx": [
    {
      label: "send",
      async prepare(w) {
        const report = await newReport(w);
        await createConsent(await w.as("reception_worker"), report, w.user.staff.id);
        return {
          ...feedbackPath(report.id, "extended"),
          cookie: w.cookie.reception_worker,
          form: [
            ["intent", "send"],
            ["recipientId", w.user.staff.id],
            ["kind", "school_support"],
            ["body", "Skolan får stöd av elevhälsan."],
            ["submissionKey", key()],
          ],
        };
      },
    },
  ],
  "reviews._index.tsx": [
    {
      label: "draw",
      prepare: async (w) => ({
        path: "/reviews",
        cookie: w.cookie.coordinator,
        form: [
          ["intent", "draw"],
          ["month", freshMonth()],
        ],
      }),
    },
    {
      label: "size",
      prepare: async (w) => ({
        path: "/reviews",
        cookie: w.cookie.coordinator,
        form: [
          ["intent", "size"],
          ["size", "12"],
        ],
      }),
    },
    {
      label: "close",
      async prepare(w) {
        const { deviationId } = await newReviewCase(w, { deviation: true });
        return {
          path: "/reviews",
          cookie: w.cookie.reception_worker,
          form: [
            ["intent", "close"],
            ["deviationId", deviationId!],
            ["note", "Rutinen för att höra barnet är genomgången."],
          ],
        };
      },
    },
  ],
  "reviews.$caseId.tsx": [
    {
      label: "answer",
      async prepare(w) {
        const { caseId } = await newReviewCase(w);
        const item = (i: string, answer: string, rest: Pair[] = []): Pair[] =>
          rest.length
            ? [[`${i}.answer`, answer], ...rest]
            : [
                [`${i}.answer`, answer],
                [`${i}.comment`, ""],
                [`${i}.ownerId`, ""],
                [`${i}.dueOn`, ""],
              ];
        return {
          path: `/reviews/${caseId}`,
          params: { caseId },
          cookie: w.cookie.investigator,
          form: reviewItems.flatMap((i) =>
            i === "child_heard"
              ? item(i, "no", [
                  [`${i}.comment`, "Barnet hördes inte och inget skäl är skrivet."],
                  [`${i}.ownerId`, w.user.reception_worker.id],
                  [`${i}.dueOn`, inDays(14)],
                ])
              : item(i, i === "protection_on_time" ? "yes" : "na"),
          ),
        };
      },
    },
  ],
  "check-ins._index.tsx": [
    {
      label: "plan",
      prepare: async (w) => ({
        path: "/check-ins",
        cookie: w.cookie.coordinator,
        form: [
          ["unitId", w.unit.school.id],
          ["reason", "under_reporting"],
          ["plannedFor", inDays(7)],
          ["submissionKey", key()],
        ],
      }),
    },
  ],
  "check-ins.$checkInId.tsx": [
    {
      label: "held",
      async prepare(w) {
        const input = { unitId: w.unit.school.id, reason: "many_reports", plannedFor: today() } as const;
        const planned = await planCheckIn(await w.as("coordinator"), { ...input, submissionKey: key() });
        return {
          path: `/check-ins/${planned!.id}`,
          params: { checkInId: planned!.id },
          cookie: w.cookie.coordinator,
          form: [
            ["intent", "held"],
            ["heldOn", today()],
            ["attendees", "Rektor, kurator, samordnare"],
            ["agreedActions", "Personalen går utbildningen i vår."],
          ],
        };
      },
    },
    {
      label: "cancel",
      async prepare(w) {
        const input = { unitId: w.unit.school.id, reason: "other", plannedFor: inDays(3) } as const;
        const planned = await planCheckIn(await w.as("coordinator"), { ...input, submissionKey: key() });
        return {
          path: `/check-ins/${planned!.id}`,
          params: { checkInId: planned!.id },
          cookie: w.cookie.coordinator,
          form: [
            ["intent", "cancel"],
            ["confirm", "yes"],
          ],
        };
      },
    },
  ],
  "deviations.new.tsx": [
    {
      label: "on a report",
      prepare: async (w) => ({
        path: "/deviations/new",
        cookie: w.cookie.staff,
        form: [
          ["reportId", (await newReport(w)).id],
          ["kind", "meeting_not_held"],
          ["description", "Mötet ställdes in och ingen ny tid gavs."],
          ["submissionKey", key()],
        ],
      }),
    },
    {
      label: "in general",
      prepare: async (w) => ({
        path: "/deviations/new",
        cookie: w.cookie.staff,
        form: [
          ["kind", "no_feedback"],
          ["description", "Ingen återkoppling på tre veckor."],
          ["unitId", w.unit.school.id],
          ["submissionKey", key()],
        ],
      }),
    },
  ],
  "deviations.$deviationId.tsx": [
    {
      label: "step",
      async prepare(w) {
        const filed = await fileAgreementDeviation(await w.as("staff"), {
          kind: "no_feedback",
          description: "Ingen återkoppling.",
          report: null,
          unitId: w.unit.school.id,
          submissionKey: key(),
        });
        return {
          path: `/deviations/${filed!.id}`,
          params: { deviationId: filed!.id },
          cookie: w.cookie.coordinator,
          form: [
            ["intent", "step"],
            ["step", "investigate"],
            ["note", "Mottagningen är kontaktad."],
          ],
        };
      },
    },
  ],
  "steering.new.tsx": [
    {
      label: "meeting",
      prepare: async (w) => ({
        path: "/steering/new",
        cookie: w.cookie.steering,
        form: [
          ["heldOn", today()],
          ["title", "Styrgruppsmöte"],
          ["submissionKey", key()],
        ],
      }),
    },
  ],
  "steering.$meetingId.tsx": [
    {
      label: "item",
      prepare: async (w) => ({
        ...(await steeringMeetingPath(w)),
        cookie: w.cookie.steering,
        form: [
          ["intent", "item"],
          ["title", "Återkoppling"],
          ["figure", "feedback"],
          ["notes", "Andelen i tid sjönk."],
          ["decision", "Följs upp varje månad."],
          ["submissionKey", key()],
        ],
      }),
      // Notes, decision and figure may be left out (or empty): an item may be only a title.
      lenient: { notes: ["dropped"], decision: ["dropped"], figure: ["dropped"] },
    },
    {
      label: "action",
      prepare: async (w) => ({
        ...(await steeringMeetingPath(w)),
        cookie: w.cookie.coordinator,
        form: [
          ["intent", "action"],
          ["description", "Ta fram underlag"],
          ["ownerId", w.user.coordinator.id],
          ["dueOn", inDays(30)],
          ["agendaItemId", ""],
          ["submissionKey", key()],
        ],
      }),
      // Without an item the action is the meeting's as a whole.
      lenient: { agendaItemId: ["dropped"] },
    },
    {
      label: "close",
      async prepare(w) {
        const member = await w.as("steering");
        const at = await steeringMeetingPath(w);
        const made = await addSteeringAction(member, at.params.meetingId, {
          description: "Ta fram underlag",
          ownerId: w.user.steering.id,
          dueOn: inDays(30),
          agendaItemId: null,
          submissionKey: key(),
        });
        if (!made?.ok) throw new Error("steering action: not made");
        return {
          ...at,
          cookie: w.cookie.steering,
          form: [
            ["intent", "close"],
            ["actionId", made.id],
            ["closingNote", "Klart."],
          ],
        };
      },
      // The note is optional.
      lenient: { closingNote: ["dropped"] },
    },
  ],
  "trainings.$trainingId.tsx": [
    {
      label: "register",
      prepare: async (w) => ({
        ...trainingPath((await newTraining(w, { publish: true })).id),
        cookie: w.cookie.staff,
        form: [["intent", "register"]],
      }),
    },
    {
      label: "cancelRegistration",
      prepare: async (w) => ({
        ...trainingPath((await newTraining(w, { publish: true, register: true })).id),
        cookie: w.cookie.staff,
        form: [["intent", "cancelRegistration"]],
      }),
    },
    {
      label: "registerStaff",
      prepare: async (w) => ({
        ...trainingPath((await newTraining(w, { publish: true })).id),
        cookie: w.cookie.principal,
        form: [
          ["intent", "registerStaff"],
          ["staffIds", w.user.staff.id],
        ],
      }),
    },
  ],
  "trainings.manage.new.tsx": (
    [
      ["single", [["repeat", "none"]]],
      [
        "weekly",
        [
          ["repeat", "weekly"],
          ["repeatCount", "3"],
        ],
      ],
      [
        "rule",
        [
          ["repeat", "rule"],
          ["rule", "FREQ=WEEKLY;INTERVAL=2;COUNT=3"],
        ],
      ],
    ] as [string, Pair[]][]
  ).map(
    ([label, repeat]): Baseline => ({
      label,
      prepare: async (w) => ({
        path: "/trainings/manage/new",
        cookie: w.cookie.coordinator,
        form: [...trainingFields(), ...repeat, ["intent", "create"], ["submissionKey", key()]],
      }),
      // The form's one button: the action does not read it.
      lenient: { intent: "any" },
    }),
  ),
  "trainings.manage.$trainingId.tsx": [
    {
      label: "edit",
      prepare: async (w) => ({
        ...managePath((await newTraining(w)).id),
        cookie: w.cookie.coordinator,
        form: [...trainingFields(), ["scope", "one"], ["intent", "edit"]],
      }),
    },
    ...(["publish", "cancel"] as const).map(
      (intent): Baseline => ({
        label: intent,
        prepare: async (w) => ({
          ...managePath((await newTraining(w)).id),
          cookie: w.cookie.coordinator,
          form: [
            ["intent", intent],
            ["scope", "one"],
          ],
        }),
        // One occasion or the whole series: anything but "series" is the one.
        lenient: { scope: "any" },
      }),
    ),
    ...(["attendance", "allCame"] as const).map(
      (intent): Baseline => ({
        label: intent,
        async prepare(w) {
          const training = await newTraining(w, { publish: true, register: true });
          const attended: Pair[] = intent === "attendance" ? [["attended", w.user.staff.id]] : [];
          return { ...managePath(training.id), cookie: w.cookie.coordinator, form: [["intent", intent], ...attended] };
        },
        // Ticked names: an id that is no registration's is nobody's attendance.
        lenient: { attended: CHOICE },
      }),
    ),
  ],
  "trainings.mine.tsx": [
    {
      label: "create feed",
      prepare: async (w) => ({
        path: "/trainings/mine",
        cookie: (await freshUser(w)).cookie,
        form: [["intent", "create"]],
      }),
    },
    {
      label: "revoke feed",
      async prepare(w) {
        const { current, cookie } = await freshUser(w);
        await createFeedToken(current);
        return { path: "/trainings/mine", cookie, form: [["intent", "revoke"]] };
      },
    },
    {
      label: "renew feed",
      async prepare(w) {
        const { current, cookie } = await freshUser(w);
        await createFeedToken(current);
        return { path: "/trainings/mine", cookie, form: [["intent", "renew"]] };
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Bad inputs, derived from a valid form
// ---------------------------------------------------------------------------------------------------------------

interface Body {
  body: string | Uint8Array;
  type: string;
}

interface Mutation {
  kind: Kind;
  field?: string;
  label: string;
  build(form: Pair[]): Body;
}

const FORM_TYPE = "application/x-www-form-urlencoded";
const BAD_UTF8 = "%FF%FE%C3";
const encode = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
const urlencoded = (form: Pair[]): Body => ({
  body: form.map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&"),
  type: FORM_TYPE,
});
const multipartOf = (form: Pair[], boundary: string) =>
  form.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") +
  `--${boundary}--\r\n`;

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
const isTime = (v: string) => /^\d{2}:\d{2}$/.test(v);
const isNumber = (v: string) => /^-?\d+$/.test(v);

/** The same field with its value(s) replaced. */
const withValue = (form: Pair[], field: string, value: (old: string) => string): Pair[] =>
  form.map(([k, v]): Pair => (k === field ? [k, value(v)] : [k, v]));

/** A second, different value for a field. */
function other(value: string) {
  if (isDate(value)) return addCalendarDays(value, 1);
  if (isNumber(value)) return String(Number(value) + 1);
  return value ? `${value}-2` : "x";
}

function mutationsOf(form: Pair[]): Mutation[] {
  const fields = [...new Set(form.map(([k]) => k))];
  const list: Mutation[] = [
    {
      kind: "nul",
      label: "NUL in every value",
      build: (f) => urlencoded(f.map(([k, v]): Pair => [k, `${v.slice(0, 1)}\u0000${v.slice(1)}\u0000`])),
    },
    {
      kind: "utf8Raw",
      label: "raw bytes FF FE C3 in every value",
      build: (f) => ({
        body: Buffer.concat(
          f.flatMap(([k, v], i) => [
            Buffer.from(`${i ? "&" : ""}${encode(k)}=${encode(v)}`),
            Buffer.from([0xff, 0xfe, 0xc3]),
          ]),
        ),
        type: FORM_TYPE,
      }),
    },
    { kind: "onlyIntent", label: "only the intent", build: (f) => urlencoded(f.filter(([k]) => k === "intent")) },
    {
      kind: "json",
      label: "a JSON body",
      build: (f) => ({ body: JSON.stringify(Object.fromEntries(f)), type: "application/json" }),
    },
    {
      kind: "multipartBoundary",
      label: "multipart with another boundary than declared",
      build: (f) => ({
        body: multipartOf(f, "sent-boundary"),
        type: "multipart/form-data; boundary=declared-boundary",
      }),
    },
    {
      kind: "multipartCut",
      label: "multipart cut off",
      build: (f) => {
        const whole = multipartOf(f, "cut-boundary");
        return {
          body: whole.slice(0, Math.max(10, Math.floor(whole.length / 2))),
          type: "multipart/form-data; boundary=cut-boundary",
        };
      },
    },
    {
      kind: "multipart",
      label: "valid multipart",
      build: (f) => ({ body: multipartOf(f, "fine-boundary"), type: "multipart/form-data; boundary=fine-boundary" }),
    },
  ];
  for (const field of fields) {
    const sample = form.find(([k]) => k === field)![1];
    const set = (kind: Kind, label: string, value: string) =>
      list.push({
        kind,
        field,
        label: `${label} in ${field}`,
        build: (f) => urlencoded(withValue(f, field, () => value)),
      });
    list.push({
      kind: "utf8",
      field,
      label: `${BAD_UTF8} in ${field}`,
      build: (f) => ({
        body: f.map(([k, v]) => `${encode(k)}=${encode(v)}${k === field ? BAD_UTF8 : ""}`).join("&"),
        type: FORM_TYPE,
      }),
    });
    set("long", "100 000 characters", "x".repeat(100_000));
    if (isDate(sample)) {
      set("date", "2027-02-30", "2027-02-30");
      set("year", "year 99999", `99999${sample.slice(4)}`);
    }
    if (isTime(sample)) set("time", "25:99", "25:99");
    if (isNumber(sample)) {
      set("negative", "-1", "-1");
      set("infinite", "1e309", "1e309");
      set("huge", "99999999999999999999", "99999999999999999999");
    }
    list.push({
      kind: "duplicate",
      field,
      label: `${field} twice`,
      build: (f) => urlencoded([...f, [field, other(sample)]]),
    });
    list.push({
      kind: "dropped",
      field,
      label: `without ${field}`,
      build: (f) => urlencoded(f.filter(([k]) => k !== field)),
    });
  }
  return list;
}

// ---------------------------------------------------------------------------------------------------------------
// The database's state, per municipality
// ---------------------------------------------------------------------------------------------------------------

/** Written on reads and sign-ins by design: the audit trail, sessions, failed-login counters. */
const BOOKKEEPING = ["audit_events", "sessions", "login_throttles"];
let scopedTables: string[] = [];

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await getDb().execute(query)) as unknown as { rows?: T[] } & T[];
  return result.rows ?? result;
}

/** A digest of every row of the municipality, table by table. */
async function fingerprint(municipalityId: string): Promise<Map<string, string>> {
  const parts = [
    sql`select 'municipalities' as t, md5(x::text) as h from municipalities x where x.id = ${municipalityId}`,
    ...scopedTables.map(
      (t) =>
        sql`select ${t} as t, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h
          from ${sql.identifier(t)} x where x.municipality_id = ${municipalityId}`,
    ),
  ];
  const result = await rows<{ t: string; h: string }>(sql.join(parts, sql` union all `));
  return new Map(result.map((r) => [r.t, r.h]));
}

const changedTables = (before: Map<string, string>, after: Map<string, string>) =>
  [...before.keys()].filter((t) => before.get(t) !== after.get(t));

// ---------------------------------------------------------------------------------------------------------------
// Sending, and judging the answer
// ---------------------------------------------------------------------------------------------------------------

type Action = (args: ActionFunctionArgs) => unknown;

interface Answer {
  status: number;
  data?: unknown;
  thrown?: string;
}

async function send(action: Action, req: Req, body: Body): Promise<Answer> {
  try {
    const result = await callRoute(action as never, {
      path: req.path,
      params: req.params,
      cookie: req.cookie,
      method: "POST",
      body: body.body,
      headers: { "Content-Type": body.type },
      context: { clientIp: IP },
    });
    return { status: result.status, data: result.data };
  } catch (error) {
    // What Remix does with an error thrown from an action.
    return { status: 500, thrown: error instanceof Error ? error.message.split("\n")[0].slice(0, 200) : String(error) };
  }
}

/** A refusal in the page: conform's reply with errors, or an `error` of the action's own. */
function isFormError(data: unknown, depth = 0): boolean {
  if (!data || typeof data !== "object" || Array.isArray(data) || depth > 2) return false;
  const record = data as Record<string, unknown>;
  if (
    record.status === "error" ||
    (record.error && typeof record.error !== "object") ||
    (record.error && Object.keys(record.error).length)
  )
    return true;
  return Object.values(record).some((v) => isFormError(v, depth + 1));
}

const isError = (a: Answer) => (a.status >= 400 && a.status < 500) || (a.status === 200 && isFormError(a.data));

function describeAnswer(a: Answer) {
  if (a.thrown) return `${a.status} (thrown: ${a.thrown})`;
  const data =
    a.data === undefined || a.data === null
      ? ""
      : ` ${JSON.stringify(a.data)
          .replace(/x{20,}/g, "x…")
          .slice(0, 160)}`;
  return `${a.status}${data}`;
}

function mayAccept(b: Baseline, m: Mutation) {
  if (!MUST_REFUSE.has(m.kind)) return true;
  if (b.noForm) return true;
  const rule = (m.field && b.lenient?.[m.field]) ?? b.lenient?.["*"];
  return rule === "any" || (!!rule && rule.includes(m.kind));
}

// ---------------------------------------------------------------------------------------------------------------

const routesDir = path.resolve("app/routes");
const routeFiles = readdirSync(routesDir).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes(".test."));
const loadAction = async (file: string) =>
  ((await import(/* @vite-ignore */ path.join(routesDir, file))) as { action?: Action }).action;

const figures = new Map<string, { inputs: number; fiveHundreds: number }>();
const worlds = new Map<string, Promise<World>>();

function worldFor(file: string) {
  let world = worlds.get(file);
  if (!world) {
    world = (async () => {
      const base = await createWorld(`Svepstad ${file}`);
      const cookie = {} as Record<Role, string>;
      for (const role of Object.keys(base.user) as Role[]) cookie[role] = await sessionCookieFor(base.user[role]);
      const as = async (role: Role) => (await getCurrentUser(base.user[role].id, base.municipality.id))!;
      return { ...base, cookie, as };
    })();
    worlds.set(file, world);
  }
  return world;
}

beforeAll(async () => {
  const tables = await rows<{ table_name: string; scoped: boolean }>(sql`
    select c.table_name, bool_or(c.column_name = 'municipality_id') as scoped
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    group by c.table_name order by c.table_name`);
  // A new table without a municipality must be placed: bookkeeping, or a way to scope it.
  const unplaced = tables.filter(
    (t) => !t.scoped && t.table_name !== "municipalities" && !BOOKKEEPING.includes(t.table_name),
  );
  expect(unplaced.map((t) => t.table_name)).toEqual([]);
  scopedTables = tables.filter((t) => t.scoped && !BOOKKEEPING.includes(t.table_name)).map((t) => t.table_name);
});

afterAll(() => {
  if (!figures.size) return;
  const perAction = [...figures.values()].map((f) => f.inputs);
  const total = perAction.reduce((a, b) => a + b, 0);
  const fiveHundreds = [...figures.values()].reduce((a, f) => a + f.fiveHundreds, 0);
  const baselines = Object.values(sweep).reduce((a, list) => a + list.length, 0);
  console.log(
    `bad-input sweep: ${figures.size} actions, ${baselines} forms, ${total} inputs ` +
      `(${Math.min(...perAction)}–${Math.max(...perAction)} per action, ${Math.round(total / figures.size)} on average), ` +
      `5xx seen: ${fiveHundreds}`,
  );
  console.log(`inputs per action: ${[...figures].map(([file, f]) => `${file} ${f.inputs}`).join(", ")}`);
});

describe("bad-input sweep", () => {
  it("has an entry for every route file with an action, and only for those", async () => {
    const withAction: string[] = [];
    for (const file of routeFiles) if (await loadAction(file)) withAction.push(file);
    expect(Object.keys(sweep).sort()).toEqual(withAction.sort());
  });

  for (const [file, baselines] of Object.entries(sweep)) {
    describe(file, () => {
      for (const b of baselines) {
        it(b.label, { timeout: 240_000 }, async () => {
          const action = await loadAction(file);
          if (!action) throw new Error(`${file} has no action`);
          const w = await worldFor(file);
          const counted = figures.get(file) ?? { inputs: 0, fiveHundreds: 0 };
          figures.set(file, counted);
          const problems: string[] = [];

          let req: Req | null = await b.prepare(w);
          const mutations = mutationsOf(req.form);
          const baseline = await send(action, req, urlencoded(req.form));
          counted.inputs += 1;
          if (baseline.status >= 500) counted.fiveHundreds += 1;
          if (baseline.status >= 400 || isFormError(baseline.data))
            problems.push(`the valid form itself → ${describeAnswer(baseline)}`);
          req = null;

          // The state after one input is the state before the next, as long as the same rows serve.
          let before: Map<string, string> | null = null;
          for (const m of mutations) {
            if (!req) {
              req = await b.prepare(w);
              before = null;
            }
            before ??= await fingerprint(w.municipality.id);
            const answer = await send(action, req, m.build(req.form));
            const after = await fingerprint(w.municipality.id);
            const changed = changedTables(before, after);
            before = after;
            counted.inputs += 1;
            const error = isError(answer);
            if (answer.status >= 500) {
              counted.fiveHundreds += 1;
              problems.push(`${m.label} → ${describeAnswer(answer)}`);
            } else if (m.kind === "json" && !b.noForm && answer.status !== 415) {
              problems.push(`${m.label} → ${describeAnswer(answer)}, expected 415`);
            } else if (
              (m.kind === "multipartBoundary" || m.kind === "multipartCut") &&
              !b.noForm &&
              answer.status !== 400
            ) {
              problems.push(`${m.label} → ${describeAnswer(answer)}, expected 400`);
            } else if (!error && !mayAccept(b, m)) {
              problems.push(
                `${m.label} → accepted: ${describeAnswer(answer)}${changed.length ? ` (changed ${changed.join(", ")})` : ""}`,
              );
            }
            const unexpected = changed.filter((t) => !b.changesOnError?.includes(t));
            if (error && unexpected.length)
              problems.push(`${m.label} → ${describeAnswer(answer)} but changed ${unexpected.join(", ")}`);
            // A success (or any change) may have used the rows up: the next input gets fresh ones.
            if (!error || changed.length) req = null;
          }
          // The e-mails the accepted inputs queued (hundreds over the sweep) are not this test's subject: they would
          // only wait in the database the other files share on PostgreSQL.
          await getDb().execute(sql`delete from outbox_emails where municipality_id = ${w.municipality.id}`);
          expect(problems, `${file} ${b.label}: ${problems.length} of ${mutations.length + 1} inputs`).toEqual([]);
        });
      }
    });
  }
});
