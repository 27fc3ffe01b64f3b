import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActivationSection } from "~/components/admin-forms";
import { unitSchema } from "~/domain/admin-schema";
import { unitKinds } from "~/domain/vocabulary";
import { Field, FormErrors, SelectField, useValidatedForm } from "~/components/forms";
import { audit } from "~/lib/audit.server";
import { assertCan, notFound, recordNotFound, requirePermission } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import {
  countsChildren,
  deactivateUnit,
  getUnit,
  listActiveUnitOptions,
  listUnitMembers,
  reactivateUnit,
  setServedUnit,
  updateUnit,
} from "~/models/unit.server";
import adminStyles from "~/styles/admin.css";
import { readForm } from "~/lib/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin:unit.title");

export const handle: RouteTexts = { i18n: ["admin"] };

const NOTICES = ["unitCreated", "unitSaved", "unitDeactivated", "unitReactivated", "unitServesSaved"] as const;

/** The unit named in the URL, if it is in the admin's municipality; anything else is a 404. */
async function loadUnit(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const admin = await requirePermission(args, "admin:units");
  const unit = await getUnit({ municipalityId: admin.municipalityId, unitId: args.params.unitId ?? "" });
  if (!unit) return recordNotFound(args, admin, "unit", args.params.unitId);
  await assertCan(args, admin, "unit:manage", { type: "unit", id: unit.id, municipalityId: unit.municipalityId });
  return { admin, unit };
}

export async function loader(args: LoaderFunctionArgs) {
  const { admin, unit } = await loadUnit(args);
  const members = await listUnitMembers({ municipalityId: admin.municipalityId, unitId: unit.id });
  await audit({
    action: "read",
    user: admin,
    recordType: "unit",
    recordId: unit.id,
    requestId: args.context.requestId,
    details: { members: members.length },
  });
  return {
    unit: {
      id: unit.id,
      name: unit.name,
      kind: unit.kind,
      enrolledChildren: unit.enrolledChildren,
      active: unit.active,
      servesUnitId: unit.servesUnitId,
    },
    // A student health team serves a school or preschool: its members can then be invited to that unit's report meetings.
    servable:
      unit.kind === "student_health"
        ? (await listActiveUnitOptions({ municipalityId: admin.municipalityId })).filter((u) => countsChildren(u.kind))
        : null,
    members,
    activeMembers: members.filter((m) => m.active).length,
  };
}

type ActionData =
  | { intent: "edit"; result: SubmissionResult<string[]> }
  | { intent: "status"; error: string; count?: number }
  | { intent: "serves"; error: string };

export async function action(args: ActionFunctionArgs): Promise<ActionData | Response> {
  const { admin, unit } = await loadUnit(args);
  const formData = await readForm(args.request);
  const intent = formData.get("intent");
  const municipalityId = admin.municipalityId;
  const back = (notice: (typeof NOTICES)[number]) => redirect(`/admin/units/${unit.id}?notice=${notice}`);

  if (intent === "edit") {
    const submission = parseWithZod(formData, { schema: unitSchema });
    if (submission.status !== "success") return { intent, result: submission.reply() };
    const result = await updateUnit(admin, { unitId: unit.id, ...submission.value });
    if (!result.ok) {
      if (result.error === "notFound") throw notFound();
      return { intent, result: submission.reply({ fieldErrors: { name: ["admin:errors.unitNameTaken"] } }) };
    }
    return back("unitSaved");
  }

  if (intent === "serves") {
    const served = String(formData.get("servesUnitId") ?? "");
    if (!(await setServedUnit({ municipalityId, unitId: unit.id, servedUnitId: served || null, by: admin }))) {
      return { intent, error: "admin:errors.servesInvalid" };
    }
    return back("unitServesSaved");
  }

  if (intent === "deactivate") {
    const result = await deactivateUnit(admin, { unitId: unit.id });
    if (!result.ok) return { intent: "status", error: "admin:errors.unitHasMembers", count: result.members };
    return back("unitDeactivated");
  }

  if (intent === "reactivate") {
    await reactivateUnit(admin, { unitId: unit.id });
    return back("unitReactivated");
  }

  throw new Response(null, { status: 400, statusText: "Bad Request" });
}

export default function AdminUnit() {
  const { t } = useTranslation("admin");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { unit } = data;
  const [form, fields] = useValidatedForm({
    id: "edit-unit",
    lastResult: actionData?.intent === "edit" ? actionData.result : undefined,
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
  const statusError = actionData?.intent === "status" ? actionData : null;

  return (
    <>
      <p>
        <Link to="/admin/units">{t("unit.back")}</Link>
      </p>
      <h1>{unit.name}</h1>
      <p className="muted">
        {t(`common:unitKinds.${unit.kind}`)} · {unit.active ? t("status.active") : t("status.deactivated")}
      </p>
      {statusError ? (
        <p role="alert" className="alert alert--error">
          {t(statusError.error, { count: statusError.count ?? 0 })}
        </p>
      ) : null}

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

      {data.servable ? (
        <section aria-labelledby="serves-heading" className="card">
          <h2 id="serves-heading">{t("unit.servesHeading")}</h2>
          <Form method="post" className="stack narrow">
            {actionData?.intent === "serves" ? (
              <p role="alert" className="alert alert--error">
                {t(actionData.error)}
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
                defaultValue={unit.servesUnitId ?? ""}
                aria-describedby="serves-unit-hint"
              >
                <option value="">{t("unit.servesNone")}</option>
                {data.servable.map((u) => (
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
      ) : null}

      <section aria-labelledby="members-heading" className="card">
        <h2 id="members-heading">{t("unit.membersHeading")}</h2>
        {data.members.length ? (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("unit.membersCaption", { name: unit.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("users.name")}</th>
                  <th scope="col">{t("fields.role")}</th>
                  <th scope="col">{t("users.status")}</th>
                </tr>
              </thead>
              <tbody>
                {data.members.map((m) => (
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

      <ActivationSection
        kind="unit"
        name={unit.name}
        active={unit.active}
        blocked={data.activeMembers > 0 ? t("unit.cannotDeactivate", { count: data.activeMembers }) : null}
        heading={t("unit.statusHeading")}
        busy={busy}
      />
    </>
  );
}
