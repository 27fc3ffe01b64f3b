import {
  addCalendarDays,
  decisionDue,
  dueState,
  protectionAssessmentDue,
  startOfStockholmDay,
  stockholmDate,
  stockholmInstant,
  stockholmTime,
} from "~/domain/deadlines";

// Expected instants are written out in UTC by hand. Stockholm is UTC+1 in winter and UTC+2 in summer;
// in 2026 summer time begins 29 March at 02:00 (01:00 UTC) and ends 25 October at 03:00 (01:00 UTC).
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();
const HOUR = 3_600_000;

describe("Stockholm calendar days", () => {
  it("name the local date of an instant, not the UTC one", () => {
    // Stockholm midnight comes before UTC midnight.
    expect(stockholmDate(at("2026-11-23T22:59:59.999Z"))).toBe("2026-11-23");
    expect(stockholmDate(at("2026-11-23T23:00:00Z"))).toBe("2026-11-24");
    expect(stockholmDate(at("2026-11-23T23:30:00Z"))).toBe("2026-11-24");
    expect(stockholmDate(at("2026-11-24T00:00:00Z"))).toBe("2026-11-24");
    expect(stockholmDate(at("2026-07-01T21:59:59.999Z"))).toBe("2026-07-01");
    expect(stockholmDate(at("2026-07-01T22:00:00Z"))).toBe("2026-07-02");
    expect(stockholmDate(at("2026-12-31T23:00:00Z"))).toBe("2027-01-01");
  });

  it("start at local midnight, also on and around the days the clocks change", () => {
    expect(iso(startOfStockholmDay("2026-01-15"))).toBe("2026-01-14T23:00:00.000Z");
    expect(iso(startOfStockholmDay("2026-07-15"))).toBe("2026-07-14T22:00:00.000Z");
    expect(iso(startOfStockholmDay("2026-03-28"))).toBe("2026-03-27T23:00:00.000Z");
    expect(iso(startOfStockholmDay("2026-03-29"))).toBe("2026-03-28T23:00:00.000Z");
    expect(iso(startOfStockholmDay("2026-03-30"))).toBe("2026-03-29T22:00:00.000Z");
    expect(iso(startOfStockholmDay("2026-10-24"))).toBe("2026-10-23T22:00:00.000Z");
    expect(iso(startOfStockholmDay("2026-10-25"))).toBe("2026-10-24T22:00:00.000Z");
    expect(iso(startOfStockholmDay("2026-10-26"))).toBe("2026-10-25T23:00:00.000Z");
  });

  it("are 23 hours long in March and 25 hours long in October", () => {
    const length = (date: string) =>
      startOfStockholmDay(addCalendarDays(date, 1)).getTime() - startOfStockholmDay(date).getTime();
    expect(length("2026-03-28")).toBe(24 * HOUR);
    expect(length("2026-03-29")).toBe(23 * HOUR);
    expect(length("2026-10-25")).toBe(25 * HOUR);
    expect(length("2026-10-26")).toBe(24 * HOUR);
  });

  it("turn a local wall-clock time into the right instant, also on the days the clocks change", () => {
    expect(iso(stockholmInstant("2026-11-24", "08:15"))).toBe("2026-11-24T07:15:00.000Z");
    expect(iso(stockholmInstant("2026-11-24", "23:59"))).toBe("2026-11-24T22:59:00.000Z");
    expect(iso(stockholmInstant("2026-03-29", "01:30"))).toBe("2026-03-29T00:30:00.000Z");
    expect(iso(stockholmInstant("2026-03-29", "02:30"))).toBe("2026-03-29T01:30:00.000Z"); // skipped: moves forward
    expect(iso(stockholmInstant("2026-03-29", "03:30"))).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(stockholmInstant("2026-10-25", "01:30"))).toBe("2026-10-24T23:30:00.000Z");
    expect(iso(stockholmInstant("2026-10-25", "02:30"))).toBe("2026-10-25T01:30:00.000Z"); // twice: the winter one
    expect(iso(stockholmInstant("2026-10-25", "12:00"))).toBe("2026-10-25T11:00:00.000Z");
    expect(iso(stockholmInstant("2026-10-25", "12:00:30"))).toBe("2026-10-25T11:00:30.000Z");
    expect(() => stockholmInstant("24/11/2026", "08:15")).toThrow(RangeError);
    expect(() => stockholmInstant("2026-11-24", "24:00")).toThrow(RangeError);
    expect(() => stockholmInstant("2026-11-24", "")).toThrow(RangeError);
  });

  it("count calendar days across months, years, leap days and clock changes", () => {
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2026-03-20", 14)).toBe("2026-04-03");
    expect(addCalendarDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addCalendarDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(addCalendarDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addCalendarDays("2026-11-24", 0)).toBe("2026-11-24");
  });
});

describe("the protection assessment deadline", () => {
  it("allows the receipt day and the day after, whatever the time of receipt", () => {
    // 00:01 on the 24th and 23:59 on the 24th: both received on the 24th, so the 25th is the last day.
    expect(iso(protectionAssessmentDue(at("2026-11-23T23:01:00Z")))).toBe("2026-11-25T23:00:00.000Z");
    expect(iso(protectionAssessmentDue(at("2026-11-24T22:59:00Z")))).toBe("2026-11-25T23:00:00.000Z");
    // 00:01 on the 25th (still the 24th in UTC): a day later.
    expect(iso(protectionAssessmentDue(at("2026-11-24T23:01:00Z")))).toBe("2026-11-26T23:00:00.000Z");
    // The same in summer time.
    expect(iso(protectionAssessmentDue(at("2026-07-01T21:59:00Z")))).toBe("2026-07-02T22:00:00.000Z");
    expect(iso(protectionAssessmentDue(at("2026-07-01T22:01:00Z")))).toBe("2026-07-03T22:00:00.000Z");
  });

  it("follows Stockholm midnight, not UTC midnight", () => {
    // Stockholm midnight starting the 24th is 23:00 UTC on the 23rd.
    expect(iso(protectionAssessmentDue(at("2026-11-23T22:59:59.999Z")))).toBe("2026-11-24T23:00:00.000Z");
    expect(iso(protectionAssessmentDue(at("2026-11-23T23:00:00Z")))).toBe("2026-11-25T23:00:00.000Z");
    expect(iso(protectionAssessmentDue(at("2026-11-24T00:00:00Z")))).toBe("2026-11-25T23:00:00.000Z");
  });

  it("ends at local midnight when the clocks go forward in March", () => {
    // The day before: 28 March 23:59 (winter time); the last day is 29 March, which ends in summer time.
    expect(iso(protectionAssessmentDue(at("2026-03-28T22:59:00Z")))).toBe("2026-03-29T22:00:00.000Z");
    // On the day: 29 March 00:01 (winter time) and 23:59 (summer time); the last day is 30 March.
    expect(iso(protectionAssessmentDue(at("2026-03-28T23:01:00Z")))).toBe("2026-03-30T22:00:00.000Z");
    expect(iso(protectionAssessmentDue(at("2026-03-29T21:59:00Z")))).toBe("2026-03-30T22:00:00.000Z");
    expect(iso(protectionAssessmentDue(at("2026-03-29T22:01:00Z")))).toBe("2026-03-31T22:00:00.000Z");
  });

  it("ends at local midnight when the clocks go back in October", () => {
    // The day before: 24 October 23:59 (summer time); the last day is 25 October, which ends in winter time.
    expect(iso(protectionAssessmentDue(at("2026-10-24T21:59:00Z")))).toBe("2026-10-25T23:00:00.000Z");
    // On the day: 25 October 00:01 (summer time), 02:30 twice, and 23:59 (winter time); the last day is 26 October.
    expect(iso(protectionAssessmentDue(at("2026-10-24T22:01:00Z")))).toBe("2026-10-26T23:00:00.000Z");
    expect(iso(protectionAssessmentDue(at("2026-10-25T00:30:00Z")))).toBe("2026-10-26T23:00:00.000Z");
    expect(iso(protectionAssessmentDue(at("2026-10-25T01:30:00Z")))).toBe("2026-10-26T23:00:00.000Z");
    expect(iso(protectionAssessmentDue(at("2026-10-25T22:59:00Z")))).toBe("2026-10-26T23:00:00.000Z");
    expect(iso(protectionAssessmentDue(at("2026-10-25T23:01:00Z")))).toBe("2026-10-27T23:00:00.000Z");
  });
});

describe("the decision deadline", () => {
  it("allows the whole 14th day after the receipt date", () => {
    // Received 24 November at 10:00, 00:01 or 23:59: the last day is 8 December.
    expect(iso(decisionDue(at("2026-11-24T09:00:00Z")))).toBe("2026-12-08T23:00:00.000Z");
    expect(iso(decisionDue(at("2026-11-23T23:01:00Z")))).toBe("2026-12-08T23:00:00.000Z");
    expect(iso(decisionDue(at("2026-11-24T22:59:00Z")))).toBe("2026-12-08T23:00:00.000Z");
    expect(iso(decisionDue(at("2026-11-24T23:01:00Z")))).toBe("2026-12-09T23:00:00.000Z");
    expect(stockholmDate(new Date(decisionDue(at("2026-11-24T09:00:00Z")).getTime() - 1))).toBe("2026-12-08");
  });

  it("counts calendar days across the clock changes", () => {
    // Received in winter time, due in summer time, and the other way round.
    expect(iso(decisionDue(at("2026-03-20T12:00:00Z")))).toBe("2026-04-03T22:00:00.000Z"); // last day 3 April
    expect(iso(decisionDue(at("2026-03-28T22:30:00Z")))).toBe("2026-04-11T22:00:00.000Z"); // received 28 March 23:30
    expect(iso(decisionDue(at("2026-03-28T23:30:00Z")))).toBe("2026-04-12T22:00:00.000Z"); // received 29 March 00:30
    expect(iso(decisionDue(at("2026-10-20T12:00:00Z")))).toBe("2026-11-03T23:00:00.000Z"); // last day 3 November
    expect(iso(decisionDue(at("2026-10-25T01:30:00Z")))).toBe("2026-11-08T23:00:00.000Z"); // received 25 October 02:30
  });
});

describe("the state of a deadline", () => {
  const due = startOfStockholmDay("2026-11-26"); // 2026-11-25T23:00Z; the last allowed day is the 25th

  it("is upcoming until the last day begins, due today through it, then overdue", () => {
    expect(dueState(due, at("2026-11-24T10:00:00Z"))).toBe("upcoming");
    expect(dueState(due, at("2026-11-24T22:59:59.999Z"))).toBe("upcoming");
    expect(dueState(due, at("2026-11-24T23:00:00Z"))).toBe("due_today"); // Stockholm midnight starting the 25th
    expect(dueState(due, at("2026-11-25T00:00:00Z"))).toBe("due_today"); // UTC midnight
    expect(dueState(due, at("2026-11-25T22:59:59.999Z"))).toBe("due_today");
    expect(dueState(due, at("2026-11-25T23:00:00Z"))).toBe("overdue");
    expect(dueState(due, at("2026-12-10T12:00:00Z"))).toBe("overdue");
  });

  it("is done before the bound and done late from it, whatever the time now", () => {
    expect(dueState(due, at("2026-11-24T10:00:00Z"), at("2026-11-24T09:00:00Z"))).toBe("done");
    expect(dueState(due, at("2026-12-01T00:00:00Z"), at("2026-11-25T22:59:59.999Z"))).toBe("done");
    expect(dueState(due, at("2026-12-01T00:00:00Z"), at("2026-11-25T23:00:00Z"))).toBe("done_late");
    expect(dueState(due, at("2026-12-01T00:00:00Z"), at("2026-11-26T08:00:00Z"))).toBe("done_late");
    expect(dueState(due, at("2026-11-25T23:30:00Z"), null)).toBe("overdue");
    expect(dueState(due, at("2026-11-25T12:00:00Z"), undefined)).toBe("due_today");
  });

  it("takes the 25-hour day in October as one day", () => {
    const october = protectionAssessmentDue(at("2026-10-24T12:00:00Z")); // last day 25 October
    expect(iso(october)).toBe("2026-10-25T23:00:00.000Z");
    expect(dueState(october, at("2026-10-24T21:59:59.999Z"))).toBe("upcoming");
    expect(dueState(october, at("2026-10-24T22:00:00Z"))).toBe("due_today");
    expect(dueState(october, at("2026-10-25T22:30:00Z"))).toBe("due_today"); // 23:30, winter time
    expect(dueState(october, at("2026-10-25T23:00:00Z"))).toBe("overdue");
  });

  it("takes the 23-hour day in March as one day", () => {
    const march = protectionAssessmentDue(at("2026-03-28T12:00:00Z")); // last day 29 March
    expect(iso(march)).toBe("2026-03-29T22:00:00.000Z");
    expect(dueState(march, at("2026-03-28T22:59:59.999Z"))).toBe("upcoming");
    expect(dueState(march, at("2026-03-28T23:00:00Z"))).toBe("due_today");
    expect(dueState(march, at("2026-03-29T21:59:59.999Z"))).toBe("due_today");
    expect(dueState(march, at("2026-03-29T22:00:00Z"))).toBe("overdue");
  });
});

describe("the offset read once per hour", () => {
  // An independent reading: Intl's own rendering of each instant, against the cached offset's arithmetic.
  const reference = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  it("gives Intl's date and time for every 37 minutes 13 seconds over 2025–2027, clock changes included", () => {
    const start = at("2025-01-01T00:00:00Z").getTime();
    const end = at("2028-01-01T00:00:00Z").getTime();
    let checked = 0;
    for (let time = start; time < end; time += 2_233_000) {
      const instant = new Date(time);
      expect(`${stockholmDate(instant)} ${stockholmTime(instant)}`).toBe(reference.format(instant));
      checked++;
    }
    expect(checked).toBeGreaterThan(40_000);
  });

  it("reads the minute a clock change happens on the right side of it", () => {
    expect(stockholmTime(at("2026-03-29T00:59:59Z"))).toBe("01:59");
    expect(stockholmTime(at("2026-03-29T01:00:00Z"))).toBe("03:00");
    expect(stockholmTime(at("2026-10-25T00:59:59Z"))).toBe("02:59");
    expect(stockholmTime(at("2026-10-25T01:00:00Z"))).toBe("02:00");
  });
});
