import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, useValidatedForm } from "~/components/forms";
import { unitSchema } from "~/domain/admin-schema";
import { unitKinds } from "~/domain/vocabulary";
import type { loader } from "~/routes/admin.units.$unitId";

/** What the administrator's unit page's loader gives its sections (app/routes/admin.units.$unitId.tsx). */
export type UnitAdminData = SerializeFrom<typeof loader>;

/** The unit's name, kind and number of enrolled children. */
export function UnitEditSection({
  unit,
  result,
  busy,
}: {
  unit: Pick<UnitAdminData["unit"], "name" | "kind" | "enrolledChildren">;
  result?: SubmissionResult<string[]>;
  busy: boolean;
}) {
  const { t } = useTranslation("admin");
  const [form, fields] = useValidatedForm({
    id: "edit-unit",
    lastResult: result,
    defaultValue: {
      name: unit.name,
      kind: unit.kind,
      enrolledChildren: unit.enrolledChildren === null ? "" : String(unit.enrolledChildren),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(unitSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unitSchema }),
  });
  return (
    <section aria-labelledby="edit-unit-heading" className="card">
      <h2 id="edit-unit-heading">{t("unit.editHeading")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("fields.unitName")} field={fields.name} autoComplete="off" />
        <SelectField
          label={t("fields.kind")}
          field={fields.kind}
          options={unitKinds.map((k) => ({ value: k, label: t(`common:unitKinds.${k}`) }))}
        />
        <Field
          label={t("fields.enrolledChildren")}
          hint={t("fields.enrolledChildrenHint")}
          // The field is a number only for some kinds; the input itself always holds text.
          field={fields.enrolledChildren as FieldMetadata<string | undefined>}
          type="number"
          inputMode="numeric"
        />
        <button type="submit" name="intent" value="edit" className="button" disabled={busy}>
          {t("unit.save")}
        </button>
      </Form>
    </section>
  );
}

/** A student health team's school or preschool: its members can then be invited to that unit's report meetings. */
export function UnitServesSection({
  servesUnitId,
  servable,
  error,
  busy,
}: {
  servesUnitId: string | null;
  servable: NonNullable<UnitAdminData["servable"]>;
  error: string | null;
  busy: boolean;
}) {
  const { t } = useTranslation("admin");
  return (
    <section aria-labelledby="serves-heading" className="card">
      <h2 id="serves-heading">{t("unit.servesHeading")}</h2>
      <Form method="post" className="stack narrow">
        {error ? (
          <p role="alert" className="alert alert--error">
            {t(error)}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="serves-unit">{t("unit.serves")}</label>
          <p className="field__hint" id="serves-unit-hint">
            {t("unit.servesHint")}
          </p>
          <select
            id="serves-unit"
            name="servesUnitId"
            defaultValue={servesUnitId ?? ""}
            aria-describedby="serves-unit-hint"
          >
            <option value="">{t("unit.servesNone")}</option>
            {servable.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" name="intent" value="serves" className="button" disabled={busy}>
          {t("unit.servesSave")}
        </button>
      </Form>
    </section>
  );
}

/** The unit's members: name (a link to the user), role, and whether the account is active. */
export function UnitMembersSection({ unitName, members }: { unitName: string } & Pick<UnitAdminData, "members">) {
  const { t } = useTranslation("admin");
  return (
    <section aria-labelledby="members-heading" className="card">
      <h2 id="members-heading">{t("unit.membersHeading")}</h2>
      {members.length ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("unit.membersCaption", { name: unitName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("users.name")}</th>
                <th scope="col">{t("fields.role")}</th>
                <th scope="col">{t("users.status")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.membershipId}>
                  <td>
                    <Link to={`/admin/users/${m.userId}`}>{m.name}</Link>
                  </td>
                  <td>{t(`common:roles.${m.role}`)}</td>
                  <td>
                    {m.active ? (
                      t("status.active")
                    ) : (
                      <span className="tag tag--inactive">{t("status.deactivated")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("unit.noMembers")}</p>
      )}
    </section>
  );
}
