import { useTranslation } from "react-i18next";
import { formatDateTime, isLocale } from "~/lib/i18n";

/** What a reporter may be told: received, or one of the three outcomes. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation("reports");
  return <span className={`tag tag--status tag--${status}`}>{t(`status.${status}`)}</span>;
}

/**
 * A deadline with its state in words (not colour alone). `dueAt` is an exclusive bound, so the
 * last allowed day shown is the day before it ends. `counts`, in words already translated, says what the deadline
 * counts (issue 21: calendar or working days); it follows the badge, which keeps its own text.
 */
export function DueBadge({
  state,
  dueAt,
  doneAt,
  counts,
}: {
  state: string;
  dueAt: string;
  doneAt: string | null;
  counts?: string;
}) {
  const { t, i18n } = useTranslation("reports");
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const day = (at: Date | string) => formatDateTime(at, locale, { dateStyle: "medium", timeStyle: undefined });
  const lastDay = day(new Date(Date.parse(dueAt) - 1));
  return (
    <>
      <span className={`due due--${state}`}>
        {t(`due.${state}`, { date: doneAt ? day(doneAt) : lastDay, due: lastDay })}
      </span>
      {counts ? <span className="due__counts muted"> ({counts})</span> : null}
    </>
  );
}
