/** Rows for the statistics tests, written straight to the tables: only what the figures count is set with care. */
import { getDb } from "#db/client.server";
import { reports } from "#db/schema";
import { stockholmInstant } from "~/domain/deadlines";
import type { CurrentUser } from "~/lib/permissions.server";
import { createTraining, publishTraining } from "~/models/training.server";

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
