import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { reviewAnswers, reviewItems } from "~/domain/review-checklist";
import { DEVIATION_NOTE_MAX } from "~/domain/review-schema";
import { REVIEW_SAMPLE_MAX } from "~/domain/review-sample";
import { dateTimeFormat, formatDate, formatDateTime, isLocale } from "~/lib/i18n";
import type { action, loader } from "~/routes/reviews._index";

type Data = SerializeFrom<typeof loader>;

/** "mars 2025" / "March 2025". */
function useMonthName() {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const format = dateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return { locale, monthName: (month: string) => format.format(new Date(`${month}-15T12:00:00Z`)) };
}

/** The review page of one month (app/routes/reviews._index.tsx). */
export function ReviewMonth({ data }: { data: Data }) {
  const { t } = useTranslation("reviews");
  return (
    <div className="stack">
      <h1>{t("month.title")}</h1>
      <p>{t("month.intro")}</p>
      <nav aria-label={t("month.monthNav")} className="button-row">
        <Link to={`?month=${data.previous}`}>{t("month.previous")}</Link>
        <Form method="get" className="inline-form">
          <div className="field">
            <label htmlFor="review-month">{t("month.chooseMonth")}</label>
            <input id="review-month" name="month" type="month" defaultValue={data.month} required />
          </div>
          <button type="submit" className="button button--secondary">
            {t("month.show")}
          </button>
        </Form>
        <Link to={`?month=${data.next}`}>{t("month.next")}</Link>
      </nav>
      <SampleSection data={data} />
      {data.manage || data.cases.length ? <CasesSection data={data} /> : null}
      {data.findings ? <FindingsSection data={data} /> : null}
      <DeviationsSection data={data} />
      {data.manage && data.sampleSize !== null ? <SizeSection size={data.sampleSize} /> : null}
    </div>
  );
}

function SampleSection({ data }: { data: Data }) {
  const { t } = useTranslation("reviews");
  const { locale, monthName } = useMonthName();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const month = monthName(data.month);
  const sample = data.sample;
  const refused = actionData && "intent" in actionData && actionData.intent === "draw" ? actionData : null;
  return (
    <section aria-labelledby="sample-heading" className="card stack">
      <h2 id="sample-heading">{t("month.monthHeading", { month })}</h2>
      {sample ? (
        <>
          <p>
            {t("month.drawn", {
              cases: sample.cases,
              candidates: sample.candidates,
              date: formatDateTime(sample.drawnAt, locale),
            })}{" "}
            {sample.scheduled
              ? t("month.drawnByPortal")
              : sample.drawnBy
                ? t("month.drawnBy", { name: sample.drawnBy })
                : null}
          </p>
          <p>{t("month.progress", { completed: sample.completed, cases: sample.cases })}</p>
          {sample.unassigned ? (
            <p className="alert alert--warning">{t("month.unassigned", { count: sample.unassigned })}</p>
          ) : null}
          {sample.seed ? (
            <p className="muted">
              {t("month.seed", { seed: sample.seed })}{" "}
              {t(sample.reproduces ? "month.reproduces" : "month.notReproduces")}
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p>{t("month.notDrawn", { month })}</p>
          {data.manage && !data.over ? (
            <p>{t("month.notOver", { date: formatDate(data.drawableOn, locale) })}</p>
          ) : null}
          {data.manage && data.over ? (
            <Form method="post" className="stack">
              <input type="hidden" name="month" value={data.month} />
              <p className="field__hint">{t("month.drawHint", { size: data.sampleSize })}</p>
              {refused ? (
                <p role="alert" className="error-list">
                  {t(refused.error)}
                </p>
              ) : null}
              <p>
                <button type="submit" name="intent" value="draw" className="button" disabled={busy}>
                  {t("month.draw", { month })}
                </button>
              </p>
            </Form>
          ) : null}
        </>
      )}
    </section>
  );
}

function CasesSection({ data }: { data: Data }) {
  const { t } = useTranslation("reviews");
  const { locale } = useMonthName();
  const all = data.manage;
  return (
    <section aria-labelledby="cases-heading">
      <h2 id="cases-heading">{t(all ? "month.casesHeading" : "month.myCasesHeading")}</h2>
      {data.cases.length ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t(all ? "month.casesCaption" : "month.myCasesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("month.number")}</th>
                {all ? <th scope="col">{t("month.reviewer")}</th> : <th scope="col">{t("month.report")}</th>}
                <th scope="col">{t("month.status")}</th>
                <th scope="col">{t("month.deviationsCount")}</th>
              </tr>
            </thead>
            <tbody>
              {data.cases.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.mine ? (
                      <Link
                        to={`/reviews/${c.id}`}
                        className="number-link"
                        aria-label={t(c.completedAt ? "month.showCase" : "month.openCase", { number: c.position })}
                      >
                        {c.position}
                      </Link>
                    ) : (
                      c.position
                    )}
                  </th>
                  <td>{all ? (c.reviewerName ?? t("month.noReviewer")) : c.reference}</td>
                  <td>
                    {c.completedAt
                      ? t("month.completed", { date: formatDateTime(c.completedAt, locale, { timeStyle: undefined }) })
                      : t("month.waiting")}
                  </td>
                  <td className="numeric">{c.deviations}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("month.noMyCases")}</p>
      )}
    </section>
  );
}

function FindingsSection({ data }: { data: Data }) {
  const { t } = useTranslation("reviews");
  const findings = data.findings;
  if (!findings) return null;
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">{t("month.findingsHeading")}</h2>
      {findings.cases ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("month.findingsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("month.question")}</th>
                {reviewAnswers.map((a) => (
                  <th scope="col" key={a}>
                    {t(`answers.${a}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {reviewItems.map((item) => (
                <tr key={item}>
                  <th scope="row">{t(`items.${item}`)}</th>
                  {reviewAnswers.map((a) => (
                    <td key={a} className="numeric">
                      {findings.items[item][a]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("month.noneCompleted")}</p>
      )}
    </section>
  );
}

function DeviationsSection({ data }: { data: Data }) {
  const { t } = useTranslation("reviews");
  const { locale, monthName } = useMonthName();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="deviations-heading">
      <h2 id="deviations-heading">{t("month.deviationsHeading")}</h2>
      <p>{data.openDeviations ? t("month.openDeviations", { count: data.openDeviations }) : t("month.noDeviations")}</p>
      {data.deviations.length ? (
        <ul className="plain-list entries">
          {data.deviations.map((d) => {
            const refused =
              actionData && "intent" in actionData && actionData.intent === "close" && actionData.deviationId === d.id
                ? actionData
                : null;
            const label = t("month.closeFor", { item: t(`items.${d.item}`), month: monthName(d.month) });
            return (
              <li key={d.id} className="card stack">
                <p>
                  <strong>{t(`items.${d.item}`)}</strong>
                </p>
                <p>
                  {t("month.sample")}: {monthName(d.month)}
                  {d.reference && d.reportId ? (
                    <>
                      {" · "}
                      <Link to={`/reports/${d.reportId}`}>{d.reference}</Link>
                    </>
                  ) : null}
                  {d.ownerName ? ` · ${t("month.owner")}: ${d.ownerName}` : null}
                  {" · "}
                  {t("month.due")}: {formatDate(d.dueOn, locale)}
                  {d.dueOn < data.today ? <span className="tag">{t("month.overdue")}</span> : null}
                </p>
                {d.mayClose ? (
                  <Form method="post" className="stack" aria-label={label}>
                    <input type="hidden" name="deviationId" value={d.id} />
                    <div className="field">
                      <label htmlFor={`note-${d.id}`}>{t("month.closeNote")}</label>
                      <textarea
                        id={`note-${d.id}`}
                        name="note"
                        rows={2}
                        required
                        maxLength={DEVIATION_NOTE_MAX}
                        defaultValue={refused?.note ?? ""}
                        aria-invalid={refused ? true : undefined}
                        aria-describedby={refused ? `note-${d.id}-error` : undefined}
                      />
                      {refused ? (
                        <p id={`note-${d.id}-error`} className="error-list">
                          {t(refused.error)}
                        </p>
                      ) : null}
                    </div>
                    <p>
                      <button type="submit" name="intent" value="close" className="button" disabled={busy}>
                        {t("month.close")}
                      </button>
                    </p>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

function SizeSection({ size }: { size: number }) {
  const { t } = useTranslation("reviews");
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const refused = actionData && "intent" in actionData && actionData.intent === "size" ? actionData : null;
  return (
    <section aria-labelledby="size-heading" className="card">
      <h2 id="size-heading">{t("month.settingsHeading")}</h2>
      <Form method="post" className="inline-form">
        <div className="field">
          <label htmlFor="review-size">{t("month.size")}</label>
          <p id="review-size-hint" className="field__hint">
            {t("month.sizeHint")}
          </p>
          <input
            id="review-size"
            name="size"
            type="number"
            inputMode="numeric"
            min={1}
            max={REVIEW_SAMPLE_MAX}
            required
            defaultValue={size}
            aria-describedby={refused ? "review-size-hint review-size-error" : "review-size-hint"}
            aria-invalid={refused ? true : undefined}
          />
          {refused ? (
            <p id="review-size-error" className="error-list">
              {t(refused.error)}
            </p>
          ) : null}
        </div>
        <button type="submit" name="intent" value="size" className="button button--secondary" disabled={busy}>
          {t("month.saveSize")}
        </button>
      </Form>
    </section>
  );
}
