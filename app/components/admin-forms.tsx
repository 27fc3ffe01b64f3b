import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmSubmit } from "~/components/ui/alert-dialog";

/**
 * The deactivate/reactivate card of a user or unit page: a confirmed deactivation while active (unless
 * `blocked` says why not), a plain reactivation while inactive. Texts come from `admin:<kind>.*`.
 */
export function ActivationSection({
  kind,
  name,
  active,
  blocked,
  heading,
  busy,
}: {
  kind: "user" | "unit";
  name: string;
  active: boolean;
  blocked: string | null;
  heading: string;
  busy: boolean;
}) {
  const { t } = useTranslation("admin");
  const headingId = `${kind}-status-heading`;
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{heading}</h2>
      {active ? (
        blocked ? (
          <p>{blocked}</p>
        ) : (
          <>
            <p>{t(`${kind}.deactivateIntro`)}</p>
            <ConfirmSubmit
              intent="deactivate"
              label={t(`${kind}.deactivate`)}
              title={t(`${kind}.deactivateConfirmTitle`, { name })}
              description={t(`${kind}.deactivateConfirmBody`)}
              confirmLabel={t(`${kind}.deactivateConfirm`)}
              cancelLabel={t("user.cancel")}
              disabled={busy}
            />
          </>
        )
      ) : (
        <Form method="post" className="stack">
          <p>{t(`${kind}.reactivateIntro`)}</p>
          <button type="submit" name="intent" value="reactivate" className="button" disabled={busy}>
            {t(`${kind}.reactivate`)}
          </button>
        </Form>
      )}
    </section>
  );
}
