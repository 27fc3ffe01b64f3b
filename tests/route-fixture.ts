import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { meetingInvitations, reports, reviewCases, roles, type Role } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import { fileAgreementDeviation } from "~/models/agreement-deviation.server";
import { planCheckIn } from "~/models/check-in.server";
import { concernKindsOf } from "~/models/concern-kinds.server";
import { sendExtendedFeedback } from "~/models/feedback.server";
import { deliverMessage } from "~/models/inbox.server";
import { createMeeting } from "~/models/meeting.server";
import { drawReviewSample } from "~/models/quality-review.server";
import { readReport } from "~/models/report.server";
import { createTraining, publishTraining } from "~/models/training.server";
import { getCurrentUser } from "~/models/user.server";
import {
  createConsent,
  createConsultation,
  createDecidedReport,
  createReport,
  createUser,
  createWorld,
  publishedArticle,
} from "./factories";

type World = Awaited<ReturnType<typeof createWorld>>;

/** What the route tests need to exist: two municipalities and a record of each kind a route's address names. */
export interface RouteFixture {
  world: World;
  other: World;
  /** One message per user, addressed to that user. */
  messageOf: Record<Role, string>;
  otherMessage: string;
  /** A published article in each municipality, with a slug only that municipality has. */
  article: { id: string; slug: string };
  otherArticle: { id: string; slug: string };
  /** Reports: by the staff member at the school; by someone at the preschool; in the other municipality. */
  report: string;
  preschoolReport: string;
  otherReport: string;
  consultation: string;
  otherConsultation: string;
  /** The staff member's invitation to a meeting about their report. */
  invitation: string;
  /** Extended feedback to the staff member about their report, under a consent naming them. */
  feedback: string;
  /** A published training for school staff, a coordinator's draft, and a training in the other municipality. */
  training: string;
  draftTraining: string;
  otherTraining: string;
  /** A kind of concern of the other municipality's list. */
  otherKind: string;
  /** A case of each municipality's quality-review sample for REVIEW_MONTH, reviewed by its investigator. */
  reviewCase: string;
  otherReviewCase: string;
  /** A deviation from the agreement the staff member filed on their report, in each municipality. */
  deviation: string;
  otherDeviation: string;
  /** A check-in a coordinator planned with the school, in each municipality. */
  checkIn: string;
  otherCheckIn: string;
}

/** The month of the route fixture's quality-review samples. */
export const REVIEW_MONTH = "2025-06";

/** A report decided by reception in REVIEW_MONTH, drawn, and given to the investigator to review. */
async function reviewCaseIn(w: World) {
  const decided = stockholmInstant(`${REVIEW_MONTH}-10`, "10:00");
  await createDecidedReport(w.user.staff, w.unit.school.id, w.user.reception_worker, decided);
  const coordinator = (await getCurrentUser(w.user.coordinator.id, w.municipality.id))!;
  const drawn = await drawReviewSample(coordinator, REVIEW_MONTH);
  if (!drawn.ok) throw new Error("reviewCaseIn: not drawn");
  // The draw picks among the social workers who did not decide; the tests need to know which one.
  const [review] = await getDb()
    .update(reviewCases)
    .set({ reviewerId: w.user.investigator.id })
    .where(eq(reviewCases.sampleId, drawn.sampleId))
    .returning({ id: reviewCases.id });
  return review.id;
}

/** The staff member's deviation "the meeting was not held" on their report `reportId`. */
async function deviationIn(w: World, reportId: string) {
  const staff = (await getCurrentUser(w.user.staff.id, w.municipality.id))!;
  const filed = await fileAgreementDeviation(staff, {
    kind: "meeting_not_held",
    description: "Mötet ställdes in.",
    report: await readReport(staff, reportId),
    unitId: w.unit.school.id,
    submissionKey: randomUUID(),
  });
  if (!filed) throw new Error("deviationIn: not filed");
  return filed.id;
}

/** The coordinator's check-in with the school, planned (not yet held). */
async function checkInIn(w: World) {
  const coordinator = (await getCurrentUser(w.user.coordinator.id, w.municipality.id))!;
  const input = { unitId: w.unit.school.id, reason: "under_reporting", plannedFor: "2026-03-10" } as const;
  const planned = await planCheckIn(coordinator, { ...input, submissionKey: randomUUID() });
  if (!planned) throw new Error("checkInIn: not planned");
  return planned.id;
}

/** Shared by the tests that go through every route (tests/integration/permission-matrix.test.ts, query-params.test.ts). */
export async function createRouteFixture(): Promise<RouteFixture> {
  const world = await createWorld("Matrisstad");
  const other = await createWorld("Grannstad");
  const messageOf = {} as Record<Role, string>;
  for (const role of roles) {
    messageOf[role] = await deliverMessage({
      municipalityId: world.municipality.id,
      recipientId: world.user[role].id,
      template: "inbox:templates.welcome",
      params: {},
    });
  }
  const otherMessage = await deliverMessage({
    municipalityId: other.municipality.id,
    recipientId: other.user.staff.id,
    template: "inbox:templates.welcome",
    params: {},
  });
  const article = await publishedArticle(world.municipality.id, "local-article");
  const otherArticle = await publishedArticle(other.municipality.id, "other-article");
  await publishedArticle(world.municipality.id, "agreement", "agreement");
  const preschoolStaff = await createUser({
    municipalityId: world.municipality.id,
    unitId: world.unit.preschool.id,
    role: "staff",
  });
  const report = (await createReport(world.user.staff, world.unit.school.id)).id;
  const preschoolReport = (await createReport(preschoolStaff, world.unit.preschool.id)).id;
  const otherReport = (await createReport(other.user.staff, other.unit.school.id)).id;
  const consultation = (await createConsultation(world.user.reception_worker)).id;
  const [reportRow] = await getDb().select().from(reports).where(eq(reports.id, report));
  const worker = (await getCurrentUser(world.user.reception_worker.id, world.municipality.id))!;
  await createMeeting(
    worker,
    reportRow,
    {
      startsAt: new Date(Date.now() + 7 * 86_400_000),
      durationMinutes: 60,
      form: "video",
      place: "",
      otherParticipants: "",
    },
    [world.user.staff.id],
  );
  const [{ invitation }] = await getDb()
    .select({ invitation: meetingInvitations.id })
    .from(meetingInvitations)
    .where(eq(meetingInvitations.inviteeId, world.user.staff.id));
  const otherConsultation = (await createConsultation(other.user.reception_worker)).id;
  await createConsent(worker, reportRow, world.user.staff.id);
  const sent = await sendExtendedFeedback(worker, reportRow, {
    recipientId: world.user.staff.id,
    kind: "school_support",
    body: "Stöd",
    submissionKey: randomUUID(),
  });
  if (!sent.ok) throw new Error("extended feedback not sent");
  const coordinator = (await getCurrentUser(world.user.coordinator.id, world.municipality.id))!;
  const trainingInput = {
    title: "Anmälningsplikten",
    topic: "reporting_duty" as const,
    audienceRoles: ["staff" as const, "principal" as const],
    audienceUnitKinds: ["school" as const, "preschool" as const],
    description: "",
    startsAt: new Date(Date.now() + 20 * 86_400_000),
    durationMinutes: 60,
    place: "",
    capacity: 30,
    registrationDeadline: new Date(Date.now() + 10 * 86_400_000),
    organisers: "",
  };
  const [training] = await createTraining(coordinator, trainingInput);
  await publishTraining(coordinator, training, "one");
  const [draftTraining] = await createTraining(coordinator, trainingInput);
  const otherCoordinator = (await getCurrentUser(other.user.coordinator.id, other.municipality.id))!;
  const [otherTraining] = await createTraining(otherCoordinator, trainingInput);
  await publishTraining(otherCoordinator, otherTraining, "one");
  const [otherKind] = await concernKindsOf({ municipalityId: other.municipality.id });
  const reviewCase = await reviewCaseIn(world);
  const otherReviewCase = await reviewCaseIn(other);
  const deviation = await deviationIn(world, report);
  const otherDeviation = await deviationIn(other, otherReport);
  const checkIn = await checkInIn(world);
  const otherCheckIn = await checkInIn(other);
  return {
    world,
    other,
    messageOf,
    otherMessage,
    article,
    otherArticle,
    report,
    preschoolReport,
    otherReport,
    consultation,
    otherConsultation,
    invitation,
    feedback: sent.id,
    training: training.id,
    draftTraining: draftTraining.id,
    otherTraining: otherTraining.id,
    otherKind: otherKind.id,
    reviewCase,
    otherReviewCase,
    deviation,
    otherDeviation,
    checkIn,
    otherCheckIn,
  };
}
