import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/server/auth.server";
import { can } from "~/lib/permissions.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { detectLocale } from "~/lib/i18n.server";
import { param, readQuery } from "~/domain/query";
import { walk, type Outcome } from "~/domain/should-i-report";
import { getContactDetails, placeholderValues, publishedTitles } from "~/models/guidance.server";
import guidanceStyles from "~/styles/guidance.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: guidanceStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "guidance:helper.title");

export const handle: RouteTexts = { i18n: ["guidance"] };

/** The articles each outcome points to, by slug; only published ones are shown. */
const readMore: Record<Outcome, string[]> = {
  acute: ["acute-situations", "contact-and-opening-hours"],
  reportNow: ["writing-a-clear-report", "reporting-duty", "support-from-your-principal"],
  unsure: ["advice-before-reporting", "reporting-duty", "support-from-your-principal"],
  absence: ["advice-before-reporting", "reporting-duty", "support-from-your-principal"],
  notSocialServices: ["reporting-duty", "advice-before-reporting"],
};

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "guidance:read");
  const locale = detectLocale(args.request, user);
  const state = walk(readQuery(args.request, { a: param.list(10) }).a);
  const canReport = can(user, "report:create");
  if (state.kind === "question") return { state, contact: null, articles: [], canReport };
  const titles = await publishedTitles(user.municipalityId, locale);
  return {
    state,
    contact: placeholderValues(await getContactDetails(user.municipalityId), locale),
    articles: readMore[state.outcome].filter((slug) => titles[slug]).map((slug) => ({ slug, title: titles[slug] })),
    canReport,
  };
}

function query(answers: readonly string[]) {
  return answers.length ? `?${answers.map((a) => `a=${a}`).join("&")}` : "";
}

export default function ShouldIReport() {
  const { t } = useTranslation("guidance");
  const { state, contact, articles, canReport } = useLoaderData<typeof loader>();
  const back = state.answers.length ? `/guidance/should-i-report${query(state.answers.slice(0, -1))}` : "/guidance";

  return (
    <div className="helper narrow">
      <h1>{t("helper.title")}</h1>
      <p className="muted">{t("helper.privacy")}</p>
      {state.kind === "question" ? (
        <Form method="get" className="stack" key={state.answers.join(",")}>
          {state.answers.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: answer i is step i's, and answers repeat
            <input key={i} type="hidden" name="a" value={a} />
          ))}
          <fieldset className="helper__question">
            <legend>
              <span className="helper__step">{t("helper.step", { step: state.step })}</span>
              <span className="helper__text">{t(`helper.questions.${state.question}.text`)}</span>
            </legend>
            <p className="field__hint" id="question-hint">
              {t(`helper.questions.${state.question}.hint`)}
            </p>
            {state.choices.map((choice) => (
              <label key={choice} className="choice">
                <input type="radio" name="a" value={choice} required aria-describedby="question-hint" />
                {t(`helper.answers.${choice}`)}
              </label>
            ))}
          </fieldset>
          <p className="helper__actions">
            <button type="submit" className="button">
              {t("helper.next")}
            </button>
            <Link to={back}>{t("helper.back")}</Link>
          </p>
        </Form>
      ) : (
        <section aria-labelledby="outcome-heading" className={`helper__outcome helper__outcome--${state.outcome}`}>
          <h2 id="outcome-heading">{t(`helper.outcomes.${state.outcome}.heading`)}</h2>
          {(t(`helper.outcomes.${state.outcome}.body`, { returnObjects: true, ...contact }) as string[]).map((p) => (
            <p key={p}>{p}</p>
          ))}
          {contact ? (
            <dl className="contact-list">
              <dt>{t("contacts.reception")}</dt>
              <dd>
                {contact.receptionPhone} {contact.receptionHours ? `(${contact.receptionHours})` : ""}
              </dd>
              <dt>{t("contacts.outOfHours")}</dt>
              <dd>
                {contact.outOfHoursPhone} {contact.outOfHoursHours ? `(${contact.outOfHoursHours})` : ""}
              </dd>
              <dt>{t("contacts.emergency")}</dt>
              <dd>{contact.emergencyNumber}</dd>
            </dl>
          ) : null}
          {articles.length ? (
            <>
              <h3>{t("helper.readMore")}</h3>
              <ul>
                {articles.map((a) => (
                  <li key={a.slug}>
                    <Link to={`/guidance/${a.slug}`}>{a.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="helper__actions">
            {canReport && state.outcome !== "notSocialServices" ? (
              <Link to="/reports/new" className="button">
                {t("helper.writeReport")}
              </Link>
            ) : null}
            <Link to={back}>{t("helper.back")}</Link>
            <Link to="/guidance/should-i-report">{t("helper.restart")}</Link>
          </p>
        </section>
      )}
    </div>
  );
}
