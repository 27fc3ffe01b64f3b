import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isUuid } from "~/domain/ids";
import { audit } from "~/lib/audit.server";
import { readForm } from "~/lib/form-data.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { assertCan, recordNotFound, requirePermission } from "~/server/auth.server";
import { getUnit } from "~/models/unit.server";
import { assignUnitContact, contactCandidates, unitContactPersons } from "~/models/unit-contact.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin:contact.title");

export const handle: RouteTexts = { i18n: ["admin"] };

/** The unit in the URL, if the principal heads it; a unit of another municipality (or not theirs) is a 404. */
async function loadUnit(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = await requirePermission(args, "unit:assignContact");
  const unitId = args.params.unitId ?? "";
  const unit = isUuid(unitId) ? await getUnit({ municipalityId: user.municipalityId, unitId }) : null;
  if (!unit) return recordNotFound(args, user, "unit", unitId);
  await assertCan(args, user, "unit:assignContact", { type: "unit", id: unit.id, municipalityId: unit.municipalityId });
  return { user, unit };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, unit } = await loadUnit(args);
  const [contact] = await unitContactPersons(user.municipalityId, unit.id);
  const candidates = await contactCandidates(user.municipalityId, unit.id);
  await audit({
    action: "read",
    user,
    recordType: "unit_contact",
    recordId: unit.id,
    requestId: args.context.requestId,
    details: { candidates: candidates.length },
  });
  const notice = new URL(args.request.url).searchParams.get("notice");
  return {
    unit: { id: unit.id, name: unit.name },
    contact: contact ? { id: contact.id, name: contact.name } : null,
    candidates,
    notice: notice === "saved" || notice === "removed" ? notice : null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, unit } = await loadUnit(args);
  const form = await readForm(args.request);
  const intent = form.get("intent");
  if (intent !== "assign" && intent !== "remove") throw new Response(null, { status: 400, statusText: "Bad Request" });
  const userId = intent === "assign" ? String(form.get("userId") ?? "") : null;
  const result = await assignUnitContact(user, unit.id, userId, args.context.requestId);
  if (!result.ok) return { error: `admin:contact.${result.error}` };
  return redirect(`/units/${unit.id}/contact?notice=${intent === "assign" ? "saved" : "removed"}`);
}

export default function UnitContact() {
  const { t } = useTranslation("admin");
  const { unit, contact, candidates, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>{t("contact.heading")}</h1>
      <p className="muted">{unit.name}</p>
      {notice ? (
        <p role="status" className="alert alert--success">
          {t(`contact.${notice}`)}
        </p>
      ) : null}
      <p>{t("contact.intro")}</p>
      <p>{contact ? t("contact.current", { name: contact.name }) : t("contact.none")}</p>
      {candidates.length ? (
        <Form method="post" className="stack narrow">
          {actionData?.error ? (
            <p role="alert" className="alert alert--error">
              {t(actionData.error)}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="contact-person">{t("contact.person")}</label>
            <select id="contact-person" name="userId" defaultValue={contact?.id ?? ""} required>
              <option value="" disabled>
                {t("contact.choose")}
              </option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" name="intent" value="assign" className="button" disabled={busy}>
            {t("contact.assign")}
          </button>
        </Form>
      ) : (
        <p>{t("contact.noCandidates")}</p>
      )}
      {contact ? (
        <Form method="post">
          <button type="submit" name="intent" value="remove" className="button button--secondary" disabled={busy}>
            {t("contact.remove")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
