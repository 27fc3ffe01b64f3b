import en from "#locales/en/guidance.json";
import sv from "#locales/sv/guidance.json";
import { walk } from "~/domain/should-i-report";

describe("the should-I-report helper", () => {
  it("starts with the question of immediate danger", () => {
    expect(walk([])).toMatchObject({ kind: "question", question: "danger", step: 1 });
  });

  it("sends an acute case to the phone at once", () => {
    expect(walk(["yes"])).toEqual({ kind: "outcome", outcome: "acute", answers: ["yes"] });
  });

  it("offers 'unsure' on immediate danger and treats it as danger: call now", () => {
    expect(walk([])).toMatchObject({ choices: ["yes", "unsure", "no"] });
    expect(walk(["unsure"])).toEqual({ kind: "outcome", outcome: "acute", answers: ["unsure"] });
  });

  it("says report now when harm is suspected, without asking for more", () => {
    expect(walk(["no", "yes"])).toMatchObject({ kind: "outcome", outcome: "reportNow" });
  });

  it("treats concrete observations as enough for the duty, and their absence as a reason to ask for advice", () => {
    expect(walk(["no", "unsure"])).toMatchObject({ kind: "question", question: "observed", step: 3 });
    expect(walk(["no", "unsure", "yes"])).toMatchObject({ outcome: "reportNow" });
    expect(walk(["no", "unsure", "no"])).toMatchObject({ outcome: "unsure" });
  });

  it("asks about school absence on its own and sends it to reception for advice, not away from social services", () => {
    expect(walk(["no", "no"])).toMatchObject({ kind: "question", question: "absence", step: 3 });
    expect(walk(["no", "no", "yes"])).toEqual({ kind: "outcome", outcome: "absence", answers: ["no", "no", "yes"] });
    expect(walk(["no", "no", "unsure"])).toMatchObject({ outcome: "absence" });
  });

  it("points needs that are not about harm elsewhere", () => {
    expect(walk(["no", "no", "no"])).toMatchObject({ kind: "question", question: "otherNeed", step: 4 });
    expect(walk(["no", "no", "no", "yes"])).toMatchObject({ outcome: "notSocialServices" });
    expect(walk(["no", "no", "no", "no"])).toMatchObject({ outcome: "unsure" });
  });

  it("does not list absence among the matters that are probably not for social services", () => {
    for (const texts of [sv, en]) {
      const { otherNeed } = texts.helper.questions;
      const notForSocialServices = [otherNeed.text, otherNeed.hint, ...texts.helper.outcomes.notSocialServices.body];
      expect(notForSocialServices.join(" ")).not.toMatch(/frånvaro|absen/i);
    }
    // The absence outcome says why and whom to call.
    expect(sv.helper.outcomes.absence.body.join(" ")).toMatch(/kan i sig vara ett tecken/);
    expect(sv.helper.outcomes.absence.body.join(" ")).toMatch(/ring mottagningen/i);
    expect(en.helper.outcomes.absence.body.join(" ")).toMatch(/can itself be a sign/);
    expect(en.helper.outcomes.absence.body.join(" ")).toMatch(/phone reception/i);
  });

  it("stops at the first answer that does not fit the question, keeping the ones before", () => {
    expect(walk(["no", "maybe", "yes"])).toMatchObject({ kind: "question", question: "harm", answers: ["no"] });
    expect(walk(["maybe"])).toMatchObject({ kind: "question", question: "danger", answers: [] });
  });

  it("ignores answers after an outcome", () => {
    expect(walk(["yes", "no", "no"])).toEqual({ kind: "outcome", outcome: "acute", answers: ["yes"] });
  });
});
