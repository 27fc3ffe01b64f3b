import {
  addCalendarDays,
  decisionDue,
  dueState,
  protectionAssessmentDue,
  startOfStockholmDay,
  stockholmDate,
  stockholmInstant,
} from "~/lib/deadlines";

// Summer time in Sweden 2026 begins 29 March at 02:00 (UTC+1 → UTC+2) and ends 25 October at 03:00.
const at = (iso: string) => new Date(iso);

describe("Stockholm calendar days", () => {
  it("start at local midnight across daylight-saving changes", () => {
    expect(startOfStockholmDay("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfStockholmDay("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    expect(startOfStockholmDay("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfStockholmDay("2026-03-30").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfStockholmDay("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(startOfStockholmDay("2026-10-26").toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });

  it("name the local date of an instant, not the UTC one", () => {
    expect(stockholmDate(at("2026-11-23T23:30:00Z"))).toBe("2026-11-24");
    expect(stockholmDate(at("2026-11-23T22:59:59Z"))).toBe("2026-11-23");
    expect(stockholmDate(at("2026-07-01T21:59:00Z"))).toBe("2026-07-01");
    expect(stockholmDate(at("2026-07-01T22:00:00Z"))).toBe("2026-07-02");
  });

  it("turn a local wall-clock time into the right instant, also on the days the clock changes", () => {
    expect(stockholmInstant("2026-11-24", "08:15").toISOString()).toBe("2026-11-24T07:15:00.000Z");
    expect(stockholmInstant("2026-03-29", "01:30").toISOString()).toBe("2026-03-29T00:30:00.000Z");
    expect(stockholmInstant("2026-03-29", "03:30").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(stockholmInstant("2026-10-25", "12:00").toISOString()).toBe("2026-10-25T11:00:00.000Z");
  });

  it("count calendar days across months, years and leap days", () => {
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2026-03-20", 14)).toBe("2026-04-03");
  });
});

describe("report deadlines", () => {
  it("give the protection assessment the receipt day and the day after", () => {
    // 23:59 local on the 24th: still the 24th, so the 25th is the last day.
    expect(protectionAssessmentDue(at("2026-11-24T22:59:00Z")).toISOString()).toBe("2026-11-25T23:00:00.000Z");
    // 00:01 local on the 25th (23:01 UTC on the 24th): a day later.
    expect(protectionAssessmentDue(at("2026-11-24T23:01:00Z")).toISOString()).toBe("2026-11-26T23:00:00.000Z");
  });

  it("end at local midnight when the clocks change in between", () => {
    // Received 28 March 23:30 (winter time); due by the end of 29 March, which is summer time.
    expect(protectionAssessmentDue(at("2026-03-28T22:30:00Z")).toISOString()).toBe("2026-03-29T22:00:00.000Z");
    // Received 24 October 23:59 (summer time); due by the end of 25 October, which is winter time.
    expect(protectionAssessmentDue(at("2026-10-24T21:59:00Z")).toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });

  it("allow the whole 14th day after receipt for the decision", () => {
    expect(decisionDue(at("2026-11-24T09:00:00Z")).toISOString()).toBe("2026-12-08T23:00:00.000Z");
    expect(decisionDue(at("2026-03-28T22:30:00Z")).toISOString()).toBe(startOfStockholmDay("2026-04-12").toISOString());
    expect(startOfStockholmDay("2026-04-12").toISOString()).toBe("2026-04-11T22:00:00.000Z");
  });
});

describe("the state of a deadline", () => {
  const due = startOfStockholmDay("2026-11-26"); // the last allowed day is the 25th
  it("is upcoming, then due today, then overdue", () => {
    expect(dueState(due, at("2026-11-24T10:00:00Z"))).toBe("upcoming");
    expect(dueState(due, at("2026-11-24T23:00:00Z"))).toBe("due_today");
    expect(dueState(due, at("2026-11-25T22:59:59Z"))).toBe("due_today");
    expect(dueState(due, at("2026-11-25T23:00:00Z"))).toBe("overdue");
  });
  it("is done, or done late, once the step is recorded", () => {
    expect(dueState(due, at("2026-12-01T00:00:00Z"), at("2026-11-25T15:00:00Z"))).toBe("done");
    expect(dueState(due, at("2026-12-01T00:00:00Z"), at("2026-11-26T08:00:00Z"))).toBe("done_late");
  });
});
