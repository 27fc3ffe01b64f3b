import { addCalendarDays, feedbackDue, stockholmInstant } from "~/domain/deadlines";
import { addWorkingDays, isWorkingDay } from "~/domain/working-days";

// Every expected date below was counted by hand on a month calendar (weekdays checked with Python's calendar module),
// not computed. The day counted from is never itself counted: "within 3 working days" of a Thursday is the third
// working day after it, as "within 3 days" of the 1st is the 4th. Non-working: Saturdays, Sundays, the public holidays
// (lag 1989:253 om allmänna helgdagar) and midsommarafton, julafton and nyårsafton, which are days off in practice.

describe("working days", () => {
  it("are weekdays that are neither a public holiday nor midsummer, Christmas or New Year's Eve", () => {
    const off = [
      "2026-01-01", // Thu, nyårsdagen
      "2026-01-06", // Tue, trettondedag jul
      "2026-04-03", // Fri, långfredagen
      "2026-04-06", // Mon, annandag påsk
      "2026-05-01", // Fri, första maj
      "2026-05-14", // Thu, Kristi himmelsfärdsdag
      "2026-06-19", // Fri, midsommarafton (a day off in practice, not by law)
      "2026-12-24", // Thu, julafton (likewise)
      "2026-12-25", // Fri, juldagen
      "2026-12-31", // Thu, nyårsafton (likewise)
      "2027-01-06", // Wed, trettondedag jul
      "2027-03-26", // Fri, långfredagen
      "2027-03-29", // Mon, annandag påsk
      "2027-05-06", // Thu, Kristi himmelsfärdsdag
      "2027-06-25", // Fri, midsommarafton
      "2027-12-24", // Fri, julafton
      "2027-12-31", // Fri, nyårsafton
      "2026-04-04", // Sat
      "2026-04-05", // Sun, påskdagen
      "2027-06-06", // Sun, nationaldagen
    ];
    for (const date of off) expect([date, isWorkingDay(date)]).toEqual([date, false]);
    const working = [
      "2026-04-02", // Thu, skärtorsdagen: an observance, not a holiday
      "2026-04-30", // Thu, valborgsmässoafton: a half day at most in some agreements, a working day here
      "2026-05-25", // Mon, annandag pingst: no holiday since 2005
      "2026-10-30", // Fri, allhelgonaafton
      "2027-01-05", // Tue, trettondagsafton
      "2027-06-07", // Mon after nationaldagen on a Sunday: no day in lieu in Sweden
      "2026-12-28", // Mon, between Christmas and New Year
    ];
    for (const date of working) expect([date, isWorkingDay(date)]).toEqual([date, true]);
  });

  it("number 251 in 2026: 261 weekdays less the 10 holidays and eves above that fall on a weekday", () => {
    let count = 0;
    for (let d = "2026-01-01"; d < "2027-01-01"; d = addCalendarDays(d, 1)) if (isWorkingDay(d)) count++;
    expect(count).toBe(251);
  });

  it("skip Easter 2026", () => {
    // Wed 1 April: Thu 2 (1), Fri 3 långfredagen, Sat 4, Sun 5 påskdagen, Mon 6 annandag påsk, Tue 7 (2), Wed 8 (3).
    expect(addWorkingDays("2026-04-01", 3)).toBe("2026-04-08");
    // Maundy Thursday 2 April: Fri 3 to Mon 6 off, Tue 7 (1), Wed 8 (2), Thu 9 (3).
    expect(addWorkingDays("2026-04-02", 3)).toBe("2026-04-09");
    // Counted from a day off (Good Friday, or the Saturday): the same Tue 7 (1), Wed 8 (2), Thu 9 (3).
    expect(addWorkingDays("2026-04-03", 3)).toBe("2026-04-09");
    expect(addWorkingDays("2026-04-04", 1)).toBe("2026-04-07");
  });

  it("skip Ascension 2026 but not Whit Monday", () => {
    // Wed 13 May: Thu 14 Kristi himmelsfärd, Fri 15 (1), Sat 16, Sun 17, Mon 18 (2), Tue 19 (3).
    expect(addWorkingDays("2026-05-13", 3)).toBe("2026-05-19");
    // Fri 22 May: Sat 23, Sun 24 pingstdagen, Mon 25 annandag pingst is a working day (1).
    expect(addWorkingDays("2026-05-22", 1)).toBe("2026-05-25");
  });

  it("skip midsummer 2026", () => {
    // Thu 18 June: Fri 19 midsommarafton, Sat 20 midsommardagen, Sun 21, Mon 22 (1), Tue 23 (2), Wed 24 (3).
    expect(addWorkingDays("2026-06-18", 3)).toBe("2026-06-24");
  });

  it("skip Christmas and New Year 2026–2027 and Epiphany", () => {
    // Wed 23 Dec: Thu 24 julafton, Fri 25 juldagen, Sat 26 annandag jul, Sun 27, Mon 28 (1), Tue 29 (2), Wed 30 (3).
    expect(addWorkingDays("2026-12-23", 3)).toBe("2026-12-30");
    // Wed 30 Dec: Thu 31 nyårsafton, Fri 1 Jan nyårsdagen, Sat 2, Sun 3, Mon 4 (1), Tue 5 (2), Wed 6 trettondedag jul,
    // Thu 7 (3).
    expect(addWorkingDays("2026-12-30", 3)).toBe("2027-01-07");
  });

  it("skip Easter 2027", () => {
    // Thu 25 March: Fri 26 långfredagen, Sat 27, Sun 28 påskdagen, Mon 29 annandag påsk, Tue 30 (1), Wed 31 (2),
    // Thu 1 April (3).
    expect(addWorkingDays("2027-03-25", 3)).toBe("2027-04-01");
  });

  it("skip Ascension 2027, and lose nothing to National Day on a Sunday", () => {
    // Wed 5 May: Thu 6 Kristi himmelsfärd, Fri 7 (1), Sat 8, Sun 9, Mon 10 (2), Tue 11 (3).
    expect(addWorkingDays("2027-05-05", 3)).toBe("2027-05-11");
    // Thu 3 June: Fri 4 (1), Sat 5, Sun 6 nationaldagen, Mon 7 (2), Tue 8 (3).
    expect(addWorkingDays("2027-06-03", 3)).toBe("2027-06-08");
  });

  it("skip midsummer and Christmas 2027", () => {
    // Thu 24 June: Fri 25 midsommarafton, Sat 26 midsommardagen, Sun 27, Mon 28 (1), Tue 29 (2), Wed 30 (3).
    expect(addWorkingDays("2027-06-24", 3)).toBe("2027-06-30");
    // Thu 23 Dec: Fri 24 julafton, Sat 25 juldagen, Sun 26 annandag jul, Mon 27 (1), Tue 28 (2), Wed 29 (3).
    expect(addWorkingDays("2027-12-23", 3)).toBe("2027-12-29");
    // Thu 30 Dec: Fri 31 nyårsafton, Sat 1 Jan 2028 nyårsdagen, Sun 2, Mon 3 (1), Tue 4 (2), Wed 5 (3).
    expect(addWorkingDays("2027-12-30", 3)).toBe("2028-01-05");
  });

  it("count ordinary weeks as Monday to Friday", () => {
    // Fri 13 Nov 2026: Mon 16 (1), Tue 17 (2), Wed 18 (3); ten working days are two whole weeks.
    expect(addWorkingDays("2026-11-13", 3)).toBe("2026-11-18");
    expect(addWorkingDays("2026-11-13", 10)).toBe("2026-11-27");
    expect(addWorkingDays("2026-11-13", 0)).toBe("2026-11-13");
  });

  it("refuse what is not a calendar date or a whole number of days", () => {
    expect(() => isWorkingDay("2026-02-30")).toThrow(RangeError);
    expect(() => addWorkingDays("2026-13-01", 1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-11-13", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-11-13", 1.5)).toThrow(RangeError);
  });
});

describe("the basic-feedback deadline in working days", () => {
  const iso = (d: Date) => d.toISOString();

  it("ends with the Nth working day in Stockholm, the exclusive bound being the start of the day after", () => {
    // Received Wed 1 April 2026 at 10:00: through Wed 8 April, so the bound is Thu 9 April 00:00 CEST (UTC+2).
    const received = stockholmInstant("2026-04-01", "10:00");
    expect(iso(feedbackDue(received, 3, addWorkingDays))).toBe("2026-04-08T22:00:00.000Z");
    // In calendar days it is, as before, through Sat 4 April.
    expect(iso(feedbackDue(received, 3))).toBe("2026-04-04T22:00:00.000Z");
    expect(iso(feedbackDue(received, 3, addCalendarDays))).toBe("2026-04-04T22:00:00.000Z");
  });

  it("counts from the Stockholm date, not the UTC one", () => {
    // 23:30 on Tue 22 Dec 2026 in Stockholm (22:30 UTC): Wed 23 (1), Thu 24 to Sun 27 off, Mon 28 (2), Tue 29 (3); the
    // bound is Wed 30 00:00 CET.
    expect(iso(feedbackDue(new Date("2026-12-22T22:30:00Z"), 3, addWorkingDays))).toBe("2026-12-29T23:00:00.000Z");
    // 00:30 on Wed 23 Dec in Stockholm is still the 22nd in UTC (23:30), but counts from the 23rd: Mon 28 (1), Tue 29
    // (2), Wed 30 (3); the bound is Thu 31 00:00 CET.
    expect(iso(feedbackDue(new Date("2026-12-22T23:30:00Z"), 3, addWorkingDays))).toBe("2026-12-30T23:00:00.000Z");
  });

  it("crosses the change to winter time", () => {
    // Fri 23 Oct 2026: Mon 26 (1), Tue 27 (2), Wed 28 (3); clocks went back on Sun 25, so the bound is Thu 29 00:00
    // CET, 23:00 UTC.
    expect(iso(feedbackDue(stockholmInstant("2026-10-23", "15:00"), 3, addWorkingDays))).toBe(
      "2026-10-28T23:00:00.000Z",
    );
  });
});
