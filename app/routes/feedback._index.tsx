import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { audit } from "~/lib/audit.server";
import { requirePermission } from "~/server/auth.server";
import { DATE_INVALID, isCalendarDate } from "~/domain/dates";
import { stockholmDate, stockholmInstant } from "~/domain/deadlines";
import { DueBadge } from "~/components/report-status";
import { isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { isUuid } from "~/domain/ids";
import { feedbackChannels } from "~/domain/vocabulary";
import { feedbackDashboard, feedbackSettingsFor, recordFeedbackGiven } from "~/models/feedback.server";
import { readForm } from "~/lib/form-data.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "feedback:dashboard.title");

export const handle: RouteTexts = { i18n: ["feedback", "reports"] };

const offPortal = feedbackChannels.filter((c) => c !== "portal");

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "feedback:manage");
  const board = await feedbackDashboard(user);
  const settings = await feedbackSettingsFor(user.municipalityId);
  await audit({
    action: "list",
    user,
    recordType: "feedback",
    requestId: args.context.requestId,
    details: { open: board.open.length },
  });
  return {
    today: stockholmDate(new Date()),
    open: board.open.map((o) => ({ ...o, dueAt: o.dueAt.toISOString() })),
    periods: board.periods,
    // The deadline says whether it counts working or calendar days (the municipality's setting).
    responseTime: { days: settings.responseDays, kind: settings.responseDayKind },
  };
}

/** Ticks off feedback given by phone, letter or e-mail to a reporter outside the portal. */
export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "feedback:manage");
  const formData = await readForm(args.request);
  const id = String(formData.get("feedbackId") ?? "");
  const channel = String(formData.get("channel") ?? "");
  const date = String(formData.get("date") ?? "").trim();
  // The date comes back as typed, to be shown again.
  const fail = (error: string) => ({ feedbackId: id, error: `feedback:errors.${error}`, date });
  if (!isUuid(id)) throw new Response(null, { status: 400 });
  if (!(offPortal as string[]).includes(channel)) return fail("channelRequired");
  if (!date) return fail("dateRequired");
  if (!isCalendarDate(date)) return { ...fail("dateRequired"), error: DATE_INVALID };
  const deliveredAt = stockholmInstant(date, "12:00");
  if (date > stockholmDate(new Date())) return fail("dateInFuture");
  // Already ticked off (a double submit) or not this municipality's: either way nothing was changed or audited.
  await recordFeedbackGiven(user, id, { channel: channel as (typeof offPortal)[number], deliveredAt });
  return redirect("/feedback?notice=feedbackRecorded");
}

export default function FeedbackDashboard() {
  const { t, i18n } = useTranslation("feedback");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const percent = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB", { style: "percent" });
  return (
    <>
      <h1>{t("dashboard.title")}</h1>
      <p>{t("dashboard.intro")}</p>
      <p>{t(`responseTime.${data.responseTime.kind}`, { count: data.responseTime.days })}</p>
      <section aria-labelledby="share-heading" className="card">
        <h2 id="share-heading">{t("dashboard.shareHeading")}</h2>
        {(["decided", "investigation_closed"] as const).map((stage) => (
          <div key={stage}>
            <h3>{t(`stages.${stage}`)}</h3>
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t(`dashboard.shareCaptions.${stage}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.period")}</th>
                    <th scope="col">{t("dashboard.total")}</th>
                    <th scope="col">{t("dashboard.onTime")}</th>
                    <th scope="col">{t("dashboard.share")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.periods
                    .filter((p) => p.stage === stage)
                    .map((p) => (
                      <tr key={p.days}>
                        <th scope="row">{t("dashboard.lastDays", { count: p.days })}</th>
                        <td className="numeric">{p.total}</td>
                        <td className="numeric">{p.onTime}</td>
                        <td className="numeric">{p.share === null ? "–" : percent.format(p.share)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </section>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{t("dashboard.openHeading")}</h2>
        {data.open.length ? (
          <ul className="plain-list entries">
            {data.open.map((o) => (
              <li key={o.id} className="card">
                <p>
                  <Link to={`/reports/${o.reportId}`}>{o.reference}</Link> · {t(`stages.${o.stage}`)} ·{" "}
                  <DueBadge state={o.state} dueAt={o.dueAt} doneAt={null} />
                </p>
                <Form
                  method="post"
                  className="inline-form"
                  aria-label={t("dashboard.tickOffLabel", { reference: o.reference })}
                >
                  <input type="hidden" name="feedbackId" value={o.id} />
                  <div className="field">
                    <label htmlFor={`channel-${o.id}`}>{t("dashboard.channel")}</label>
                    <select id={`channel-${o.id}`} name="channel" defaultValue="phone">
                      {offPortal.map((c) => (
                        <option key={c} value={c}>
                          {t(`channels.${c}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`date-${o.id}`}>{t("dashboard.date")}</label>
                    <input
                      id={`date-${o.id}`}
                      name="date"
                      type="date"
                      defaultValue={actionData?.feedbackId === o.id ? actionData.date : data.today}
                      max={data.today}
                      required
                    />
                  </div>
                  <button type="submit" className="button" disabled={busy}>
                    {t("dashboard.tickOff")}
                  </button>
                  {actionData?.feedbackId === o.id ? (
                    <p role="alert" className="error-list">
                      {t(actionData.error)}
                    </p>
                  ) : null}
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("dashboard.noneOpen")}</p>
        )}
      </section>
    </>
  );
}
