import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { pageTitle, type RouteTexts } from "~/lib/i18n";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "accessibility:title");

export const handle: RouteTexts = { i18n: ["accessibility"] };

/** The accessibility statement the DOS law (2018:1937) requires; public, no login. */
export default function Accessibility() {
  const { t } = useTranslation("accessibility");
  const sections = ["status", "gaps", "method", "feedback", "enforcement"] as const;
  return (
    <article aria-labelledby="a11y-heading">
      <h1 id="a11y-heading">{t("title")}</h1>
      <p>{t("intro")}</p>
      {sections.map((s) => (
        <section key={s} aria-labelledby={`a11y-${s}`}>
          <h2 id={`a11y-${s}`}>{t(`${s}.heading`)}</h2>
          <p>{t(`${s}.body`)}</p>
        </section>
      ))}
      <p>
        <a href="https://www.digg.se/tdosanmalan">{t("enforcement.link")}</a>
      </p>
      <p className="muted">{t("dates")}</p>
    </article>
  );
}
