import { and, count, eq, isNull } from "drizzle-orm";
import {
  addCalendarDays,
  decisionDue,
  protectionAssessmentDue,
  stockholmDate,
  stockholmInstant,
} from "~/domain/deadlines";
import { receiptFacts } from "~/domain/receipt-facts";
import { concernKindsOf, createDefaultConcernKinds } from "~/models/concern-kinds.server";
import { giveBasicFeedback } from "~/models/feedback.server";
import { drawReviewSample, lastMonthOver } from "~/models/quality-review.server";
import { getCurrentUser } from "~/models/user.server";
import { inviteToSurvey } from "~/models/report-notices.server";
import { expandSeries } from "~/models/training.server";
import { AGREEMENT_SLUG, seedGuidance } from "~/models/guidance.server";
import { seedAgreementVersions, seedArticles } from "./guidance-content";
import { hashPassword } from "~/lib/password.server";
import { DEMO_PASSWORD, demoAccounts, demoUnits } from "./accounts";
import { ensureDataKey, keyringFor } from "~/lib/sealed.server";
import { sealedIdentity } from "~/models/report-identity.server";
import { getDb, type Database } from "#db/client.server";
import { seedDemoHistory } from "./history.server";
import {
  adviceConsultations,
  decisionReviews,
  guidanceSettings,
  memberships,
  messages,
  municipalities,
  reportConcernKinds,
  reportCounters,
  reportEvents,
  reports,
  units,
  users,
  type ContactDetails,
  trainingRegistrations,
  trainings,
  trainingSeries,
} from "#db/schema";

/**
 * Seeds the demo municipality Exempelstad unless some municipality already exists. Returns whether it seeded. With its
 * generated history (app/demo/history.server.ts) unless `history` is false (the benchmark brings ten years of its own).
 * Last month's review sample is drawn after, on the process's database: drawDemoReviewSample.
 */
export async function seedDemo(db: Database, options: { history?: boolean } = {}): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(municipalities);
  if (n > 0) {
    // A data folder from before guidance existed gets it now; nothing else is touched.
    const [city] = await db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(eq(municipalities.slug, "exempelstad"));
    if (city) await seedDemoGuidance(db, city.id);
    return false;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [city] = await tx.insert(municipalities).values({ name: "Exempelstad", slug: "exempelstad" }).returning();
    await createDefaultConcernKinds(tx, city.id);
    await ensureDataKey(tx, city.id);
    const unitRows = await tx
      .insert(units)
      .values(
        demoUnits.map((u) => ({
          municipalityId: city.id,
          name: u.name,
          kind: u.kind,
          enrolledChildren: u.enrolledChildren,
        })),
      )
      .returning();
    const unitId = (key: string) => unitRows[demoUnits.findIndex((u) => u.key === key)].id;
    for (const u of demoUnits) {
      if (u.serves)
        await tx
          .update(units)
          .set({ servesUnitId: unitId(u.serves) })
          .where(eq(units.id, unitId(u.key)));
    }
    const userRows = await tx
      .insert(users)
      .values(demoAccounts.map((a) => ({ municipalityId: city.id, email: a.email, name: a.name, passwordHash })))
      .returning();
    await tx.insert(memberships).values(
      demoAccounts.map((a, i) => ({
        municipalityId: city.id,
        userId: userRows[i].id,
        unitId: unitId(a.unit),
        role: a.role,
      })),
    );
    await tx.insert(messages).values(
      userRows.map((u) => ({
        municipalityId: city.id,
        recipientId: u.id,
        kind: "system",
        subject: "Välkommen till Tillsammans",
        body:
          "Det här är din inkorg i Tillsammans. Här kommer råd från mottagningen, inbjudningar till anmälningsmöten, " +
          "återkoppling och besked om utbildningar. E-post från portalen säger bara att du har ett nytt meddelande här.",
        link: "/",
      })),
    );
    const userId = (email: string) => userRows[demoAccounts.findIndex((a) => a.email === email)].id;
    const adviceIds = await seedDemoAdvice(tx, city.id, unitId, userId);
    // The past before the demo's own reports, so theirs are this year's newest references.
    if (options.history !== false) await seedDemoHistory(tx, city, await keyringFor(city.id, tx), passwordHash);
    await seedDemoReports(tx, city.id, unitId, userId, adviceIds);
    await seedDemoGuidance(tx, city.id);
    await seedDemoTrainings(tx, city.id, userId);
  });
  return true;
}

/** The template of the notice each reviewer gets when a sample is drawn (app/models/quality-review.server.ts). */
const REVIEW_NOTICE = "reviews:notices.assigned";

/**
 * Last month's internal quality review sample, drawn at once by the demo's coordinator (issue 20) as /reviews draws
 * it, rather than by the portal's round ten minutes after the start. The model reads and writes the process's
 * database (getDb), so this runs after seedDemo on that one (the server's start, db:seed). Each case goes to a social
 * worker who did not decide it; a second call finds the sample drawn.
 */
export async function drawDemoReviewSample(now = new Date()) {
  const db = getDb();
  const [coordinator] = await db
    .select({ id: users.id, municipalityId: users.municipalityId })
    .from(users)
    .where(eq(users.email, "samordnare@exempelstad.example"));
  const user = coordinator && (await getCurrentUser(coordinator.id, coordinator.municipalityId));
  if (!user) return null;
  const drawn = await drawReviewSample(user, lastMonthOver(now), now);
  if (!drawn.ok || !drawn.created) return drawn;
  // Part of the demo's past, like its feedback: the accounts start with only their welcome message unread.
  await db
    .update(messages)
    .set({ readAt: now })
    .where(
      and(
        eq(messages.municipalityId, user.municipalityId),
        eq(messages.template, REVIEW_NOTICE),
        isNull(messages.readAt),
      ),
    );
  return drawn;
}

export const demoContact: ContactDetails = {
  receptionPhone: "0123-45 67 00",
  receptionEmail: "mottagningen@exempelstad.example",
  receptionHours: { sv: "vardagar 8.00–16.30", en: "weekdays 8.00–16.30" },
  outOfHoursPhone: "0123-45 67 99",
  outOfHoursHours: { sv: "kvällar, nätter och helger", en: "evenings, nights and weekends" },
  emergencyNumber: "112",
};

/** The standard guidance (app/demo/guidance-content.ts) as versions to load. */
export function standardGuidance() {
  const text = (t: { title: string; summary: string; body: string }, lang: "Sv" | "En") => ({
    [`title${lang}`]: t.title,
    [`summary${lang}`]: t.summary,
    [`body${lang}`]: t.body,
  });
  const articles = seedArticles.map((a) => ({
    slug: a.slug,
    sortOrder: a.sortOrder,
    kind: "article" as const,
    versions: [
      {
        ...(text(a.sv, "Sv") as { titleSv: string; summarySv: string; bodySv: string }),
        ...(text(a.en, "En") as { titleEn: string; summaryEn: string; bodyEn: string }),
        legalReferences: a.legalReferences,
        // Published, not reviewed: nobody here has checked the seed against the enacted law yet.
        publishedOn: a.publishedOn,
        nextReviewOn: null,
        changeSummarySv: "",
        changeSummaryEn: "",
      },
    ],
  }));
  const agreement = {
    slug: AGREEMENT_SLUG,
    sortOrder: 0,
    kind: "agreement" as const,
    versions: seedAgreementVersions.map((v) => ({
      ...(text(v.sv, "Sv") as { titleSv: string; summarySv: string; bodySv: string }),
      ...(text(v.en, "En") as { titleEn: string; summaryEn: string; bodyEn: string }),
      legalReferences: v.legalReferences,
      publishedOn: v.publishedOn,
      nextReviewOn: v.nextReviewOn,
      changeSummarySv: v.changeSummary.sv,
      changeSummaryEn: v.changeSummary.en,
    })),
  };
  return [agreement, ...articles];
}

async function seedDemoGuidance(db: Database, municipalityId: string) {
  await seedGuidance(db, municipalityId, standardGuidance());
  await db.insert(guidanceSettings).values({ municipalityId, contact: demoContact }).onConflictDoNothing();
}

/** The code of the demo consultation that a demo report quotes. */
export const DEMO_ADVICE_CODE = "R-7K3Q";

/** Two de-identified advice calls: one the teacher followed with a report, one from a preschool. */
async function seedDemoAdvice(
  db: Database,
  municipalityId: string,
  unitId: (key: string) => string,
  userId: (email: string) => string,
) {
  const now = Date.now();
  const reception = userId("mottagning@exempelstad.example");
  const teacher = userId("larare@exempelstad.example");
  const [quoted] = await db
    .insert(adviceConsultations)
    .values({
      municipalityId,
      code: DEMO_ADVICE_CODE,
      authorId: reception,
      receptionUnitId: unitId("mottagning"),
      occurredAt: new Date(now - 2 * 86_400_000),
      durationMinutes: 12,
      channel: "phone",
      callerUnitId: unitId("solbacken"),
      callerRole: "teacher",
      callerUserId: teacher,
      concerns: ["physical_violence"],
      ageBand: "13-15",
      acute: false,
      summary:
        "Lärare har sett blåmärken på en elevs handled vid två tillfällen. Eleven säger att hen inte får berätta.",
      advice: "report_now",
      followUp: "Läraren skriver anmälan i dag och pratar med rektor.",
    })
    .returning({ id: adviceConsultations.id });
  await db.insert(adviceConsultations).values({
    municipalityId,
    code: "R-4MWD",
    authorId: reception,
    receptionUnitId: unitId("mottagning"),
    occurredAt: new Date(now - 6 * 86_400_000),
    durationMinutes: 8,
    channel: "phone",
    callerUnitId: unitId("ekorren"),
    callerRole: "preschool_teacher",
    concerns: ["neglect"],
    ageBand: "3-5",
    acute: false,
    summary: "Ett barn hämtas ofta sent och verkar trött. Personalen vill veta vad de ska titta efter.",
    advice: "report_after_observing",
    followUp: "Personalen för anteckningar med datum i två veckor och ringer igen.",
  });
  await db.insert(messages).values({
    municipalityId,
    recipientId: teacher,
    kind: "advice",
    subject: "Råd från mottagningen",
    body:
      "Tack för att du ringde mottagningen. Här är rådet du fick, utan uppgifter om barnet.\n\n" +
      "Råd: Anmäl nu\n\nDin kod: R-7K3Q. Skriv koden i anmälan om du anmäler, så kopplas samtalet till den.",
    link: "/guidance/writing-a-clear-report",
  });
  return { quoted: quoted.id };
}

/**
 * A handful of reports in different states, so reception's inbox shows what is due and the teacher and
 * the principal see outcomes. The children are invented.
 */
async function seedDemoReports(
  db: Database,
  municipalityId: string,
  unitId: (key: string) => string,
  userId: (email: string) => string,
  adviceIds: { quoted: string },
) {
  const now = Date.now();
  const today = stockholmDate(new Date(now));
  // Stockholm clock times on past days, never later than an hour ago: a demo started at night shows no receipt ahead of now.
  const daysAgo = (d: number, hour = 10) =>
    new Date(
      Math.min(
        stockholmInstant(addCalendarDays(today, -d), `${String(hour).padStart(2, "0")}:00`).getTime(),
        now - 3_600_000,
      ),
    );
  const teacher = userId("larare@exempelstad.example");
  const principal = userId("rektor@exempelstad.example");
  const preschool = userId("forskola@exempelstad.example");
  const reception = userId("mottagning@exempelstad.example");
  const year = new Date(now).getUTCFullYear();
  const kinds = await concernKindsOf({ municipalityId }, db);
  const kind = (code: string) => kinds.find((k) => k.code === code)?.id ?? null;
  // The kinds reception has set on the reports it has worked on; the newest ones still show only the suggestion.
  const kindsSet: Record<string, string[]> = {
    "Elsa Exempel": ["neglect", "parental_substance_or_mental_illness"],
    "Nora Exempeldotter": ["witnessing_violence"],
  };
  const base = {
    municipalityId,
    interpreterNeeded: false,
    interpreterLanguage: "",
    acute: false,
    otherAgencies: "",
    wantsFeedback: true,
    childGroup: "",
  };
  const rows = [
    {
      ...base,
      channel: "portal" as const,
      unitId: unitId("solbacken"),
      reporterId: teacher,
      reporterName: "Johan Berg",
      reporterPhone: "0123-45 12 01",
      reporterEmail: "larare@exempelstad.example",
      coSignerId: principal,
      childName: "Elsa Exempel",
      childBirthDate: "2015-03-14",
      childGroup: "5A",
      observedOn: stockholmDate(daysAgo(20)),
      observations:
        "Elsa har kommit till skolan utan frukost och utan ytterkläder flera dagar i rad. Hon somnar på lektionerna.",
      childWords: "Det finns ingen mat hemma, mamma sover.",
      guardians: [{ name: "Vårdnadshavare till Elsa", informed: true, notInformedReason: "" }],
      receivedAt: daysAgo(19),
      protectionAssessedAt: daysAgo(19, 14),
      protectionOutcome: "no_immediate_need" as const,
      assignedToId: reception,
      childHeard: true,
      childHeardNote: "Samtal med Elsa i skolan.",
      decision: "opened" as const,
      decidedAt: daysAgo(8),
    },
    {
      ...base,
      channel: "portal" as const,
      unitId: unitId("solbacken"),
      reporterId: teacher,
      reporterName: "Johan Berg",
      reporterPhone: "0123-45 12 01",
      reporterEmail: "larare@exempelstad.example",
      childName: "Omar Exempelsson",
      suggestedKindId: kind("physical_violence"),
      adviceCode: DEMO_ADVICE_CODE,
      adviceConsultationId: adviceIds.quoted,
      childBirthDate: "2013-09-02",
      childGroup: "7B",
      observedOn: stockholmDate(daysAgo(1)),
      observations: "Omar hade ett blåmärke runt handleden och drog sig undan när jag frågade hur det var.",
      childWords: "Jag får inte säga något.",
      guardians: [
        { name: "Vårdnadshavare till Omar", informed: false, notInformedReason: "Kan utsätta Omar för risk." },
      ],
      receivedAt: daysAgo(0, 8),
    },
    {
      ...base,
      channel: "portal" as const,
      unitId: unitId("larkan"),
      reporterId: preschool,
      reporterName: "Amira Hassan",
      reporterPhone: "0123-45 30 10",
      reporterEmail: "forskola@exempelstad.example",
      childName: "Liam Exempel",
      childBirthDate: "2022-01-20",
      childGroup: "Avdelning Blåsippan",
      observedOn: stockholmDate(daysAgo(4)),
      observations: "Liam hämtas ofta sent av en vuxen som verkar påverkad. Blöjan har inte bytts under natten.",
      childWords: "",
      guardians: [{ name: "Vårdnadshavare till Liam", informed: true, notInformedReason: "" }],
      receivedAt: daysAgo(3),
    },
    {
      ...base,
      channel: "police" as const,
      unitId: unitId("vastra"),
      reporterName: "Polisen, region Syd",
      reporterPhone: "114 14",
      reporterEmail: "",
      registeredById: reception,
      childName: "Nora Exempeldotter",
      childBirthDate: "2011-11-11",
      observedOn: null,
      observations: "Polisen var kallad till hemmet efter larm om bråk. Nora var hemma.",
      childWords: "",
      guardians: [],
      acute: true,
      receivedAt: daysAgo(12),
      protectionAssessedAt: daysAgo(12, 15),
      protectionOutcome: "immediate_measures" as const,
      assignedToId: reception,
      // Proposed "not opened" below: the child not heard, the police report considered (violence: a second look).
      childHeard: false,
      childHeardNote: "Nora bor hos en släkting i en annan kommun och har inte kunnat nås före beslutet.",
      policeConsidered: true,
      policeReported: false,
      policeNote: "Polisen har själv upprättat anmälan; samråd med Barnahus bedöms inte behövas nu.",
      policeConsideredAt: daysAgo(11),
    },
  ];
  const created = new Map<string, typeof reports.$inferSelect>();
  const keyring = await keyringFor(municipalityId, db);
  // After this year's reports of the history, if any.
  const [counter] = await db
    .select({ last: reportCounters.last })
    .from(reportCounters)
    .where(and(eq(reportCounters.municipalityId, municipalityId), eq(reportCounters.year, year)));
  let sequence = counter?.last ?? 0;
  for (const row of rows) {
    sequence += 1;
    const [report] = await db
      .insert(reports)
      .values({
        ...row,
        ...sealedIdentity(keyring, municipalityId, { childPersonalNumber: null, ...row }),
        reference: `ORO-${year}-${String(sequence).padStart(4, "0")}`,
        protectionDueAt: protectionAssessmentDue(row.receivedAt),
        decisionDueAt: decisionDue(row.receivedAt),
        ...receiptFacts({ ...row, childPersonalNumber: null }, row.receivedAt),
      })
      .returning();
    created.set(row.childName, report);
    const setKinds = (kindsSet[row.childName] ?? []).map(kind).filter((id) => id !== null);
    if (setKinds.length)
      await db
        .insert(reportConcernKinds)
        .values(setKinds.map((kindId) => ({ reportId: report.id, kindId, municipalityId })));
    // Basic feedback as the portal would have given it, so inboxes and reception's feedback page have something.
    await giveBasicFeedback(db, report, "received", row.receivedAt);
    if (report.decision && report.decidedAt) {
      await giveBasicFeedback(db, report, report.decision, report.decidedAt);
      await inviteToSurvey(db, report);
    }
    const events = [
      {
        kind: row.channel === "portal" ? "submitted" : "registered",
        at: row.receivedAt,
        actorId: ("reporterId" in row ? row.reporterId : null) ?? reception,
      },
      ...("protectionAssessedAt" in row && row.protectionAssessedAt
        ? [{ kind: "protection_assessed", at: row.protectionAssessedAt, actorId: reception }]
        : []),
      ...("decidedAt" in row && row.decidedAt ? [{ kind: "decided", at: row.decidedAt, actorId: reception }] : []),
    ];
    await db.insert(reportEvents).values(events.map((e) => ({ ...e, municipalityId, reportId: report.id })));
  }
  // Something in the reception lead's queue: reception's "not opened" on Nora waits for a second look.
  const nora = created.get("Nora Exempeldotter");
  if (nora) {
    const proposedAt = daysAgo(1);
    await db.insert(decisionReviews).values({
      municipalityId,
      reportId: nora.id,
      decision: "not_opened",
      decisionGround: "need_met_outside_social_services",
      decisionReasons:
        "Familjen har kontakt med vuxenpsykiatrin och familjebehandling via vårdcentralen; polisen utreder händelsen.",
      remainingConcern: false,
      secondLookReasons: ["violence", "child_not_heard"],
      proposedById: reception,
      proposedAt,
    });
    await db.insert(reportEvents).values({
      municipalityId,
      reportId: nora.id,
      kind: "decision_proposed",
      at: proposedAt,
      actorId: reception,
    });
  }
  await db
    .insert(reportCounters)
    .values({ municipalityId, year, last: sequence })
    .onConflictDoUpdate({ target: [reportCounters.municipalityId, reportCounters.year], set: { last: sequence } });
  // That feedback is history: the demo accounts start with only their welcome message unread.
  await db
    .update(messages)
    .set({ readAt: new Date() })
    .where(and(eq(messages.municipalityId, municipalityId), eq(messages.kind, "feedback")));
}

/**
 * The coordinators' calendar: a monthly course on the reporting duty from next month (first Tuesday, 14:00), a network
 * meeting, and one course held three days ago: the teacher came, the principal's attendance is still to record.
 */
async function seedDemoTrainings(db: Database, municipalityId: string, userId: (email: string) => string) {
  const coordinator = userId("samordnare@exempelstad.example");
  const today = stockholmDate(new Date());
  const nextMonth = `${addCalendarDays(`${today.slice(0, 7)}-01`, 32).slice(0, 7)}-01`;
  const firstTuesday = addCalendarDays(nextMonth, (9 - new Date(`${nextMonth}T12:00:00Z`).getUTCDay()) % 7);
  const rule = "FREQ=MONTHLY;COUNT=4;BYDAY=+1TU";
  const [series] = await db
    .insert(trainingSeries)
    .values({ municipalityId, rrule: rule, createdById: coordinator })
    .returning();
  const base = {
    municipalityId,
    audienceRoles: ["staff" as const, "principal" as const],
    audienceUnitKinds: ["preschool" as const, "school" as const],
    durationMinutes: 120,
    organisers: "Samverkansenheten",
    status: "published" as const,
    createdById: coordinator,
  };
  const course = {
    ...base,
    title: "Anmälningsplikten – grundutbildning",
    topic: "reporting_duty" as const,
    description:
      "Vad anmälningsplikten innebär, när du ska anmäla och hur en tydlig anmälan ser ut. Vi går igenom fall från förskola och skola.",
    place: "Stadshuset, sal Kvarnen",
    capacity: 30,
  };
  const occasions = expandSeries(stockholmInstant(firstTuesday, "14:00"), rule).map((startsAt, i) => ({
    ...course,
    seriesId: series.id,
    startsAt,
    registrationDeadline: new Date(startsAt.getTime() - 3 * 86_400_000),
    uid: `demo-course-${i}-${municipalityId}@tillsammans`,
  }));
  const held = stockholmInstant(addCalendarDays(today, -3), "14:00");
  const network = stockholmInstant(addCalendarDays(today, 21), "09:00");
  const rows = await db
    .insert(trainings)
    .values([
      ...occasions,
      {
        ...course,
        startsAt: held,
        registrationDeadline: new Date(held.getTime() - 3 * 86_400_000),
        uid: `demo-held-${municipalityId}@tillsammans`,
      },
      {
        ...base,
        title: "Nätverksträff: skola och socialtjänst",
        topic: "network_meeting" as const,
        audienceRoles: ["staff" as const, "principal" as const, "reception_worker" as const, "investigator" as const],
        audienceUnitKinds: [
          "preschool" as const,
          "school" as const,
          "student_health" as const,
          "reception" as const,
          "investigation" as const,
        ],
        description:
          "Rektorer, elevhälsa och socialtjänstens mottagning träffas och går igenom samverkan det senaste halvåret.",
        place: "Videomöte (länk skickas till de registrerade)",
        capacity: 40,
        startsAt: network,
        registrationDeadline: new Date(network.getTime() - 2 * 86_400_000),
        uid: `demo-network-${municipalityId}@tillsammans`,
      },
    ])
    .returning({ id: trainings.id, startsAt: trainings.startsAt });
  const heldRow = rows.find((r) => r.startsAt.getTime() === held.getTime());
  if (!heldRow) throw new Error("the held demo training was not inserted");
  await db.insert(trainingRegistrations).values(
    [
      { email: "larare@exempelstad.example", attended: true },
      { email: "rektor@exempelstad.example", attended: null },
    ].map((r) => ({
      municipalityId,
      trainingId: heldRow.id,
      userId: userId(r.email),
      status: "registered" as const,
      attended: r.attended,
      createdAt: new Date(held.getTime() - 10 * 86_400_000),
    })),
  );
}
