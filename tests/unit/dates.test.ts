import { z } from "zod";
import {
  DATE_INVALID,
  TIME_INVALID,
  formDate,
  formTime,
  isCalendarDate,
  isCalendarMonth,
  isClockTime,
} from "~/domain/dates";
import { addCalendarDays, stockholmInstant } from "~/domain/deadlines";
import { pastDate } from "~/domain/form-rules";

describe("the one date parser", () => {
  it("takes the days the calendar has, leap days included", () => {
    for (const d of [
      "2027-02-28",
      "2028-02-29",
      "2000-02-29",
      "2026-12-31",
      "2026-01-01",
      "2026-04-30",
      "1900-01-01",
      "2200-12-31",
    ]) {
      expect(isCalendarDate(d), d).toBe(true);
    }
  });

  it("refuses what the calendar lacks instead of moving it to another day", () => {
    const impossible = [
      "2027-02-30", // would roll over to 2 March
      "2027-02-29", // not a leap year
      "1900-02-29", // a century that is not a leap year
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-01-00",
      "2026-01-32",
      "2026-13-45",
      "99999-01-01",
      "0000-01-01",
      "0099-06-01", // Date.UTC reads years 0-99 as 1900-1999
      "1899-12-31",
      "2201-01-01",
      "٢٠٢٦-٠١-٠١", // Arabic-Indic digits
      "２０２６-０１-０１", // full-width digits
      "2026-1-5",
      "2026-01-05T00:00",
      " 2026-01-05",
      "2026-01-05\u0000",
      "",
      "x".repeat(100_000),
    ];
    for (const d of impossible) expect(isCalendarDate(d), JSON.stringify(d.slice(0, 20))).toBe(false);
  });

  it("takes months and clock times the same way", () => {
    expect(isCalendarMonth("2026-02")).toBe(true);
    for (const m of ["2026-13", "2026-00", "99999-01", "1899-12", "2026-1", "2026-02-01"])
      expect(isCalendarMonth(m), m).toBe(false);
    for (const t of ["00:00", "09:05", "23:59"]) expect(isClockTime(t), t).toBe(true);
    for (const t of ["24:00", "25:99", "12:60", "9:05", "12:5", "١٢:٠٠", "12:00\u0000", ""])
      expect(isClockTime(t), t).toBe(false);
  });

  it("is a zod building block: empty passes (the form's rules say what is needed), anything else must exist", () => {
    const schema = z.object({ on: formDate.default(""), at: formTime.default("") });
    expect(schema.parse({ on: "2027-02-28", at: "14:30" })).toEqual({ on: "2027-02-28", at: "14:30" });
    expect(schema.parse({})).toEqual({ on: "", at: "" });
    const refused = schema.safeParse({ on: "2027-02-30", at: "25:99" });
    expect(refused.success).toBe(false);
    expect(refused.error?.flatten().fieldErrors).toEqual({ on: [DATE_INVALID], at: [TIME_INVALID] });
  });

  it("says a date is invalid once, not once for its shape and again for being in the past", () => {
    const schema = z
      .object({ on: formDate })
      .superRefine((v, ctx) => pastDate(ctx, v.on, "on", "2026-06-01", (key) => `reports:errors.${key}`));
    expect(schema.safeParse({ on: "2026-02-30" }).error?.flatten().fieldErrors).toEqual({ on: [DATE_INVALID] });
    expect(schema.safeParse({ on: "2026-07-01" }).error?.flatten().fieldErrors).toEqual({
      on: ["reports:errors.dateInFuture"],
    });
  });
});

describe("calendar arithmetic", () => {
  it("never moves an impossible date to another day", () => {
    expect(() => stockholmInstant("2027-02-30", "10:00")).toThrow(RangeError);
    expect(() => addCalendarDays("2027-02-30", 0)).toThrow(RangeError);
    expect(() => stockholmInstant("2026-13-45")).toThrow(RangeError);
    expect(() => stockholmInstant("2027-02-28", "25:99")).toThrow(RangeError);
  });

  it("still steps over month and year ends", () => {
    expect(addCalendarDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("1900-01-01", -1)).toBe("1899-12-31");
  });
});
