import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/server/auth.server";
import { pageTitle } from "~/lib/i18n";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "common:bare.title");

/**
 * The benchmark's yardstick (docs/PERFORMANCE.md): the full layout for a signed-in user and nothing else, so a
 * page's throughput can be read as a share of what the framework, session and layout cost alone.
 */
export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  return null;
}

export default function Bare() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("bare.title")}</h1>
      <p>{t("bare.body")}</p>
    </div>
  );
}
