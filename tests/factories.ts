import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { and, eq } from "drizzle-orm";
import { guidanceArticles, memberships, municipalities, units, users, type Role, type UnitKind } from "#db/schema";
import { logConsultation, type ConsultationInput } from "~/models/advice.server";
import { createDefaultConcernKinds } from "~/models/concern-kinds.server";
import { recordConsent } from "~/models/feedback.server";
import { seedGuidance, type GuidanceContent } from "~/models/guidance.server";
import {
  recordChildHeard,
  recordDecision,
  recordProtectionAssessment,
  submitReport,
  type PortalReport,
} from "~/models/report.server";
import type { TrainingInput } from "~/models/training.server";
import { getCurrentUser } from "~/models/user.server";
import { addCalendarDays, stockholmDate } from "~/domain/deadlines";
import type { DecisionInput } from "~/domain/pre-assessment";
import type { ReportDecision } from "~/domain/vocabulary";
import { hashPassword } from "~/lib/password.server";
import { ensureDataKey } from "~/lib/sealed.server";
import type { CurrentUser } from "~/lib/permissions.server";
import { createSession } from "~/lib/session.server";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

/** A municipality of its own per test, so tests never see each other's rows. */
export async function createMunicipality(name = "Teststad") {
  const [row] = await getDb()
    .insert(municipalities)
    .values({ name, slug: `${name.toLowerCase()}-${randomUUID().slice(0, 8)}` })
    .returning();
  await createDefaultConcernKinds(getDb(), row.id);
  await ensureDataKey(getDb(), row.id);
  return row;
}

export async function createUnit(municipalityId: string, kind: UnitKind, name = `${kind} ${randomUUID().slice(0, 6)}`) {
  const [row] = await getDb()
    .insert(units)
    .values({ municipalityId, kind, name, enrolledChildren: kind === "school" || kind === "preschool" ? 200 : null })
    .returning();
  return row;
}

export async function createUser(input: {
  municipalityId: string;
  unitId: string;
  role: Role;
  email?: string;
  name?: string;
  active?: boolean;
}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const [user] = await getDb()
    .insert(users)
    .values({
      municipalityId: input.municipalityId,
      email: input.email ?? `${input.role}-${randomUUID().slice(0, 8)}@test.example`,
      name: input.name ?? `Test ${input.role}`,
      passwordHash: await passwordHash,
      active: input.active ?? true,
    })
    .returning();
  await getDb()
    .insert(memberships)
    .values({ municipalityId: input.municipalityId, userId: user.id, unitId: input.unitId, role: input.role });
  return user;
}

/** One municipality with a unit of each kind and one user per role. */
export async function createWorld(name = "Teststad") {
  const municipality = await createMunicipality(name);
  const unit = {
    school: await createUnit(municipality.id, "school"),
    preschool: await createUnit(municipality.id, "preschool"),
    reception: await createUnit(municipality.id, "reception"),
    investigation: await createUnit(municipality.id, "investigation"),
    coordination: await createUnit(municipality.id, "coordination"),
    administration: await createUnit(municipality.id, "administration"),
  };
  const unitFor: Record<Role, string> = {
    staff: unit.school.id,
    principal: unit.school.id,
    reception_worker: unit.reception.id,
    reception_lead: unit.reception.id,
    investigator: unit.investigation.id,
    coordinator: unit.coordination.id,
    steering: unit.administration.id,
    admin: unit.administration.id,
    security_reviewer: unit.administration.id,
  };
  const roles = Object.keys(unitFor) as Role[];
  const userList = await Promise.all(
    roles.map((role) => createUser({ municipalityId: municipality.id, unitId: unitFor[role], role })),
  );
  const user = Object.fromEntries(roles.map((r, i) => [r, userList[i]])) as Record<Role, (typeof userList)[number]>;
  return { municipality, unit, user };
}

/** The world's users of `roles` as the models take them (getCurrentUser), by role. */
export async function currentUsers<R extends Role>(
  world: { municipality: { id: string }; user: Record<Role, { id: string }> },
  ...roles: R[]
): Promise<Record<R, CurrentUser>> {
  const found = {} as Record<R, CurrentUser>;
  for (const role of roles) {
    const user = await getCurrentUser(world.user[role].id, world.municipality.id);
    if (!user) throw new Error(`currentUsers: no active ${role}`);
    found[role] = user;
  }
  return found;
}

/** A Cookie header for a fresh session of this user. */
export async function sessionCookieFor(user: { id: string; municipalityId: string }) {
  const setCookie = await createSession({
    userId: user.id,
    municipalityId: user.municipalityId,
    secondFactorPending: false,
  });
  return setCookie.split(";")[0];
}

export function testContext(overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return { requestId: `test-${randomUUID()}`, nonce: "test-nonce", clientIp: "127.0.0.1", ...overrides };
}

/** Guidance text for tests: every required field filled, anything given overriding it. */
export function guidanceContent(overrides: Partial<GuidanceContent> = {}): GuidanceContent {
  return {
    titleSv: "Anmälningsskyldigheten",
    titleEn: "The reporting duty",
    summarySv: "Vem som ska anmäla och när.",
    summaryEn: "Who must report and when.",
    bodySv: "## Vem\n\nAlla som arbetar i skolan.",
    bodyEn: "## Who\n\nEveryone who works in a school.",
    legalReferences: ["Socialtjänstlagen (2025:400)"],
    nextReviewOn: null,
    changeSummarySv: "",
    changeSummaryEn: "",
    ...overrides,
  };
}

/** The guidance editor's form for `content` as the browser sends it (the review date only when there is one). */
export function guidanceForm(content: GuidanceContent, extra: Record<string, string> = {}): Record<string, string> {
  return {
    titleSv: content.titleSv,
    titleEn: content.titleEn,
    summarySv: content.summarySv,
    summaryEn: content.summaryEn,
    bodySv: content.bodySv,
    bodyEn: content.bodyEn,
    legalReferences: content.legalReferences.join("\n"),
    ...(content.nextReviewOn ? { nextReviewOn: content.nextReviewOn } : {}),
    changeSummarySv: content.changeSummarySv,
    changeSummaryEn: content.changeSummaryEn,
    ...extra,
  };
}

/** One article (or the agreement) with a single published version. */
export async function publishedArticle(
  municipalityId: string,
  slug: string,
  kind: "article" | "agreement" = "article",
) {
  const db = getDb();
  await seedGuidance(db, municipalityId, [{ slug, sortOrder: 1, kind, versions: [guidanceContent()] }], {
    force: true,
  });
  const [row] = await db
    .select({ id: guidanceArticles.id })
    .from(guidanceArticles)
    .where(and(eq(guidanceArticles.municipalityId, municipalityId), eq(guidanceArticles.slug, slug)));
  return { id: row.id, slug };
}

/** A complete, valid portal report about a made-up child, observed a few days before `now`. */
export function reportInput(unitId: string, overrides: Partial<PortalReport> = {}, now = new Date()): PortalReport {
  return {
    unitId,
    childName: "Testbarn Testsson",
    childPersonalNumber: null,
    childBirthDate: "2016-05-04",
    childGroup: "4B",
    observedOn: addCalendarDays(stockholmDate(now), -3),
    observations: "Barnet hade blåmärken på armen och sa att det gör ont.",
    childWords: "Pappa blir arg.",
    guardians: [{ name: "Vårdnadshavare Ett", informed: false, notInformedReason: "Risk för barnet." }],
    interpreterNeeded: false,
    interpreterLanguage: "",
    acute: false,
    otherAgencies: "",
    wantsFeedback: true,
    adviceCode: null,
    reporterPhone: "070-000 00 00",
    reporterEmail: "reporter@example.test",
    observerId: null,
    observerName: null,
    onBehalfReason: null,
    coSignerId: null,
    ...overrides,
  };
}

/**
 * The report form as the browser sends it for the world's school: every required field of a valid report by the
 * person who saw it, with feedback wanted; `overrides` on top.
 */
export function reportFormFields(
  world: { unit: { school: { id: string } } },
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    unitId: world.unit.school.id,
    childName: "Saga Testsson",
    childPersonalNumber: "",
    childBirthDate: "2017-04-09",
    childGroup: "3A",
    observedOn: addCalendarDays(stockholmDate(new Date()), -2),
    observations: "Saga kom till skolan med ett blåmärke på kinden och ville inte gå hem.",
    childWords: "Jag vill inte gå hem i dag.",
    guardian1Name: "Vårdnadshavare Ett",
    guardian1Informed: "no",
    guardian1Reason: "Det kan utsätta Saga för risk.",
    wantsFeedback: "on",
    observedBy: "me",
    reporterPhone: "0123-45 12 01",
    reporterEmail: "larare@example.test",
    ...overrides,
  };
}

/** A report submitted in the portal by `reporter`, received at `now`. */
export async function createReport(
  reporter: { id: string; municipalityId: string },
  unitId: string,
  overrides: Partial<PortalReport> = {},
  now = new Date(),
) {
  const user = await getCurrentUser(reporter.id, reporter.municipalityId);
  if (!user) throw new Error("createReport: no such user");
  const report = await submitReport(user, randomUUID(), reportInput(unitId, overrides, now), now);
  if (!report) throw new Error("createReport: not created");
  return report;
}

const NOT_OPENED_REASONS = "Barnet och vårdnadshavarna har hörts och elevhälsan ger stöd; ingen oro kvarstår.";

/**
 * A decision with the reasons every decision needs (app/domain/pre-assessment.ts): no remaining concern, and a
 * "not opened" with its ground and written reasons.
 */
export const decisionInput = (decision: ReportDecision): DecisionInput => ({
  decision,
  remainingConcern: false,
  ground: decision === "not_opened" ? "no_concern_remains" : null,
  reasons: decision === "not_opened" ? NOT_OPENED_REASONS : "",
});

/** The same decision as the case page's decide form sends it (`decision` as typed, so a wrong one can be sent). */
export const decideForm = (decision: string): Record<string, string> => ({
  intent: "decide",
  decision,
  remainingConcern: "no",
  ...(decision === "not_opened" ? { ground: "no_concern_remains", reasons: NOT_OPENED_REASONS } : {}),
});

const DAY = 86_400_000;

/** A two-hour reporting-duty training for school and preschool staff, in 30 days; registration closes two days before. */
export function trainingInput(overrides: Partial<TrainingInput> = {}): TrainingInput {
  const startsAt = overrides.startsAt ?? new Date(Date.now() + 30 * DAY);
  return {
    title: "Anmälningsplikten – grundutbildning",
    topic: "reporting_duty",
    audienceRoles: ["staff", "principal"],
    audienceUnitKinds: ["preschool", "school"],
    description: "Vad anmälningsplikten innebär.",
    startsAt,
    durationMinutes: 120,
    place: "Stadshuset, sal 2",
    capacity: 20,
    registrationDeadline: new Date(startsAt.getTime() - 2 * DAY),
    organisers: "Samverkansenheten",
    ...overrides,
  };
}

/** A logged advice consultation by `worker` (a reception worker), de-identified as the form requires. */
export async function createConsultation(
  worker: { id: string; municipalityId: string },
  overrides: Partial<ConsultationInput> = {},
  makeCode?: () => string,
) {
  const user = await getCurrentUser(worker.id, worker.municipalityId);
  if (!user) throw new Error("createConsultation: no such user");
  const input: ConsultationInput = {
    occurredAt: new Date(),
    durationMinutes: 10,
    channel: "phone",
    callerUnitId: null,
    callerRole: "teacher",
    callerUserId: null,
    concerns: ["neglect"],
    ageBand: "6-9",
    acute: false,
    summary: "Eleven kommer ofta hungrig och trött till skolan.",
    advice: "report_after_observing",
    adviceNote: "",
    followUp: "",
    ...overrides,
  };
  const row = await logConsultation(user, input, { receptionUnitId: null }, makeCode);
  if (!row) throw new Error("createConsultation: not logged");
  return row;
}

/** The guardians' written consent, valid from yesterday for 30 days, to tell `recipientUserId` about school support. */
export async function createConsent(
  worker: Parameters<typeof recordConsent>[0],
  report: Parameters<typeof recordConsent>[1],
  recipientUserId: string,
) {
  const recorded = await recordConsent(worker, report, {
    giver: "guardians",
    givenBy: "Vårdnadshavare",
    jointCustody: true,
    bothGuardiansConsented: true,
    form: "written",
    documentReference: "",
    recipientUnitIds: [],
    recipientUserIds: [recipientUserId],
    infoKinds: ["school_support"],
    validFrom: new Date(Date.now() - 86_400_000),
    validUntil: new Date(Date.now() + 30 * 86_400_000),
    submissionKey: randomUUID(),
  });
  if (!recorded.ok) throw new Error(`createConsent: ${recorded.error}`);
  return recorded.consent;
}

/**
 * A report received and decided at `at` (a closed pre-assessment of that month): submitted by `reporter`, assessed, the
 * child heard and `decision` taken by `decider`, a social worker, with no concern remaining (no second look needed).
 */
export async function createDecidedReport(
  reporter: { id: string; municipalityId: string },
  unitId: string,
  decider: { id: string; municipalityId: string },
  at: Date,
  decision: ReportDecision = "opened",
) {
  const report = await createReport(reporter, unitId, {}, at);
  const worker = await getCurrentUser(decider.id, decider.municipalityId);
  if (!worker) throw new Error("createDecidedReport: no such decider");
  await recordProtectionAssessment(worker, report.id, "no_immediate_need", at);
  await recordChildHeard(worker, report.id, true, "");
  const decided = await recordDecision(worker, report.id, decisionInput(decision), at);
  if (!decided.ok || "proposed" in decided) throw new Error("createDecidedReport: not decided");
  return report;
}
