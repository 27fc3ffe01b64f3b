/**
 * The "Ska jag anmäla?" helper as data: each question leads on to another question or to an outcome.
 * Answers travel in the URL as yes/no/unsure only, so nothing about the child is sent or stored.
 */
export const outcomes = ["acute", "reportNow", "unsure", "absence", "notSocialServices"] as const;
export type Outcome = (typeof outcomes)[number];

export const questionIds = ["danger", "harm", "observed", "absence", "otherNeed"] as const;
export type QuestionId = (typeof questionIds)[number];
export type Answer = "yes" | "no" | "unsure";

type Next = { question: QuestionId } | { outcome: Outcome };

const tree: Record<QuestionId, { answers: readonly Answer[]; next: Partial<Record<Answer, Next>> }> = {
  // Immediate danger comes first: then the phone, not the form. Unsure counts as danger: a call too many costs little.
  danger: {
    answers: ["yes", "unsure", "no"],
    next: { yes: { outcome: "acute" }, unsure: { outcome: "acute" }, no: { question: "harm" } },
  },
  harm: {
    answers: ["yes", "unsure", "no"],
    next: { yes: { outcome: "reportNow" }, unsure: { question: "observed" }, no: { question: "absence" } },
  },
  // The duty applies at suspicion: something concrete seen or heard is enough.
  observed: { answers: ["yes", "no"], next: { yes: { outcome: "reportNow" }, no: { outcome: "unsure" } } },
  // Absence is asked on its own, before "not a matter for social services": persistent absence can itself be a sign.
  absence: {
    answers: ["yes", "unsure", "no"],
    next: { yes: { outcome: "absence" }, unsure: { outcome: "absence" }, no: { question: "otherNeed" } },
  },
  otherNeed: { answers: ["yes", "no"], next: { yes: { outcome: "notSocialServices" }, no: { outcome: "unsure" } } },
};

export type HelperState =
  | { kind: "question"; question: QuestionId; answers: Answer[]; step: number; choices: readonly Answer[] }
  | { kind: "outcome"; outcome: Outcome; answers: Answer[] };

/** Walks the tree along the given answers; an answer that does not fit stops the walk at that question. */
export function walk(given: readonly string[]): HelperState {
  const answers: Answer[] = [];
  let question: QuestionId = "danger";
  for (const raw of given) {
    const node: (typeof tree)[QuestionId] = tree[question];
    const answer: Answer | undefined = node.answers.find((a) => a === raw);
    const next: Next | undefined = answer ? node.next[answer] : undefined;
    if (!answer || !next) break;
    answers.push(answer);
    if ("outcome" in next) return { kind: "outcome", outcome: next.outcome, answers };
    question = next.question;
  }
  return { kind: "question", question, answers, step: answers.length + 1, choices: tree[question].answers };
}
