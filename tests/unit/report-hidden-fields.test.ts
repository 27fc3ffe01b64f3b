import { describe, expect, it } from "vitest";
import { portalReportSchema, reportContent } from "~/domain/report-schema";

/**
 * The report form hides the fields that do not apply (reports.css) but the browser still sends what they hold:
 * a text typed before the choice changed must not be stored as if it applied.
 */
describe("fields the form hid", () => {
  const form = (overrides: Record<string, unknown>) =>
    portalReportSchema("2026-12-06").parse({
      unitId: "00000000-0000-4000-8000-000000000001",
      childName: "Testbarn",
      childBirthDate: "2016-05-04",
      observedOn: "2026-12-01",
      observations: "Blåmärken på armen.",
      reporterPhone: "0123-45 12 01",
      guardian1Name: "Vårdnadshavare Ett",
      guardian1Informed: "yes",
      ...overrides,
    });

  it("keeps a guardian's 'why not informed' only after 'no'", () => {
    const typedThenYes = reportContent(
      form({ guardian1Informed: "yes", guardian1Reason: "Skrevs innan svaret blev ja." }),
    );
    expect(typedThenYes.guardians).toEqual([{ name: "Vårdnadshavare Ett", informed: true, notInformedReason: "" }]);
    const no = reportContent(form({ guardian1Informed: "no", guardian1Reason: "Risk för barnet." }));
    expect(no.guardians).toEqual([
      { name: "Vårdnadshavare Ett", informed: false, notInformedReason: "Risk för barnet." },
    ]);
  });

  it("keeps the interpreter's language only when an interpreter is needed", () => {
    expect(reportContent(form({ interpreterLanguage: "Arabiska" })).interpreterLanguage).toBe("");
    expect(reportContent(form({ interpreterNeeded: true, interpreterLanguage: "Arabiska" })).interpreterLanguage).toBe(
      "Arabiska",
    );
  });
});
