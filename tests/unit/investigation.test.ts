import { fourMonthsAfter, investigationState, type InvestigationExtension } from "~/domain/investigation";
import { stockholmInstant } from "~/domain/deadlines";

const extension = (dueOn: string): InvestigationExtension => ({
  dueOn,
  reason: "Väntar på utlåtande från BUP.",
  byId: "00000000-0000-4000-8000-000000000001",
  at: "2026-03-01T09:00:00.000Z",
});

/** An opened report decided on 12 January 2026, its start as given and its extensions. */
const report = (startedOn: string | null, extensions: InvestigationExtension[] = []) => ({
  decision: "opened",
  decidedAt: stockholmInstant("2026-01-12", "10:00"),
  investigationStartedOn: startedOn,
  investigationExtensions: extensions,
  investigationEndedOn: null,
  investigationOutcome: null,
});

describe("four months after a day (SoL 11 kap. 2 §)", () => {
  it("is the same day of the month, or the month's last when it lacks that day", () => {
    expect(fourMonthsAfter("2026-01-15")).toBe("2026-05-15");
    expect(fourMonthsAfter("2026-05-31")).toBe("2026-09-30");
    expect(fourMonthsAfter("2026-10-31")).toBe("2027-02-28");
    expect(fourMonthsAfter("2027-10-31")).toBe("2028-02-29");
    expect(fourMonthsAfter("2026-09-30")).toBe("2027-01-30");
    expect(fourMonthsAfter("2026-12-01")).toBe("2027-04-01");
  });

  it("refuses what is not a day instead of giving one in 1900", () => {
    for (const bad of ["", "2026-02-30", "2026-13-01", "2026-1-5", "15.01.2026", "not a date"]) {
      expect(() => fourMonthsAfter(bad), bad).toThrow(/not a day/);
    }
  });
});

describe("an investigation's last day", () => {
  it("is four months after the start, the decision's day unless corrected", () => {
    expect(investigationState(report(null))).toMatchObject({ startedOn: "2026-01-12", dueOn: "2026-05-12" });
    expect(investigationState(report("2026-01-20"))).toMatchObject({ startedOn: "2026-01-20", dueOn: "2026-05-20" });
  });

  it("is the last extension's day when that is later", () => {
    const extended = report(null, [extension("2026-06-01"), extension("2026-07-01")]);
    expect(investigationState(extended)?.dueOn).toBe("2026-07-01");
  });

  it("is never earlier than four months after the start, even after the start was corrected later", () => {
    const corrected = report("2026-03-10", [extension("2026-06-01")]);
    expect(investigationState(corrected)?.dueOn).toBe("2026-07-10");
  });

  it("does not exist for a report whose decision did not open one", () => {
    expect(investigationState({ ...report(null), decision: "not_opened" })).toBeNull();
  });
});
