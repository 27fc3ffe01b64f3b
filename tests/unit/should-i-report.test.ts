import { walk } from "~/domain/should-i-report";

describe("the should-I-report helper", () => {
  it("starts with the question of immediate danger", () => {
    expect(walk([])).toMatchObject({ kind: "question", question: "danger", step: 1 });
  });

  it("sends an acute case to the phone at once", () => {
    expect(walk(["yes"])).toEqual({ kind: "outcome", outcome: "acute", answers: ["yes"] });
  });

  it("says report now when harm is suspected, without asking for more", () => {
    expect(walk(["no", "yes"])).toMatchObject({ kind: "outcome", outcome: "reportNow" });
  });

  it("treats concrete observations as enough for the duty, and their absence as a reason to ask for advice", () => {
    expect(walk(["no", "unsure"])).toMatchObject({ kind: "question", question: "observed", step: 3 });
    expect(walk(["no", "unsure", "yes"])).toMatchObject({ outcome: "reportNow" });
    expect(walk(["no", "unsure", "no"])).toMatchObject({ outcome: "unsure" });
  });

  it("points needs that are not about harm elsewhere", () => {
    expect(walk(["no", "no", "yes"])).toMatchObject({ outcome: "notSocialServices" });
    expect(walk(["no", "no", "no"])).toMatchObject({ outcome: "unsure" });
  });

  it("stops at the first answer that does not fit the question, keeping the ones before", () => {
    expect(walk(["no", "maybe", "yes"])).toMatchObject({ kind: "question", question: "harm", answers: ["no"] });
    expect(walk(["unsure"])).toMatchObject({ kind: "question", question: "danger", answers: [] });
  });

  it("ignores answers after an outcome", () => {
    expect(walk(["yes", "no", "no"])).toEqual({ kind: "outcome", outcome: "acute", answers: ["yes"] });
  });
});
