import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextareaField, useValidatedForm } from "~/components/forms";
import { stockholmDate } from "~/domain/deadlines";
import { sendSchema, type FeedbackReply } from "~/domain/feedback-schema";
import { formatDate, formatDateTime, isLocale } from "~/lib/i18n";
import { consentInfoKinds } from "~/domain/vocabulary";
import { useFetcherSubmission } from "~/lib/use-submission-key";
import { replyOf } from "./feedback-reply";
import type { FeedbackPageData } from "./feedback-steps";

type SendReply = Extract<FeedbackReply, { intent: "send" }>;

/**
 * Extended feedback: recipient and kind are chosen and the consent checked first (a GET form on the page's own
 * address); only when a consent covers both is the text asked for. What was sent is listed, with its reading.
 */
export function ExtendedSection({
  data,
  routeReply,
  busy,
}: {
  data: FeedbackPageData;
  routeReply?: FeedbackReply;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("feedback");
  const fetcher = useFetcher();
  const { key: feedbackKey, answer } = useFetcherSubmission(data.submissionKey, fetcher);
  const reply = replyOf(answer, "send", routeReply);
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const when = (iso: string) => formatDateTime(iso, locale);
  // validUntil is the exclusive end: the last day covered is the one before it.
  const lastDay = (iso: string) => formatDate(stockholmDate(new Date(new Date(iso).getTime() - 1)), locale);
  const dated = { date: reply?.at ? when(reply.at) : "" };

  return (
    <section aria-labelledby="extended-heading" className="card">
      <h2 id="extended-heading">{t("extended.heading")}</h2>
      <p className="muted">{t("extended.intro")}</p>
      <Form method="get" action={`/reports/${data.report.id}/feedback`} className="stack narrow">
        <div className="field">
          <label htmlFor="extended-recipient">{t("extended.recipient")}</label>
          <select id="extended-recipient" name="recipient" defaultValue={data.choice?.recipientId ?? ""} required>
            <option value="">{t("extended.choose")}</option>
            {data.options.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="extended-kind">{t("extended.kind")}</label>
          <select id="extended-kind" name="kind" defaultValue={data.choice?.kind ?? ""} required>
            <option value="">{t("extended.choose")}</option>
            {consentInfoKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <p>
          <button type="submit" className="button button--secondary">
            {t("extended.check")}
          </button>
        </p>
      </Form>
      {data.check && data.choice ? (
        data.check.ok ? (
          <>
            <p className="alert alert--success" role="status">
              {t("extended.covered", { givenBy: data.check.givenBy, until: lastDay(data.check.validUntil) })}
            </p>
            <SendForm
              key={feedbackKey}
              submissionKey={feedbackKey}
              reportId={data.report.id}
              choice={data.choice}
              fetcher={fetcher}
              reply={reply}
              busy={busy}
            />
          </>
        ) : (
          <p className="alert alert--error" role="status">
            {t(`errors.notCovered.${data.check.reason}`, { date: data.check.at ? when(data.check.at) : "" })}
          </p>
        )
      ) : null}
      {!data.check?.ok && reply ? (
        // Refused and no longer covered (a withdrawal in between): the text typed stays, to copy.
        <>
          <p role="alert" className="error-list">
            {messages(reply)
              .map((e) => t(e, dated))
              .join(" ")}
          </p>
          <div className="field">
            <label htmlFor="unsent-body">{t("extended.unsent")}</label>
            <textarea id="unsent-body" readOnly rows={6} defaultValue={String(reply.result.initialValue?.body ?? "")} />
          </div>
        </>
      ) : null}
      <h3>{t("extended.sentHeading")}</h3>
      {data.sent.length ? (
        <ul className="plain-list entries">
          {data.sent.map((s) => (
            <li key={s.id}>
              {when(s.sentAt)} · {s.recipientName} · {t(`kinds.${s.kind}`)} ·{" "}
              {s.readAt ? t("extended.readAt", { date: when(s.readAt) }) : t("extended.unread")}
              {s.consentWithdrawnAt ? ` · ${t("consent.withdrawnAt", { date: when(s.consentWithdrawnAt) })}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("extended.noneSent")}</p>
      )}
    </section>
  );
}

/** Every message of a refused send, each once. */
const messages = (reply: SendReply) => [...new Set(Object.values(reply.result.error ?? {}).flatMap((e) => e ?? []))];

const constraint = getZodConstraint(sendSchema);

/** The text of extended feedback, sent to the extended step with the check's query, so a refusal keeps the check. */
function SendForm(props: {
  submissionKey: string;
  fetcher: ReturnType<typeof useFetcher>;
  reportId: string;
  choice: { recipientId: string; kind: string };
  reply?: SendReply;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation("feedback");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const { recipientId, kind } = props.choice;
  const [form, fields] = useValidatedForm({
    id: "send-feedback",
    lastResult: props.reply?.result,
    constraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sendSchema }),
  });
  // After a refused send every reason is said beside the button; otherwise only what the text's field does not show.
  const errors = Object.entries(form.allErrors).flatMap(([name, list]) =>
    name === "body" && form.status !== "error" ? [] : list,
  );
  const at = props.reply?.at;
  const query = new URLSearchParams({ recipient: recipientId, kind });
  return (
    <props.fetcher.Form
      method="post"
      action={`/reports/${props.reportId}/feedback/extended?${query}`}
      {...getFormProps(form)}
      className="stack narrow"
    >
      <input type="hidden" name="submissionKey" value={props.submissionKey} />
      <input type="hidden" name="recipientId" value={recipientId} />
      <input type="hidden" name="kind" value={kind} />
      <TextareaField label={t("extended.body")} hint={t("extended.bodyHint")} field={fields.body} rows={8} />
      {errors.length ? (
        <p role="alert" id={form.errorId} className="error-list">
          {[...new Set(errors)].map((e) => t(e, { date: at ? formatDateTime(at, locale) : "" })).join(" ")}
        </p>
      ) : null}
      <p>
        <button type="submit" name="intent" value="send" className="button" disabled={props.busy}>
          {t("extended.send")}
        </button>
      </p>
    </props.fetcher.Form>
  );
}
