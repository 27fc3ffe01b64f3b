/** Rows for the statistics tests, written straight to the tables: only what the figures count is set with care. */
import { getDb } from "#db/client.server";
import { reports } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import type { CurrentUser } from "~/lib/permissions.server";
import { createTraining, publishTraining } from "~/models/training.server";
import { createConsultation, type createWorld } from "./factories";

export const DAY = 86_400_000;
let sequence = 0;

/** A report row as the statistics read it; only what they count is set with care. */
export async function report(
  municipalityId: string,
  options: {
    on: string;
    unitId: string | null;
    channel?: "portal" | "police";
    decision?: "opened" | "not_opened";
    decidedAfterDays?: number;
    assessedLate?: boolean;
    heard?: boolean;
    adviceConsultationId?: string;
    neededSupplement?: boolean;
  },
) {
  const receivedAt = stockholmInstant(options.on, "10:00");
  sequence += 1;
  const [row] = await getDb()
    .insert(reports)
    .values({
      municipalityId,
      reference: `STAT-${sequence}`,
      channel: options.channel ?? "portal",
      unitId: options.unitId,
      reporterName: "Anmälare",
      childName: "Barn",
      observations: "Iakttagelser",
      receivedAt,
      protectionDueAt: new Date(receivedAt.getTime() + 2 * DAY),
      decisionDueAt: new Date(receivedAt.getTime() + 14 * DAY),
      protectionAssessedAt: options.decision
        ? new Date(receivedAt.getTime() + (options.assessedLate ? 3 : 1) * DAY)
        : null,
      childHeard: options.decision ? (options.heard ?? true) : null,
      decision: options.decision ?? null,
      decidedAt: options.decision ? new Date(receivedAt.getTime() + (options.decidedAfterDays ?? 10) * DAY) : null,
      adviceConsultationId: options.adviceConsultationId ?? null,
      neededSupplement: options.neededSupplement ?? false,
    })
    .returning();
  return row;
}

export async function times(n: number, make: (i: number) => Promise<unknown>) {
  for (let i = 0; i < n; i++) await make(i);
}

/** A published one-hour reporting-duty training for school staff, starting at `startsAt`. */
export async function reportingDutyTraining(coordinator: CurrentUser, startsAt: Date) {
  const [training] = await createTraining(coordinator, {
    title: "Anmälningsplikten",
    topic: "reporting_duty",
    audienceRoles: ["staff"],
    audienceUnitKinds: ["school"],
    description: "",
    startsAt,
    durationMinutes: 60,
    place: "",
    capacity: 30,
    registrationDeadline: new Date(startsAt.getTime() - DAY),
    organisers: "",
  });
  await publishTraining(coordinator, training, "one");
  return training;
}

/**
 * 2025: 30 school reports in March (decided), 3 preschool reports in April (decided: a median of three cases), 10 by
 * the police in May (decided). The 3 is hidden, and with it the police's 10 (else 43 − 30 − 3 … gives it away): a
 * hidden count of ten. Three advice calls (a small count).
 */
export async function hiddenFiguresIn2025(world: Awaited<ReturnType<typeof createWorld>>) {
  const m = world.municipality.id;
  await times(30, (i) =>
    report(m, { on: "2025-03-10", unitId: world.unit.school.id, decision: i < 20 ? "opened" : "not_opened" }),
  );
  await times(3, () => report(m, { on: "2025-04-10", unitId: world.unit.preschool.id, decision: "opened" }));
  await times(10, () =>
    report(m, { on: "2025-05-10", unitId: null, channel: "police", decision: "not_opened", decidedAfterDays: 4 }),
  );
  await times(3, () =>
    createConsultation(world.user.reception_worker, {
      occurredAt: stockholmInstant("2025-06-10", "09:00"),
      callerUnitId: world.unit.school.id,
    }),
  );
}
