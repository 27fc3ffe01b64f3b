import { describe, expect, it } from "vitest";
import { suggestAnswers, type CaseFacts } from "~/domain/review-checklist";
import { reviewAnswerSchema } from "~/domain/review-schema";

const at = (iso: string) => new Date(iso);
const closedWell: CaseFacts = {
  decision: "not_opened",
  protectionAssessedAt: at("2025-03-03T09:00:00Z"),
  protectionDueAt: at("2025-03-04T23:00:00Z"),
  decidedAt: at("2025-03-10T09:00:00Z"),
  decisionDueAt: at("2025-03-17T23:00:00Z"),
  childHeard: true,
  childHeardReasoned: false,
  reasonsWritten: true,
  remainingConcern: false,
  policeRequired: false,
  policeConsidered: null,
  feedback: "given",
  knownBefore: false,
};
const answers = (f: CaseFacts) =>
  Object.fromEntries(Object.entries(suggestAnswers(f)).map(([item, s]) => [item, s.answer]));

describe("suggestAnswers", () => {
  it("suggests what the record shows, and leaves judgements to the reviewer", () => {
    expect(answers(closedWell)).toEqual({
      protection_on_time: "yes",
      decision_in_time: "yes",
      child_heard: "yes",
      reasons_sound: null,
      remaining_concern_handled: "na",
      police_considered: "na",
      feedback_given: "yes",
      earlier_reports_weighed: "na",
    });
  });

  it("suggests a 'no' where the record shows a step missed or late", () => {
    expect(
      answers({
        ...closedWell,
        protectionAssessedAt: at("2025-03-05T09:00:00Z"),
        decidedAt: at("2025-03-18T09:00:00Z"),
        childHeard: false,
        reasonsWritten: false,
        policeRequired: true,
        policeConsidered: false,
        feedback: "pending",
        knownBefore: true,
      }),
    ).toEqual({
      protection_on_time: "no",
      decision_in_time: "no",
      child_heard: "no",
      reasons_sound: "no",
      remaining_concern_handled: "na",
      police_considered: "no",
      feedback_given: "no",
      earlier_reports_weighed: null,
    });
    expect(suggestAnswers({ ...closedWell, protectionAssessedAt: null }).protection_on_time).toEqual({
      answer: "no",
      why: "notAssessed",
    });
  });

  it("judges nothing it cannot see: a reason for not hearing the child, remaining concern closed on a second look", () => {
    const s = suggestAnswers({ ...closedWell, childHeard: false, childHeardReasoned: true, remainingConcern: true });
    expect(s.child_heard).toEqual({ answer: null, why: "notHeardReasoned" });
    expect(s.remaining_concern_handled).toEqual({ answer: null, why: "concernRemainedClosed" });
    const opened = suggestAnswers({ ...closedWell, decision: "opened", remainingConcern: true, reasonsWritten: false });
    expect(opened.remaining_concern_handled.answer).toBe("yes");
    expect(opened.reasons_sound.answer).toBe("na");
  });
});

describe("reviewAnswerSchema", () => {
  const today = "2026-12-06";
  const form = (changes: Record<string, string> = {}) => {
    const data = new Map<string, string>();
    for (const item of Object.keys(suggestAnswers(closedWell))) {
      data.set(`${item}.answer`, "yes");
      data.set(`${item}.comment`, "");
      data.set(`${item}.ownerId`, "");
      data.set(`${item}.dueOn`, "");
    }
    for (const [k, v] of Object.entries(changes)) data.set(k, v);
    const parsed: Record<string, Record<string, string>> = {};
    for (const [k, v] of data) {
      const [item, field] = k.split(".");
      parsed[item] = { ...parsed[item], [field]: v };
    }
    return reviewAnswerSchema(today).safeParse(parsed);
  };
  const issues = (r: ReturnType<typeof form>) => (r.success ? [] : r.error.issues.map((i) => i.path.join(".")));

  it("takes every item answered; a 'no' needs a comment, an owner and a due date from today", () => {
    expect(form().success).toBe(true);
    expect(issues(form({ "child_heard.answer": "" }))).toEqual(["child_heard.answer"]);
    expect(issues(form({ "child_heard.answer": "no" })).sort()).toEqual([
      "child_heard.comment",
      "child_heard.dueOn",
      "child_heard.ownerId",
    ]);
    const owner = "00000000-0000-4000-8000-000000000001";
    const no = { "child_heard.answer": "no", "child_heard.comment": "Inte hört.", "child_heard.ownerId": owner };
    expect(form({ ...no, "child_heard.dueOn": today }).success).toBe(true);
    expect(issues(form({ ...no, "child_heard.dueOn": "2026-12-05" }))).toEqual(["child_heard.dueOn"]);
    expect(issues(form({ ...no, "child_heard.dueOn": "2027-02-30" }))).toEqual(["child_heard.dueOn"]);
  });

  it("checks an owner and a date even beside a 'yes': the page always sends them", () => {
    expect(issues(form({ "child_heard.ownerId": "x".repeat(1000) }))).toEqual(["child_heard.ownerId"]);
    expect(issues(form({ "child_heard.dueOn": "99999-01-01" }))).toEqual(["child_heard.dueOn"]);
  });
});
