import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActivationSection } from "~/components/admin-forms";
import { UnitEditSection, UnitMembersSection, UnitServesSection } from "~/components/unit-admin";
import { UnitContactPerson } from "~/components/unit-contact";
import { unitSchema } from "~/domain/admin-schema";
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
import { unitContactPersons } from "~/models/unit-contact.server";
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
    contacts: await unitContactPersons(admin.municipalityId, unit.id),
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
  const busy = useNavigation().state === "submitting";
  const { unit } = data;
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
      <UnitContactPerson contacts={data.contacts} />
      {statusError ? (
        <p role="alert" className="alert alert--error">
          {t(statusError.error, { count: statusError.count ?? 0 })}
        </p>
      ) : null}
      <UnitEditSection unit={unit} result={actionData?.intent === "edit" ? actionData.result : undefined} busy={busy} />
      {data.servable ? (
        <UnitServesSection
          servesUnitId={unit.servesUnitId}
          servable={data.servable}
          error={actionData?.intent === "serves" ? actionData.error : null}
          busy={busy}
        />
      ) : null}
      <UnitMembersSection unitName={unit.name} members={data.members} />
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
