import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/server/auth.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import { listTrainings } from "~/models/training.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "trainings:manage.title");

export const handle: RouteTexts = { i18n: ["trainings"] };

/** Every training from a week ago on, drafts and cancelled ones included: the coordinators' planning list. */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "training:manage");
  const rows = await listTrainings(
    user.municipalityId,
    new Date(Date.now() - 7 * 86_400_000),
    new Date(Date.now() + 400 * 86_400_000),
    { all: true },
  );
  return {
    trainings: rows.map((r) => ({
      id: r.id,
      title: r.title,
      topic: r.topic,
      startsAt: r.startsAt.toISOString(),
      status: r.status,
      capacity: r.capacity,
      registered: r.registered,
      inSeries: !!r.seriesId,
    })),
  };
}

export default function ManageTrainings() {
  const { t, i18n } = useTranslation("trainings");
  const { trainings } = useLoaderData<typeof loader>();
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  return (
    <>
      <h1>{t("manage.title")}</h1>
      <p>
        <Link to="/trainings/manage/new" className="button">
          {t("manage.new")}
        </Link>
      </p>
      {trainings.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t("manage.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.when")}</th>
                <th scope="col">{t("list.training")}</th>
                <th scope="col">{t("list.status")}</th>
                <th scope="col">{t("list.places")}</th>
              </tr>
            </thead>
            <tbody>
              {trainings.map((tr) => (
                <tr key={tr.id}>
                  <td>{formatDateTime(tr.startsAt, locale)}</td>
                  <td>
                    <Link to={`/trainings/manage/${tr.id}`}>{tr.title}</Link>
                    {tr.inSeries ? <span className="muted"> · {t("manage.inSeries")}</span> : null}
                  </td>
                  <td>{t(`statuses.${tr.status}`)}</td>
                  <td className="numeric">{t("list.taken", { registered: tr.registered, capacity: tr.capacity })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("manage.none")}</p>
      )}
    </>
  );
}
