import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ConfirmSubmit } from "~/components/ui/alert-dialog";
import { PASSWORD_MAX } from "~/lib/text-limits";
import { unitKindsWithChildren, type UnitKind } from "~/lib/vocabulary";

/** A user's name and e-mail, as the create and edit forms take them. */
export const personName = z
  .string({ required_error: "admin:errors.nameRequired" })
  .trim()
  .min(1, "admin:errors.nameRequired")
  .max(200, "admin:errors.nameTooLong");
export const emailAddress = z
  .string({ required_error: "admin:errors.emailRequired" })
  .trim()
  .max(254, "admin:errors.emailInvalid")
  .email("admin:errors.emailInvalid");

/** A password an administrator sets (new account or reset): the user replaces it at the next login. */
export const adminSetPassword = z
  .string({ required_error: "admin:errors.passwordRequired" })
  .min(12, "admin:errors.passwordTooShort")
  .max(PASSWORD_MAX, "admin:errors.passwordTooLong");

const unitName = z
  .string({ required_error: "admin:errors.unitNameRequired" })
  .trim()
  .min(1, "admin:errors.unitNameRequired")
  .max(200, "admin:errors.unitNameTooLong");

/**
 * One schema for creating and editing a unit, used in the browser and on the server. Preschools and schools
 * must give their number of enrolled children (a whole number from 0); other kinds ignore the field.
 */
export const unitSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.enum(unitKindsWithChildren),
      name: unitName,
      enrolledChildren: z
        .number({ required_error: "admin:errors.enrolledRequired", invalid_type_error: "admin:errors.enrolledInvalid" })
        .int("admin:errors.enrolledInvalid")
        .min(0, "admin:errors.enrolledInvalid")
        .max(1_000_000, "admin:errors.enrolledInvalid"),
    }),
    z.object({
      kind: z.enum(["student_health", "reception", "investigation", "coordination", "administration"]),
      name: unitName,
      enrolledChildren: z.any().transform((): number | null => null),
    }),
  ],
  { errorMap: () => ({ message: "admin:errors.kindRequired" }) },
);
// Fails to compile when a unit kind is added to the vocabulary but not to the schema above.
type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
const _kindsInSchema: Exhaustive<UnitKind, z.infer<typeof unitSchema>["kind"]> = true;
void _kindsInSchema;

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
