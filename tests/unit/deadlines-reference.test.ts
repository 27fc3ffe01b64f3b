import { DateTime } from "luxon";
import {
  addCalendarDays,
  decisionDue,
  type DueState,
  dueState,
  feedbackDue,
  nextMonth,
  protectionAssessmentDue,
  startOfStockholmDay,
  stockholmDate,
  stockholmInstant,
  stockholmTime,
} from "~/domain/deadlines";
import { fourMonthsAfter, investigationState } from "~/domain/investigation";
import { addWorkingDays, isWorkingDay } from "~/domain/working-days";

// Every deadline of the report process, for every hour of 2025–2030 in Stockholm, against a reference built another
// way: dates and zones with luxon, holidays from lag (1989:253) computed here (not from date-holidays), and the offset
// luxon reads checked against the EU summer-time rule, since luxon and the module both read the same Intl database.
// Mismatches are collected and compared with [] once, so a failure lists the first ones instead of stopping at one.

const ZONE = "Europe/Stockholm";
const HOUR = 3_600_000;
const MINUTE = 60_000;
const FIRST_YEAR = 2025;
const LAST_YEAR = 2030;

const local = (time: number) => DateTime.fromMillis(time, { zone: ZONE });
const localDay = (date: string) => DateTime.fromISO(date, { zone: ZONE }).startOf("day");
const isoDate = (dt: DateTime) => dt.toISODate() as string;
const pad = (n: number) => String(n).padStart(2, "0");
const utc = (time: number) => new Date(time).toISOString();

/** Instants (milliseconds since 1970, as the checks compare them) in UTC, for a readable failure. */
const show = (value: unknown) => (typeof value === "number" && value > 1e12 ? utc(value) : value);

/** Collects what differs, keeping the first few for the failure message and counting all. */
function mismatches() {
  const found: string[] = [];
  let count = 0;
  return {
    check(actual: unknown, expected: unknown, label: () => string) {
      count++;
      if (actual !== expected && found.length < 20)
        found.push(`${label()}: got ${show(actual)}, expected ${show(expected)}`);
    },
    get found() {
      return found;
    },
    get count() {
      return count;
    },
  };
}

// --- The EU rule (directive 2000/84/EC): summer time from the last Sunday of March to the last Sunday of October,
// changing at 01:00 UTC. Written with Date.UTC alone, to check luxon's reading of the time-zone database.
const lastSundayAt1Utc = (year: number, month: number) => {
  const last = new Date(Date.UTC(year, month, 0)); // day 0 of the next month
  return Date.UTC(year, month - 1, last.getUTCDate() - last.getUTCDay(), 1);
};
const euOffsetMinutes = (time: number) => {
  const year = new Date(time).getUTCFullYear();
  return time >= lastSundayAt1Utc(year, 3) && time < lastSundayAt1Utc(year, 10) ? 120 : 60;
};

// --- Days off, from the law. Easter by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day }, { zone: ZONE });
}

/** The Saturday in [first, first + 6 days]. */
const saturdayFrom = (first: DateTime) => first.plus({ days: (6 - first.weekday + 7) % 7 });

/** The holidays of lag (1989:253) om allmänna helgdagar, and the three eves public offices keep closed. */
function daysOffByLaw(year: number): Map<string, string> {
  const date = (month: number, day: number) => DateTime.fromObject({ year, month, day }, { zone: ZONE });
  const easter = easterSunday(year);
  const midsummerDay = saturdayFrom(date(6, 20));
  const days: [string, DateTime][] = [
    ["nyårsdagen", date(1, 1)],
    ["trettondedag jul", date(1, 6)],
    ["långfredagen", easter.minus({ days: 2 })],
    ["påskdagen", easter],
    ["annandag påsk", easter.plus({ days: 1 })],
    ["första maj", date(5, 1)],
    ["Kristi himmelsfärdsdag", easter.plus({ days: 39 })],
    ["pingstdagen", easter.plus({ days: 49 })],
    ["nationaldagen", date(6, 6)],
    ["midsommarafton", midsummerDay.minus({ days: 1 })],
    ["midsommardagen", midsummerDay],
    ["alla helgons dag", saturdayFrom(DateTime.fromObject({ year, month: 10, day: 31 }, { zone: ZONE }))],
    ["julafton", date(12, 24)],
    ["juldagen", date(12, 25)],
    ["annandag jul", date(12, 26)],
    ["nyårsafton", date(12, 31)],
  ];
  const off = new Map<string, string>();
  for (const [name, day] of days)
    off.set(isoDate(day), off.has(isoDate(day)) ? `${off.get(isoDate(day))}, ${name}` : name);
  return off;
}

// The reference's working days, as one sorted list from a year before to a year after the range, so that counting
// N working days is an index step rather than the module's day-by-day walk.
const referenceWorkingDays: string[] = [];
{
  const off = new Set<string>();
  for (let year = FIRST_YEAR - 1; year <= LAST_YEAR + 1; year++)
    for (const day of daysOffByLaw(year).keys()) off.add(day);
  for (let day = localDay(`${FIRST_YEAR - 1}-01-01`); day.year <= LAST_YEAR + 1; day = day.plus({ days: 1 }))
    if (day.weekday <= 5 && !off.has(isoDate(day))) referenceWorkingDays.push(isoDate(day));
}
const referenceWorkingSet = new Set(referenceWorkingDays);

/** The `days`th working day after `date` (never counting `date` itself); 0 is the date itself. */
function referenceAddWorkingDays(date: string, days: number): string {
  if (days === 0) return date;
  let low = 0;
  let high = referenceWorkingDays.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (referenceWorkingDays[mid] <= date) low = mid + 1;
    else high = mid;
  }
  return referenceWorkingDays[low + days - 1];
}

/**
 * The instant of a Stockholm wall-clock time, by the module's documented rule: of the readings at UTC+1 and UTC+2, the
 * one luxon shows as that wall time; the later (winter) one when both are (autumn); an hour on when neither (spring).
 */
function referenceInstant(date: string, hour: number, minute: number, second: number): number {
  const [year, month, day] = date.split("-").map(Number);
  return readWall(Date.UTC(year, month - 1, day, hour, minute, second));
}
/** `wall` is the wall-clock time written as if it were UTC. */
function readWall(wall: number): number {
  const fits = [wall - HOUR, wall - 2 * HOUR].filter((time) => {
    const l = local(time);
    return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) === wall;
  });
  return fits.length > 0 ? Math.max(...fits) : readWall(wall + HOUR);
}

// Stockholm days from a year before the range to two after, in order, each with the instant it begins: walked with
// luxon's plus({ days }), so "n days after" is an index step and "the start of that day" a lookup.
const days: string[] = [];
const dayStarts: number[] = [];
const dayIndex = new Map<string, number>();
for (let day = localDay(`${FIRST_YEAR - 1}-01-01`); day.year <= LAST_YEAR + 2; day = day.plus({ days: 1 })) {
  dayIndex.set(isoDate(day), days.length);
  days.push(isoDate(day));
  dayStarts.push(day.toMillis());
}
const indexOf = (date: string) => {
  const index = dayIndex.get(date);
  if (index === undefined) throw new Error(`outside the reference's days: ${date}`);
  return index;
};
const dayPlus = (date: string, n: number) => days[indexOf(date) + n];
const dayStart = (date: string) => dayStarts[indexOf(date)];
/** The exclusive bound of a deadline whose last allowed day is `date`: the start of the Stockholm day after it. */
const boundAfterDay = (date: string) => dayStart(dayPlus(date, 1));

const rangeDays = days.filter((d) => d >= `${FIRST_YEAR}-01-01` && d <= `${LAST_YEAR}-12-31`);

/** A Stockholm instant as luxon reads it: its date and wall-clock time. */
const reading = (time: number) => {
  const l = local(time);
  return { time, date: isoDate(l), clock: `${pad(l.hour)}:${pad(l.minute)}`, offset: l.offset };
};

// Every whole UTC hour whose Stockholm date lies in the range (the offsets are whole hours, so these are all the local
// hours, 23 on a spring change day and 25 on an autumn one), with the hour's last millisecond: within a UTC hour the
// Stockholm date never changes, so both must give the same deadlines, each checked against its own reading.
const firstInstant = dayStart(rangeDays[0]);
const endInstant = boundAfterDay(rangeDays[rangeDays.length - 1]);
const instants: ReturnType<typeof reading>[] = [];
for (let time = firstInstant; time < endInstant; time += HOUR) instants.push(reading(time), reading(time + HOUR - 1));
const instantsIn = (year: number) => instants.filter(({ date }) => date.startsWith(`${year}-`));
// luxon's plus({ months }) keeps the day of the month and clamps it to the month's last, as lag (1930:173) 1 § counts.
const fourMonthsLater = new Map(rangeDays.map((date) => [date, isoDate(localDay(date).plus({ months: 4 }))]));

const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

describe("the reference itself", () => {
  it("has luxon's Stockholm offset follow the EU summer-time rule for every hour of 2025–2030", () => {
    const m = mismatches();
    for (const { time, offset } of instants) m.check(offset, euOffsetMinutes(time), () => utc(time));
    expect(m.found).toEqual([]);
    // 365 × 5 + 366 days; the 23- and 25-hour days even out within each year.
    expect([rangeDays.length, m.count]).toEqual([2191, 2191 * 24 * 2]);
  });

  it("puts Easter where the almanac has it", () => {
    const easters = [2025, 2026, 2027, 2028, 2029, 2030, 2008, 2038, 2285].map((y) => isoDate(easterSunday(y)));
    // Hand-checked against published Easter tables; 2038 and 2285 are the latest and earliest possible (25 April, 22
    // March), 2008 is the year Ascension fell on 1 May.
    expect(easters).toEqual([
      "2025-04-20",
      "2026-04-05",
      "2027-03-28",
      "2028-04-16",
      "2029-04-01",
      "2030-04-21",
      "2008-03-23",
      "2038-04-25",
      "2285-03-22",
    ]);
  });

  it("lists the days off of 2026 as counted on a calendar by hand", () => {
    expect(Object.fromEntries(daysOffByLaw(2026))).toEqual({
      "2026-01-01": "nyårsdagen",
      "2026-01-06": "trettondedag jul",
      "2026-04-03": "långfredagen",
      "2026-04-05": "påskdagen",
      "2026-04-06": "annandag påsk",
      "2026-05-01": "första maj",
      "2026-05-14": "Kristi himmelsfärdsdag",
      "2026-05-24": "pingstdagen",
      "2026-06-06": "nationaldagen",
      "2026-06-19": "midsommarafton",
      "2026-06-20": "midsommardagen",
      "2026-10-31": "alla helgons dag",
      "2026-12-24": "julafton",
      "2026-12-25": "juldagen",
      "2026-12-26": "annandag jul",
      "2026-12-31": "nyårsafton",
    });
  });

  it("has the movable days of 2025, 2027 and 2028 on their hand-checked dates", () => {
    const movable = (year: number) =>
      ["midsommarafton", "alla helgons dag", "Kristi himmelsfärdsdag"].map(
        (name) => [...daysOffByLaw(year)].find(([, n]) => n === name)?.[0],
      );
    expect(movable(2025)).toEqual(["2025-06-20", "2025-11-01", "2025-05-29"]);
    expect(movable(2027)).toEqual(["2027-06-25", "2027-11-06", "2027-05-06"]);
    expect(movable(2028)).toEqual(["2028-06-23", "2028-11-04", "2028-05-25"]);
    // Ascension on 1 May 2008: one day, both names.
    expect(daysOffByLaw(2008).get("2008-05-01")).toBe("första maj, Kristi himmelsfärdsdag");
  });

  it("counts 251 working days in 2026 and 253 in 2027, as the weekday tally by hand gives", () => {
    const inYear = (y: number) => referenceWorkingDays.filter((d) => d.startsWith(`${y}-`)).length;
    expect([inYear(2026), inYear(2027)]).toEqual([251, 253]);
  });

  it("counts four months to the same day, or to the month's last when the month is shorter", () => {
    const from = ["2026-01-15", "2026-05-31", "2026-10-31", "2027-10-31", "2028-02-29", "2030-09-30"];
    expect(from.map((date) => fourMonthsLater.get(date))).toEqual([
      "2026-05-15",
      "2026-09-30",
      "2027-02-28",
      "2028-02-29",
      "2028-06-29",
      "2031-01-30",
    ]);
  });

  it("reads the skipped and the doubled 02:30 as the module documents", () => {
    expect(new Date(referenceInstant("2026-03-29", 2, 30, 0)).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(new Date(referenceInstant("2026-10-25", 2, 30, 0)).toISOString()).toBe("2026-10-25T01:30:00.000Z");
    expect(new Date(referenceInstant("2026-10-25", 1, 30, 0)).toISOString()).toBe("2026-10-24T23:30:00.000Z");
  });
});

// A year at a time, every function in turn: the module reads Stockholm's offset once per hour and keeps at most
// 50,000 hours, fewer than the six years hold, so a whole pass per function would read every hour from Intl anew.
describe.each(years)("every hour of %i in Stockholm, at its first and last millisecond", (year) => {
  const instants = instantsIn(year);
  const HOURS = rangeDays.filter((d) => d.startsWith(`${year}-`)).length * 24;

  it("gives luxon's date and time of day", () => {
    const m = mismatches();
    for (const { time, date, clock } of instants) {
      m.check(stockholmDate(new Date(time)), date, () => `${utc(time)} date`);
      m.check(stockholmTime(new Date(time)), clock, () => `${utc(time)} time`);
    }
    expect(m.found).toEqual([]);
    expect(m.count).toBe(HOURS * 2 * 2);
  });

  it("ends the protection assessment at the start of the second day after receipt (same day or the day after)", () => {
    const m = mismatches();
    for (const { time, date } of instants)
      m.check(protectionAssessmentDue(new Date(time)).getTime(), boundAfterDay(dayPlus(date, 1)), () => utc(time));
    expect(m.found).toEqual([]);
    expect(m.count).toBe(HOURS * 2);
  });

  it("ends the 14-day decision at the start of the fifteenth day after receipt", () => {
    const m = mismatches();
    for (const { time, date } of instants)
      m.check(decisionDue(new Date(time)).getTime(), boundAfterDay(dayPlus(date, 14)), () => utc(time));
    expect(m.found).toEqual([]);
    expect(m.count).toBe(HOURS * 2);
  });

  it("ends basic feedback within three calendar days, or three working days, of the Stockholm day", () => {
    const m = mismatches();
    for (const { time, date } of instants) {
      m.check(feedbackDue(new Date(time), 3).getTime(), boundAfterDay(dayPlus(date, 3)), () => `${utc(time)} calendar`);
      m.check(
        feedbackDue(new Date(time), 3, addWorkingDays).getTime(),
        boundAfterDay(referenceAddWorkingDays(date, 3)),
        () => `${utc(time)} working`,
      );
    }
    expect(m.found).toEqual([]);
    expect(m.count).toBe(HOURS * 2 * 2);
  });

  it("ends an investigation opened then four calendar months on, on the month's last day if it is shorter", () => {
    const m = mismatches();
    for (const { time, date } of instants) {
      const state = investigationState({
        decision: "opened",
        decidedAt: new Date(time),
        investigationStartedOn: null,
        investigationExtensions: [],
        investigationEndedOn: null,
        investigationOutcome: null,
      });
      const lastDay = fourMonthsLater.get(date) as string;
      m.check(state?.startedOn, date, () => `${utc(time)} startedOn`);
      m.check(state?.dueOn, lastDay, () => `${utc(time)} dueOn`);
      m.check(state?.dueAt.getTime(), boundAfterDay(lastDay), () => `${utc(time)} dueAt`);
    }
    expect(m.found).toEqual([]);
    expect(m.count).toBe(HOURS * 2 * 3);
  });

  it("says overdue, due today or upcoming by the day the bound closes, done or done late by the bound", () => {
    const m = mismatches();
    const seen: Record<DueState, number> = { done: 0, done_late: 0, overdue: 0, due_today: 0, upcoming: 0 };
    // Bounds at the start of today (passed), of tomorrow (today is the last day) and of the day after.
    const cases = [
      [0, "overdue"],
      [1, "due_today"],
      [2, "upcoming"],
    ] as const;
    for (const { time, date } of instants)
      for (const [after, expected] of cases) {
        const due = new Date(dayStart(dayPlus(date, after)));
        const now = new Date(time);
        const state = dueState(due, now);
        seen[state]++;
        m.check(state, expected, () => `${utc(time)} bound +${after}`);
        const done = dueState(due, now, now);
        seen[done]++;
        m.check(done, time < due.getTime() ? "done" : "done_late", () => `${utc(time)} done, bound +${after}`);
      }
    expect(m.found).toEqual([]);
    const each = HOURS * 2;
    expect(seen).toEqual({ done: 2 * each, done_late: each, overdue: each, due_today: each, upcoming: each });
  });
});

describe("the clock-change nights of 2025–2030", () => {
  const changes: number[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++)
    changes.push(lastSundayAt1Utc(year, 3), lastSundayAt1Utc(year, 10));

  it("read every minute of the day the clocks change, and every second of the minutes around 01:00 UTC", () => {
    const times = new Set<number>();
    for (const change of changes) {
      const day = reading(change).date;
      for (let t = dayStart(day); t < boundAfterDay(day); t += MINUTE) times.add(t);
      for (let t = change - 120_000; t <= change + 120_000; t += 1000) times.add(t);
    }
    const m = mismatches();
    for (const time of times) {
      const { date, clock } = reading(time);
      const at = new Date(time);
      m.check(stockholmDate(at), date, () => `${utc(time)} date`);
      m.check(stockholmTime(at), clock, () => `${utc(time)} time`);
      m.check(protectionAssessmentDue(at).getTime(), boundAfterDay(dayPlus(date, 1)), () => `${utc(time)} protection`);
      m.check(decisionDue(at).getTime(), boundAfterDay(dayPlus(date, 14)), () => `${utc(time)} decision`);
      m.check(
        feedbackDue(at, 3, addWorkingDays).getTime(),
        boundAfterDay(referenceAddWorkingDays(date, 3)),
        () => `${utc(time)} feedback`,
      );
    }
    expect(m.found).toEqual([]);
    // Six 23-hour and six 25-hour days, and 241 seconds around each change less the 5 whole minutes among them.
    expect(times.size).toBe(12 * 24 * 60 + 12 * (241 - 5));
  });

  it("put the named instants of 2026 on the right side of the change", () => {
    const named = [
      "2026-03-28T22:59:59.999Z",
      "2026-03-28T23:00:00Z",
      "2026-03-29T00:59:59Z",
      "2026-03-29T00:59:59.999Z",
      "2026-03-29T01:00:00Z",
      "2026-03-29T01:59:59Z",
      "2026-03-29T21:59:59.999Z",
      "2026-03-29T22:00:00Z",
      "2026-10-24T21:59:59.999Z",
      "2026-10-24T22:00:00Z",
      "2026-10-25T00:59:59Z",
      "2026-10-25T00:59:59.999Z",
      "2026-10-25T01:00:00Z",
      "2026-10-25T01:59:59Z",
      "2026-10-25T22:59:59.999Z",
      "2026-10-25T23:00:00Z",
    ];
    for (const text of named) {
      const at = new Date(text);
      const { date, clock } = reading(at.getTime());
      expect([text, stockholmDate(at), stockholmTime(at)]).toEqual([text, date, clock]);
      expect([text, protectionAssessmentDue(at).toISOString()]).toEqual([text, utc(boundAfterDay(dayPlus(date, 1)))]);
      expect([text, decisionDue(at).toISOString()]).toEqual([text, utc(boundAfterDay(dayPlus(date, 14)))]);
    }
    // The reference agrees with the hand count in deadlines.test.ts: 00:59:59 UTC is 01:59:59 winter time and 01:59:59
    // UTC 03:59:59 summer time in March; in October 02:59:59 summer time and 02:59:59 winter time.
    expect(
      ["2026-03-29T00:59:59Z", "2026-03-29T01:59:59Z", "2026-10-25T00:59:59Z", "2026-10-25T01:59:59Z"].map(
        (text) => reading(new Date(text).getTime()).clock,
      ),
    ).toEqual(["01:59", "03:59", "02:59", "02:59"]);
  });
});

describe("every day of 2025–2030", () => {
  it("begins at luxon's start of the Stockholm day, 23 or 25 hours before the next on the clock-change days", () => {
    const m = mismatches();
    const lengths: Record<number, number> = {};
    for (const date of rangeDays) {
      const start = startOfStockholmDay(date).getTime();
      m.check(start, dayStart(date), () => date);
      const length = (dayStart(dayPlus(date, 1)) - start) / HOUR;
      lengths[length] = (lengths[length] ?? 0) + 1;
    }
    expect(m.found).toEqual([]);
    expect(lengths).toEqual({ 23: 6, 24: 2191 - 12, 25: 6 });
  });

  it("turns wall-clock times into instants, the skipped 02:00–02:59 an hour on, the doubled one as winter time", () => {
    const times = ["00:00", "01:00", "01:59:59", "02:00", "02:30", "02:59:59", "03:00", "03:30", "12:00", "23:59:59"];
    const m = mismatches();
    for (const date of rangeDays)
      for (const time of times) {
        const [hour, minute, second = 0] = time.split(":").map(Number);
        m.check(
          stockholmInstant(date, time).getTime(),
          referenceInstant(date, hour, minute, second),
          () => `${date} ${time}`,
        );
      }
    expect(m.found).toEqual([]);
    expect(m.count).toBe(2191 * times.length);
  });

  it("adds calendar days as luxon's days step, across month ends, leap days and year ends", () => {
    const steps = [-366, -31, -1, 0, 1, 2, 14, 15, 29, 366];
    const m = mismatches();
    for (const date of rangeDays)
      for (const n of steps) m.check(addCalendarDays(date, n), dayPlus(date, n), () => `${date} ${n}`);
    expect(m.found).toEqual([]);
  });

  it("names the next calendar month as luxon does", () => {
    const m = mismatches();
    for (const date of rangeDays.filter((d) => d.endsWith("-01")))
      m.check(nextMonth(date.slice(0, 7)), localDay(date).plus({ months: 1 }).toFormat("yyyy-MM"), () => date);
    expect(m.found).toEqual([]);
    expect(m.count).toBe(72);
  });

  it("counts four months as luxon does, the month's last day when it lacks the day", () => {
    const m = mismatches();
    for (const date of rangeDays) m.check(fourMonthsAfter(date), fourMonthsLater.get(date), () => date);
    expect(m.found).toEqual([]);
  });

  it("is a working day exactly when it is a weekday and no holiday or eve of the law's list", () => {
    const m = mismatches();
    for (const date of rangeDays)
      m.check(isWorkingDay(date), referenceWorkingSet.has(date), () => {
        const name = daysOffByLaw(Number(date.slice(0, 4))).get(date);
        return `${date} ${localDay(date).toFormat("ccc")}${name ? ` ${name}` : ""}`;
      });
    expect(m.found).toEqual([]);
    expect(m.count).toBe(2191);
  });

  it("ends after 0 to 15 working days, or calendar days, as the reference's day lists step", () => {
    const m = mismatches();
    for (const date of rangeDays) {
      const noon = stockholmInstant(date, "12:00");
      for (let n = 0; n <= 15; n++) {
        const lastDay = referenceAddWorkingDays(date, n);
        m.check(addWorkingDays(date, n), lastDay, () => `${date} +${n}`);
        m.check(feedbackDue(noon, n, addWorkingDays).getTime(), boundAfterDay(lastDay), () => `${date} +${n} due`);
        m.check(feedbackDue(noon, n).getTime(), boundAfterDay(dayPlus(date, n)), () => `${date} +${n} calendar`);
      }
    }
    expect(m.found).toEqual([]);
    expect(m.count).toBe(2191 * 16 * 3);
  });
});

describe("month ends, leap days and year ends, by name", () => {
  it("count four months from the end of a longer month to the end of a shorter one", () => {
    for (const date of [
      "2025-10-31",
      "2026-10-31",
      "2027-10-31",
      "2028-02-29",
      "2029-08-31",
      "2030-09-30",
      "2030-12-31",
    ])
      expect([date, fourMonthsAfter(date)]).toEqual([date, isoDate(localDay(date).plus({ months: 4 }))]);
  });

  it("give the receipt-based deadlines across 29 February and New Year", () => {
    const received = ["2028-02-15T11:00:00Z", "2028-02-28T22:30:00Z", "2028-02-29T22:59:59Z", "2030-12-31T22:59:59Z"];
    for (const text of received) {
      const at = new Date(text);
      const { date } = reading(at.getTime());
      expect([text, utc(protectionAssessmentDue(at).getTime())]).toEqual([text, utc(boundAfterDay(dayPlus(date, 1)))]);
      expect([text, utc(decisionDue(at).getTime())]).toEqual([text, utc(boundAfterDay(dayPlus(date, 14)))]);
      expect([text, utc(feedbackDue(at, 3, addWorkingDays).getTime())]).toEqual([
        text,
        utc(boundAfterDay(referenceAddWorkingDays(date, 3))),
      ]);
    }
  });
});
