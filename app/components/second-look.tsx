import { getZodConstraint } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { PlainTextarea } from "~/components/forms";
import { approveSchema, returnSchema, type CaseReply } from "~/domain/report-case-schema";
import { formatDateTime, isLocale } from "~/lib/i18n";
import { stepAction, useBusy, useStepForm } from "./report-reply";

// The fields' rules, from the schemas the review route parses with.
const approveRules = getZodConstraint(approveSchema);
const returnRules = getZodConstraint(returnSchema);

/** A "not opened" proposed for a reception lead's second look, and the lead's answer, as the case page shows it. */
export interface SecondLookShown {
  id: string;
  status: string;
  secondLookReasons: string[];
  decision: string;
  ground: string | null;
  decisionReasons: string | null;
  remainingConcern: boolean;
  proposedById: string;
  proposedByName: string;
  proposedAt: string;
  reviewedByName: string | null;
  reviewedAt: string | null;
  comment: string | null;
}

function useDay() {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (at: string) => formatDateTime(at, locale);
}

/** What was proposed and why it waits: the decision, its ground and reasons, and the cases of the second look. */
function Proposal({ proposal: p }: { proposal: SecondLookShown }) {
  const { t } = useTranslation("reports");
  const day = useDay();
  return (
    <>
      <p>
        {t("secondLook.proposal", { decision: t(`status.${p.decision}`) })}
        {p.ground ? ` · ${t(`case.decisionGrounds.${p.ground}`)}` : ""}
        {` · ${t(p.remainingConcern ? "case.remainingConcernYes" : "case.remainingConcernNo")}`}
      </p>
      {p.decisionReasons ? <p className="preserve-lines">{p.decisionReasons}</p> : null}
      <p className="muted">{t("secondLook.proposedBy", { name: p.proposedByName, date: day(p.proposedAt) })}</p>
      <p>
        {t("secondLook.because")}: {p.secondLookReasons.map((r) => t(`secondLook.reasons.${r}`)).join(", ")}
      </p>
    </>
  );
}

/**
 * The second look on the report page: the proposal waiting, with a reception lead's two answers (never on their own
 * proposal), and the earlier proposals with what the leads said. Shown to social services once a proposal exists.
 */
export function SecondLook(props: {
  reportId: string;
  secondLooks: SecondLookShown[];
  mayReview: boolean;
  userId: string;
  routeReply?: CaseReply;
}) {
  const { t } = useTranslation("reports");
  const day = useDay();
  const busy = useBusy();
  const approve = useStepForm("approve", props.routeReply);
  const giveBack = useStepForm("return", props.routeReply);
  const waiting = props.secondLooks.find((s) => s.status === "proposed");
  const earlier = props.secondLooks.filter((s) => s.status !== "proposed").reverse();
  if (!props.secondLooks.length) return null;
  const action = stepAction(props.reportId, "review");
  const hidden = waiting ? <input type="hidden" name="proposalId" value={waiting.id} /> : null;
  return (
    <section aria-labelledby="second-look-heading" className="card">
      <h2 id="second-look-heading">{t("secondLook.heading")}</h2>
      <p className="field__hint">{t("secondLook.intro")}</p>
      {waiting ? (
        <>
          <p>
            <strong>{t("secondLook.status.proposed")}</strong>
          </p>
          <Proposal proposal={waiting} />
          {!props.mayReview ? (
            <p>{t("case.awaitingSecondLook")}</p>
          ) : waiting.proposedById === props.userId ? (
            <p className="alert" role="note">
              {t("secondLook.own")}
            </p>
          ) : (
            <>
              <approve.fetcher.Form method="post" action={action} className="stack">
                {hidden}
                <PlainTextarea
                  id="second-look-approve"
                  name="comment"
                  label={t("secondLook.approveComment")}
                  hint={t("secondLook.approveHint")}
                  error={approve.reply?.error ?? null}
                  rule={approveRules.comment}
                  defaultValue={approve.reply?.values?.comment}
                  rows={3}
                />
                <p>
                  <button type="submit" name="intent" value="approve" className="button" disabled={busy}>
                    {t("secondLook.approve")}
                  </button>
                </p>
              </approve.fetcher.Form>
              <giveBack.fetcher.Form method="post" action={action} className="stack">
                {hidden}
                <PlainTextarea
                  id="second-look-return"
                  name="comment"
                  label={t("secondLook.returnComment")}
                  hint={t("secondLook.returnHint")}
                  error={giveBack.reply?.error ?? null}
                  rule={returnRules.comment}
                  defaultValue={giveBack.reply?.values?.comment}
                  rows={3}
                />
                <p>
                  <button
                    type="submit"
                    name="intent"
                    value="return"
                    className="button button--secondary"
                    disabled={busy}
                  >
                    {t("secondLook.return")}
                  </button>
                </p>
              </giveBack.fetcher.Form>
            </>
          )}
        </>
      ) : null}
      {earlier.length ? (
        <>
          <h3>{t("secondLook.earlier")}</h3>
          <ul className="plain-list entries">
            {earlier.map((s) => (
              <li key={s.id}>
                <p>
                  <strong>
                    {t(`secondLook.status.${s.status}`, {
                      name: s.reviewedByName ?? "",
                      date: s.reviewedAt ? day(s.reviewedAt) : "",
                    })}
                  </strong>
                </p>
                {s.comment ? (
                  <p className="preserve-lines">
                    {t("secondLook.comment")}: {s.comment}
                  </p>
                ) : null}
                <Proposal proposal={s} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
