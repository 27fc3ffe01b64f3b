import { randomUUID } from "node:crypto";
import { and, asc, count, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import * as rrule from "rrule";
import { getDb, type Database } from "#db/client.server";
import { memberships, trainingRegistrations, trainings, trainingSeries, units, users } from "#db/schema";
import { calendarFile } from "~/lib/calendar.server";
import { addCalendarDays, stockholmDate, stockholmInstant, stockholmTime } from "~/domain/deadlines";
import type { TrainingFormValues } from "~/domain/training-schema";
import { audit } from "~/lib/audit.server";
import { env } from "~/lib/env.server";
import { formatDateTime, i18nFor } from "~/lib/i18n";
import type { CurrentUser } from "~/lib/permissions.server";
import type { Role, TrainingTopic, UnitKind } from "~/domain/vocabulary";

// rrule's CommonJS entry hides its named exports from Node's ESM loader (a plain tsx script); bundlers take its ESM.
const { RRule } = (rrule as unknown as { default?: typeof rrule }).default ?? rrule;
import { deliverMessage } from "./inbox.server";
import { enqueueEmail } from "./outbox.server";
import { contactPersonsOfUnitKinds } from "./unit-contact.server";

type Training = typeof trainings.$inferSelect;
type Registration = typeof trainingRegistrations.$inferSelect;

export interface TrainingInput {
  title: string;
  topic: TrainingTopic;
  audienceRoles: Role[];
  audienceUnitKinds: UnitKind[];
  description: string;
  startsAt: Date;
  durationMinutes: number;
  place: string;
  capacity: number;
  registrationDeadline: Date;
  organisers: string;
}

/** The form's Stockholm dates and times as a training; registration closes at the end of the deadline day (or at the start). */
export function trainingInputFrom(v: TrainingFormValues): TrainingInput {
  const startsAt = stockholmInstant(v.date, v.time);
  const endOfDeadlineDay = stockholmInstant(addCalendarDays(v.deadlineDate, 1));
  const { topic, durationMinutes, capacity } = v;
  // The schema requires them; a form that skipped it is a programming error.
  if (topic === undefined || durationMinutes === undefined || capacity === undefined)
    throw new Error("trainingInputFrom: the form was not validated");
  return {
    title: v.title,
    topic,
    audienceRoles: v.audienceRoles,
    audienceUnitKinds: v.audienceUnitKinds,
    description: v.description,
    startsAt,
    durationMinutes,
    place: v.place,
    capacity,
    registrationDeadline: new Date(Math.min(endOfDeadlineDay.getTime(), startsAt.getTime())),
    organisers: v.organisers,
  };
}

/** The last day to register, as the coordinator chose it: registration closes when that Stockholm day ends. */
export function lastRegistrationDay(t: { registrationDeadline: Date }) {
  return stockholmDate(new Date(t.registrationDeadline.getTime() - 1));
}

/** A training as the form shows it. */
export function formValuesOf(t: Training) {
  return {
    title: t.title,
    topic: t.topic,
    description: t.description,
    date: stockholmDate(t.startsAt),
    time: stockholmTime(t.startsAt),
    durationMinutes: String(t.durationMinutes),
    place: t.place,
    capacity: String(t.capacity),
    deadlineDate: lastRegistrationDay(t),
    organisers: t.organisers,
    scope: "one",
  };
}

/** At most this many occasions from one rule: a term of weekly trainings, with room to spare. */
export const MAX_OCCURRENCES = 40;

/**
 * The starts of a series: the rule is read in Stockholm wall-clock time (the first occasion's date and time), so
 * "every first Tuesday at 14:00" stays at 14:00 on both sides of a daylight-saving change.
 */
export function expandSeries(first: Date, rrule: string): Date[] {
  const date = stockholmDate(first);
  const time = stockholmTime(first);
  // rrule works in UTC; feeding it the wall clock as if it were UTC and reading it back the same way keeps the clock.
  const floating = new Date(`${date}T${time}:00Z`);
  const rule = new RRule({ ...RRule.parseString(rrule.replace(/^RRULE:/, "")), dtstart: floating });
  return rule
    .all((_, i) => i < MAX_OCCURRENCES)
    .map((d) => stockholmInstant(d.toISOString().slice(0, 10), d.toISOString().slice(11, 16)));
}

/** Whether a rule can be expanded: it must end (COUNT or UNTIL) and give at least one occasion. */
export function validRule(rrule: string, first: Date) {
  try {
    const parsed = RRule.parseString(rrule.replace(/^RRULE:/, ""));
    return parsed.freq !== undefined && (!!parsed.count || !!parsed.until) && expandSeries(first, rrule).length > 0;
  } catch {
    return false;
  }
}

/**
 * Creates a training, or a series of them from an RRULE; every occasion keeps the first one's registration lead time.
 * The form's submission key goes on the first occasion: the same form sent again waits for the first on the lock,
 * then finds the occasions it made (each `created: false`).
 */
export async function createTraining(user: CurrentUser, input: TrainingInput, rrule?: string, submissionKey?: string) {
  const starts = rrule ? expandSeries(input.startsAt, rrule) : [input.startsAt];
  const lead = input.startsAt.getTime() - input.registrationDeadline.getTime();
  return getDb().transaction(async (tx) => {
    if (submissionKey) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${submissionKey}))`);
      const [first] = await tx.select().from(trainings).where(eq(trainings.submissionKey, submissionKey));
      if (first) {
        const occasions = first.seriesId
          ? await tx
              .select()
              .from(trainings)
              .where(eq(trainings.seriesId, first.seriesId))
              .orderBy(asc(trainings.startsAt))
          : [first];
        return occasions.map((o) => ({ ...o, created: false }));
      }
    }
    const [series] = rrule
      ? await tx
          .insert(trainingSeries)
          .values({ municipalityId: user.municipalityId, rrule, createdById: user.id })
          .returning()
      : [];
    const made = await tx
      .insert(trainings)
      .values(
        starts.map((startsAt, i) => {
          const id = randomUUID();
          return {
            ...input,
            id,
            startsAt,
            registrationDeadline: new Date(startsAt.getTime() - lead),
            municipalityId: user.municipalityId,
            seriesId: series?.id ?? null,
            uid: `${id}@tillsammans`,
            createdById: user.id,
            submissionKey: i === 0 ? submissionKey : undefined,
          };
        }),
      )
      .returning();
    const details = { occasions: made.length };
    await audit({ action: "create", user, recordType: "training", recordId: made[0].id, details }, tx);
    return made.map((o) => ({ ...o, created: true }));
  });
}

export async function getTraining(municipalityId: string, id: string) {
  const [row] = await getDb()
    .select()
    .from(trainings)
    .where(and(eq(trainings.id, id), eq(trainings.municipalityId, municipalityId)));
  return row ?? null;
}

/**
 * The occasions of the user's municipality a change to `training` reaches: itself, or it and the later ones of its
 * series. Read again in the user's scope, so a row loaded elsewhere cannot widen a change beyond the municipality.
 */
async function scopeOf(db: Database, user: CurrentUser, training: Training, scope: "one" | "series") {
  const reach =
    scope === "one" || !training.seriesId
      ? eq(trainings.id, training.id)
      : and(
          eq(trainings.seriesId, training.seriesId),
          gte(trainings.startsAt, training.startsAt),
          ne(trainings.status, "cancelled"),
        );
  return db
    .select()
    .from(trainings)
    .where(and(eq(trainings.municipalityId, user.municipalityId), reach))
    .orderBy(asc(trainings.startsAt));
}

const ofMunicipality = (user: CurrentUser, id: string) =>
  and(eq(trainings.id, id), eq(trainings.municipalityId, user.municipalityId));

/** Raised in the UPDATE, not from a row read before it: a cancelled place raises it too (cancelRegistration). */
const nextSequence = sql`${trainings.sequence} + 1`;

/**
 * Changes one occasion or the rest of its series. For a series the new time of day applies on each occasion's own
 * date, and each keeps its registration lead time. Registrants of published occasions are told.
 */
export async function updateTraining(
  user: CurrentUser,
  training: Training,
  input: TrainingInput,
  scope: "one" | "series",
) {
  return getDb().transaction(async (tx) => {
    const targets = await scopeOf(tx, user, training, scope);
    const time = stockholmTime(input.startsAt);
    const lead = input.startsAt.getTime() - input.registrationDeadline.getTime();
    for (const target of targets) {
      const startsAt =
        target.id === training.id ? input.startsAt : stockholmInstant(stockholmDate(target.startsAt), time);
      const [updated] = await tx
        .update(trainings)
        .set({
          ...input,
          startsAt,
          registrationDeadline: new Date(startsAt.getTime() - lead),
          sequence: nextSequence,
          updatedAt: new Date(),
        })
        .where(ofMunicipality(user, target.id))
        .returning();
      if (updated.status === "published") await tellRegistrants(tx, updated, "changed");
      // More places: the waitlist moves up (the UPDATE holds the row lock that registrations wait for).
      await promoteWaiting(tx, updated, new Date());
    }
    await auditTraining(tx, user, training, { intent: "edit", occasions: targets.length });
    return targets.length;
  });
}

/**
 * Publishes the drafts among one occasion or the rest of its series. The UPDATE itself requires a row to be a draft
 * still: of two publishes at once, the second waits for the first's row locks and then finds nothing left to publish,
 * so only the rows this call changed are audited and announced (a series by its first occasion now published; an
 * occasion published later on its own is announced then, none twice). Returns how many occasions it published.
 */
export async function publishTraining(user: CurrentUser, training: Training, scope: "one" | "series") {
  return getDb().transaction(async (tx) => {
    const targets = (await scopeOf(tx, user, training, scope)).filter((t) => t.status === "draft");
    if (!targets.length) return 0;
    const published = await tx
      .update(trainings)
      .set({ status: "published", updatedAt: new Date() })
      .where(
        and(
          eq(trainings.municipalityId, user.municipalityId),
          eq(trainings.status, "draft"),
          inArray(
            trainings.id,
            targets.map((t) => t.id),
          ),
        ),
      )
      .returning();
    if (!published.length) return 0;
    await auditTraining(tx, user, training, { intent: "publish", occasions: published.length });
    const first = published.reduce((a, b) => (b.startsAt < a.startsAt ? b : a));
    await announceToContacts(tx, first);
    return published.length;
  });
}

/**
 * A newly published training, announced to the contact person of each unit of a kind it is for (each person once),
 * so they can pass it on: its title and start, nothing about anyone.
 */
async function announceToContacts(db: Database, training: Training) {
  const contacts = await contactPersonsOfUnitKinds(training.municipalityId, training.audienceUnitKinds, db);
  for (const contact of contacts)
    await deliverMessage(
      {
        municipalityId: training.municipalityId,
        recipientId: contact.id,
        template: "trainings:notices.announced",
        params: { title: training.title, startsAt: training.startsAt.toISOString() },
        link: `/trainings/${training.id}`,
        notify: true,
      },
      db,
    );
}

/** Cancels one occasion or the rest of the series; everyone registered or waiting is told. */
export async function cancelTraining(user: CurrentUser, training: Training, scope: "one" | "series") {
  return getDb().transaction(async (tx) => {
    const targets = await scopeOf(tx, user, training, scope);
    for (const target of targets) {
      const [cancelled] = await tx
        .update(trainings)
        .set({ status: "cancelled", sequence: nextSequence, updatedAt: new Date() })
        .where(and(ofMunicipality(user, target.id), ne(trainings.status, "cancelled")))
        .returning();
      if (cancelled && target.status === "published") await tellRegistrants(tx, cancelled, "cancelled");
    }
    await auditTraining(tx, user, training, { intent: "cancel", occasions: targets.length });
    return targets.length;
  });
}

/** A change to a training (or a registration for it), audited in the change's transaction. */
function auditTraining(
  tx: Database,
  user: CurrentUser,
  training: Pick<Training, "id">,
  details: Record<string, unknown>,
) {
  return audit({ action: "update", user, recordType: "training", recordId: training.id, details }, tx);
}

type Notice = "changed" | "cancelled" | "promoted" | "registeredByPrincipal";
type Holder = Pick<Registration, "id" | "userId" | "status">;

/**
 * Tells one registrant: an inbox message, and an e-mail. One who holds a place gets the training's calendar entry
 * with it, as report meetings do; the waitlist has no entry, so only the notice that there is a message.
 */
async function tell(db: Database, training: Training, registration: Holder, notice: Notice) {
  const withCalendar = registration.status === "registered";
  await deliverMessage(
    {
      municipalityId: training.municipalityId,
      recipientId: registration.userId,
      template: `trainings:notices.${notice}` as const,
      params: { title: training.title, startsAt: training.startsAt.toISOString() },
      link: `/trainings/${training.id}`,
      notify: !withCalendar,
    },
    db,
  );
  if (withCalendar) await sendCalendar(db, training, registration, notice);
}

/**
 * The training as one person's calendar entry, by e-mail: a REQUEST, or a CANCEL once the training or their place is
 * cancelled. It has the UID and SEQUENCE of the "add to calendar" file and the feed, so an imported entry is updated
 * in place. The text holds the title, time, place and a link, nothing about anyone.
 */
async function sendCalendar(
  db: Database,
  training: Training,
  registration: Pick<Registration, "id" | "userId">,
  mail: Notice | "registrationCancelled",
) {
  const [person] = await db
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, registration.userId), eq(users.municipalityId, training.municipalityId)));
  if (!person) return;
  const locale = person.locale === "en" ? "en" : "sv";
  const t = i18nFor(locale).getFixedT(locale, "trainings");
  const method = mail === "cancelled" || mail === "registrationCancelled" ? "CANCEL" : "REQUEST";
  const values = {
    title: training.title,
    when: formatDateTime(training.startsAt, locale),
    where: training.place ? `, ${training.place}` : "",
    url: `${env().publicUrl}/trainings/${training.id}`,
  };
  const attendees = [{ email: person.email, name: person.name }];
  await enqueueEmail(db, {
    municipalityId: training.municipalityId,
    recipientId: registration.userId,
    toAddress: person.email,
    subject: t(`notices.${mail}.subject`, values),
    textBody: t(`notices.${mail}.email`, values),
    calendar: { method, content: calendarFile([{ ...trainingEvent(training), attendees }], method) },
  });
  if (method === "REQUEST")
    await db
      .update(trainingRegistrations)
      .set({ calendarSequence: training.sequence })
      .where(
        and(
          eq(trainingRegistrations.id, registration.id),
          eq(trainingRegistrations.municipalityId, training.municipalityId),
        ),
      );
}

async function tellRegistrants(db: Database, training: Training, notice: Notice) {
  const live = await db
    .select({
      id: trainingRegistrations.id,
      userId: trainingRegistrations.userId,
      status: trainingRegistrations.status,
    })
    .from(trainingRegistrations)
    .where(and(eq(trainingRegistrations.trainingId, training.id), ne(trainingRegistrations.status, "cancelled")));
  for (const r of live) await tell(db, training, r, notice);
}

/** Whether a person belongs to a training's audience: a role it is for, at a kind of unit it is for. */
export function inAudience(
  person: Pick<CurrentUser, "memberships">,
  training: Pick<Training, "audienceRoles" | "audienceUnitKinds">,
) {
  return person.memberships.some(
    (m) => training.audienceRoles.includes(m.role) && training.audienceUnitKinds.includes(m.unitKind),
  );
}

export type RegisterError = "notOpen" | "deadlinePassed" | "notInAudience";
export type RegisterResult =
  | { ok: true; status: "registered" | "waitlisted"; already: boolean }
  | { ok: false; error: RegisterError };

/**
 * Registers a person (themselves, or staff registered by their principal). The training row is locked for the
 * transaction, so registrations for one training happen one at a time: never more than the capacity, and the
 * waitlist in the order people came. Registering again returns the place already held.
 */
export async function registerFor(
  training: Training,
  person: CurrentUser,
  registeredBy: CurrentUser | null,
  now = new Date(),
): Promise<RegisterResult> {
  const registeredById = registeredBy?.id ?? null;
  if (!inAudience(person, training)) return { ok: false, error: "notInAudience" };
  return getDb().transaction(async (tx): Promise<RegisterResult> => {
    // Locked in the person's municipality: another one's training is, for them, not open.
    const [locked] = await tx
      .select()
      .from(trainings)
      .where(and(eq(trainings.id, training.id), eq(trainings.municipalityId, person.municipalityId)))
      .for("update");
    if (locked?.status !== "published" || locked.startsAt <= now) return { ok: false, error: "notOpen" };
    if (locked.registrationDeadline <= now) return { ok: false, error: "deadlinePassed" };
    const [existing] = await tx
      .select()
      .from(trainingRegistrations)
      .where(
        and(
          eq(trainingRegistrations.trainingId, locked.id),
          eq(trainingRegistrations.userId, person.id),
          ne(trainingRegistrations.status, "cancelled"),
        ),
      );
    if (existing) return { ok: true, status: existing.status as "registered" | "waitlisted", already: true };
    const [{ taken }] = await tx
      .select({ taken: count() })
      .from(trainingRegistrations)
      .where(and(eq(trainingRegistrations.trainingId, locked.id), eq(trainingRegistrations.status, "registered")));
    const status = taken < locked.capacity ? "registered" : "waitlisted";
    const [registration] = await tx
      .insert(trainingRegistrations)
      .values({
        municipalityId: locked.municipalityId,
        trainingId: locked.id,
        userId: person.id,
        status,
        registeredById,
        createdAt: now,
      })
      .returning();
    // Registering oneself sends nothing: the page offers the "add to calendar" file.
    if (registeredById && registeredById !== person.id) await tell(tx, locked, registration, "registeredByPrincipal");
    // A principal's entry names whom they registered; a place already held (a resent form) is not audited.
    const byOther = registeredBy && registeredBy.id !== person.id;
    const details = byOther ? { intent: "registerStaff", userId: person.id } : { intent: "register" };
    await auditTraining(tx, byOther ? registeredBy : person, locked, details);
    return { ok: true, status, already: false };
  });
}

/**
 * Cancels a person's place (until the training starts). One who was e-mailed the calendar entry gets a CANCEL of it,
 * with a SEQUENCE above any sent before (the training's is raised, so the file and the feed move on with it). A freed
 * place goes to the first on the waitlist, who is told; the lock on the training makes that happen exactly once.
 */
export async function cancelRegistration(training: Training, person: CurrentUser, now = new Date()) {
  return getDb().transaction(async (tx) => {
    const [locked] = await tx
      .select()
      .from(trainings)
      .where(and(eq(trainings.id, training.id), eq(trainings.municipalityId, person.municipalityId)))
      .for("update");
    if (!locked || locked.startsAt <= now) return false;
    const [cancelled] = await tx
      .update(trainingRegistrations)
      .set({ status: "cancelled", cancelledAt: now })
      .where(
        and(
          eq(trainingRegistrations.municipalityId, person.municipalityId),
          eq(trainingRegistrations.trainingId, locked.id),
          eq(trainingRegistrations.userId, person.id),
          ne(trainingRegistrations.status, "cancelled"),
        ),
      )
      .returning();
    if (!cancelled) return false;
    let current = locked;
    if (cancelled.calendarSequence !== null) {
      [current] = await tx
        .update(trainings)
        .set({ sequence: nextSequence })
        .where(and(eq(trainings.id, locked.id), eq(trainings.municipalityId, locked.municipalityId)))
        .returning();
      await sendCalendar(tx, current, cancelled, "registrationCancelled");
    }
    await promoteWaiting(tx, current, now);
    await auditTraining(tx, person, locked, { intent: "cancelRegistration" });
    return true;
  });
}

/** Fills free places from the waitlist, first come first served. Runs under the training's row lock. */
async function promoteWaiting(tx: Database, training: Training, now: Date) {
  const [{ taken }] = await tx
    .select({ taken: count() })
    .from(trainingRegistrations)
    .where(and(eq(trainingRegistrations.trainingId, training.id), eq(trainingRegistrations.status, "registered")));
  const free = training.capacity - taken;
  if (free <= 0 || training.status !== "published") return;
  const next = await tx
    .select()
    .from(trainingRegistrations)
    .where(and(eq(trainingRegistrations.trainingId, training.id), eq(trainingRegistrations.status, "waitlisted")))
    .orderBy(asc(trainingRegistrations.seq))
    .limit(free);
  for (const r of next) {
    await tx
      .update(trainingRegistrations)
      .set({ status: "registered", promotedAt: now })
      .where(
        and(eq(trainingRegistrations.id, r.id), eq(trainingRegistrations.municipalityId, training.municipalityId)),
      );
    await tell(tx, training, { ...r, status: "registered" }, "promoted");
  }
}

/** Registrations of a training in order: the registered first, then the waitlist. */
export async function registrationsOf(user: CurrentUser, trainingId: string) {
  return getDb()
    .select({
      id: trainingRegistrations.id,
      userId: users.id,
      name: users.name,
      status: trainingRegistrations.status,
      attended: trainingRegistrations.attended,
    })
    .from(trainingRegistrations)
    .innerJoin(users, eq(users.id, trainingRegistrations.userId))
    .where(
      and(
        eq(trainingRegistrations.municipalityId, user.municipalityId),
        eq(trainingRegistrations.trainingId, trainingId),
        ne(trainingRegistrations.status, "cancelled"),
      ),
    )
    .orderBy(sql`${trainingRegistrations.status} = 'waitlisted'`, asc(trainingRegistrations.seq));
}

/** After the training: who came. Everyone registered and not ticked is a no-show. Gives how many were marked. */
export async function recordAttendance(user: CurrentUser, training: Training, attendedUserIds: string[] | "all") {
  return getDb().transaction(async (tx) => {
    const marked = await markAttendance(tx, user, training, attendedUserIds);
    await auditTraining(tx, user, training, { intent: attendedUserIds === "all" ? "allCame" : "attendance" });
    return marked;
  });
}

async function markAttendance(tx: Database, user: CurrentUser, training: Training, attendedUserIds: string[] | "all") {
  const marked = await tx
    .update(trainingRegistrations)
    .set({
      attended:
        attendedUserIds === "all"
          ? true
          : sql`${trainingRegistrations.userId} in (${sql.join(
              (attendedUserIds.length ? attendedUserIds : ["00000000-0000-0000-0000-000000000000"]).map(
                (id) => sql`${id}::uuid`,
              ),
              sql`, `,
            )})`,
    })
    .where(
      and(
        eq(trainingRegistrations.municipalityId, user.municipalityId),
        eq(trainingRegistrations.trainingId, training.id),
        eq(trainingRegistrations.status, "registered"),
      ),
    )
    .returning({ id: trainingRegistrations.id });
  return marked.length;
}

/** Published trainings from `from` to `to` for the calendar; coordinators also see drafts and cancelled ones. */
export async function listTrainings(
  municipalityId: string,
  from: Date,
  to: Date,
  options: { all?: boolean; topic?: TrainingTopic } = {},
) {
  const rows = await getDb()
    .select({
      training: trainings,
      // Qualified by hand: in a one-table select drizzle writes ${trainings.id} as a bare "id", which the subquery
      // would read as its own.
      registered: sql<number>`(select count(*) from training_registrations r
        where r.training_id = "trainings"."id" and r.status = 'registered')`.mapWith(Number),
    })
    .from(trainings)
    .where(
      and(
        eq(trainings.municipalityId, municipalityId),
        gte(trainings.startsAt, from),
        lt(trainings.startsAt, to),
        options.all ? undefined : eq(trainings.status, "published"),
        options.topic ? eq(trainings.topic, options.topic) : undefined,
      ),
    )
    .orderBy(asc(trainings.startsAt));
  return rows.map(({ training, registered }) => ({
    ...training,
    registered,
    free: Math.max(training.capacity - registered, 0),
  }));
}

export async function registeredCount(trainingId: string) {
  const [{ n }] = await getDb()
    .select({ n: count() })
    .from(trainingRegistrations)
    .where(and(eq(trainingRegistrations.trainingId, trainingId), eq(trainingRegistrations.status, "registered")));
  return n;
}

/** One person's live registration on a training, if any. */
export async function registrationOf(trainingId: string, userId: string) {
  const [row] = await getDb()
    .select()
    .from(trainingRegistrations)
    .where(
      and(
        eq(trainingRegistrations.trainingId, trainingId),
        eq(trainingRegistrations.userId, userId),
        ne(trainingRegistrations.status, "cancelled"),
      ),
    );
  return row ?? null;
}

/** Staff a principal may register: active staff of the units where they are principal. */
export async function staffOfPrincipal(user: CurrentUser) {
  const unitIds = user.memberships.filter((m) => m.role === "principal").map((m) => m.unitId);
  if (!unitIds.length) return [];
  return getDb()
    .selectDistinct({ id: users.id, name: users.name, unitKind: units.kind, unitId: units.id })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .innerJoin(units, eq(units.id, memberships.unitId))
    .where(and(inArray(memberships.unitId, unitIds), eq(memberships.role, "staff")))
    .orderBy(asc(users.name));
}

/**
 * The training as a calendar entry ("add to calendar"): the UID and SEQUENCE of the personal feed and of the entries
 * e-mailed to those with a place, so whichever reached a calendar first is updated in place by the others.
 */
export function trainingCalendar(training: Training) {
  return calendarFile([trainingEvent(training)], "PUBLISH");
}

export function trainingEvent(training: Training) {
  return {
    uid: training.uid,
    sequence: training.sequence,
    startsAt: training.startsAt,
    durationMinutes: training.durationMinutes,
    title: training.title,
    place: training.place,
    description: `${env().publicUrl}/trainings/${training.id}`,
    cancelled: training.status === "cancelled",
  };
}
