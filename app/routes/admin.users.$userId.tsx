import { getFormProps, type SubmissionResult } from "@conform-to/react";
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
import { z } from "zod";
import { ActivationSection, adminSetPassword, emailAddress, personName } from "~/components/admin-forms";
import { roles } from "~/lib/vocabulary";
import { Field, FormErrors, SelectField, useValidatedForm } from "~/components/forms";
import { audit } from "~/lib/audit.server";
import { hashPassword } from "~/lib/password.server";
import { assertCan, notFound, recordNotFound, requirePermission } from "~/lib/auth.server";
import { formatDateTime, isLocale, pageTitle, type RouteTexts } from "~/lib/i18n";
import type { CurrentUser } from "~/lib/permissions.server";
import { listActiveUnitOptions } from "~/models/unit.server";
import {
  addMembership,
  deactivateUser,
  resetPassword,
  resetSecondFactor,
  getUserForAdmin,
  reactivateUser,
  removeMembership,
  updateUserProfile,
} from "~/models/user.server";
import adminStyles from "~/styles/admin.css";
import { readForm } from "~/lib/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin:user.title");

export const handle: RouteTexts = { i18n: ["admin"] };

const profileSchema = z.object({
  name: personName,
  email: emailAddress,
});

const membershipSchema = z.object({
  unitId: z.string({ required_error: "admin:errors.unitRequired" }).uuid("admin:errors.unitRequired"),
  role: z.enum(roles, { errorMap: () => ({ message: "admin:errors.roleRequired" }) }),
});

const NOTICES = [
  "created",
  "saved",
  "membershipAdded",
  "membershipRemoved",
  "deactivated",
  "reactivated",
  "passwordReset",
  "secondFactorReset",
] as const;

const resetSchema = z.object({ password: adminSetPassword });

/** The user named in the URL, if it is in the admin's municipality; anything else is a 404. */
async function loadTarget(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const admin = await requirePermission(args, "admin:users");
  const target = await getUserForAdmin({ municipalityId: admin.municipalityId, userId: args.params.userId ?? "" });
  if (!target) return recordNotFound(args, admin, "user", args.params.userId);
  await assertCan(args, admin, "user:manage", { type: "user", id: target.id, municipalityId: target.municipalityId });
  return { admin, target };
}

function isLastOwnAdminRole(
  admin: CurrentUser,
  target: { id: string; memberships: { id: string; role: string }[] },
  membershipId: string,
) {
  if (admin.id !== target.id) return false;
  const admins = target.memberships.filter((m) => m.role === "admin");
  return admins.length === 1 && admins[0].id === membershipId;
}

export async function loader(args: LoaderFunctionArgs) {
  const { admin, target } = await loadTarget(args);
  await audit({
    action: "read",
    user: admin,
    recordType: "user",
    recordId: target.id,
    requestId: args.context.requestId,
  });
  const units = await listActiveUnitOptions({ municipalityId: admin.municipalityId });
  return {
    user: {
      id: target.id,
      name: target.name,
      email: target.email,
      active: target.active,
      createdAt: target.createdAt.toISOString(),
      deactivatedAt: target.deactivatedAt?.toISOString() ?? null,
      secondFactor: !!target.totpEnabledAt,
      memberships: target.memberships.map((m) => ({
        id: m.id,
        unitId: m.unitId,
        unitName: m.unitName,
        unitKind: m.unitKind,
        unitActive: m.unitActive,
        role: m.role,
        removable: !isLastOwnAdminRole(admin, target, m.id),
      })),
    },
    isSelf: admin.id === target.id,
    units,
  };
}

type ActionData =
  | { intent: "profile"; result: SubmissionResult<string[]> }
  | { intent: "reset-password"; result: SubmissionResult<string[]> }
  | { intent: "add-membership"; result: SubmissionResult<string[]> }
  | { intent: "account"; error: string };

export async function action(args: ActionFunctionArgs): Promise<ActionData | Response> {
  const { admin, target } = await loadTarget(args);
  const formData = await readForm(args.request);
  const intent = formData.get("intent");
  const requestId = args.context.requestId;
  const municipalityId = admin.municipalityId;
  const back = (notice: (typeof NOTICES)[number]) => redirect(`/admin/users/${target.id}?notice=${notice}`);

  if (intent === "profile") {
    const submission = parseWithZod(formData, { schema: profileSchema });
    if (submission.status !== "success") return { intent, result: submission.reply() };
    const result = await updateUserProfile({ municipalityId, userId: target.id, ...submission.value });
    if (!result.ok) {
      if (result.error === "notFound") throw notFound();
      return { intent, result: submission.reply({ fieldErrors: { email: ["admin:errors.emailTaken"] } }) };
    }
    if (result.changed.length) {
      await audit({
        action: "update",
        user: admin,
        recordType: "user",
        recordId: target.id,
        requestId,
        details: { fields: result.changed },
      });
    }
    return back("saved");
  }

  if (intent === "add-membership") {
    const submission = parseWithZod(formData, { schema: membershipSchema });
    if (submission.status !== "success") return { intent, result: submission.reply() };
    const result = await addMembership({ municipalityId, userId: target.id, ...submission.value });
    if (!result.ok) {
      const reply =
        result.error === "duplicate"
          ? submission.reply({ formErrors: ["admin:errors.membershipExists"] })
          : submission.reply({ fieldErrors: { unitId: ["admin:errors.unitRequired"] } });
      return { intent, result: reply };
    }
    await audit({
      action: "create",
      user: admin,
      recordType: "membership",
      recordId: result.membershipId,
      requestId,
      details: { userId: target.id, unitId: submission.value.unitId, role: submission.value.role },
    });
    return back("membershipAdded");
  }

  if (intent === "remove-membership") {
    const membershipId = String(formData.get("membershipId") ?? "");
    if (isLastOwnAdminRole(admin, target, membershipId))
      return { intent: "account", error: "admin:errors.cannotRemoveOwnAdmin" };
    const removed = await removeMembership({ municipalityId, userId: target.id, membershipId });
    if (!removed) throw notFound();
    await audit({
      action: "delete",
      user: admin,
      recordType: "membership",
      recordId: removed.id,
      requestId,
      details: { userId: target.id, unitId: removed.unitId, role: removed.role },
    });
    return back("membershipRemoved");
  }

  if (intent === "deactivate") {
    if (admin.id === target.id) return { intent: "account", error: "admin:errors.cannotDeactivateSelf" };
    await deactivateUser({ municipalityId, userId: target.id });
    await audit({
      action: "deactivate",
      user: admin,
      recordType: "user",
      recordId: target.id,
      requestId,
      details: { sessionsEnded: true },
    });
    return back("deactivated");
  }

  if (intent === "reset-password") {
    const submission = parseWithZod(formData, { schema: resetSchema });
    if (submission.status !== "success") return { intent, result: submission.reply({ hideFields: ["password"] }) };
    await resetPassword({ municipalityId, userId: target.id, hash: await hashPassword(submission.value.password) });
    await audit({
      action: "update",
      user: admin,
      recordType: "user",
      recordId: target.id,
      requestId,
      details: { field: "password", reset: true, sessionsEnded: true },
    });
    return back("passwordReset");
  }

  if (intent === "reset-second-factor") {
    await resetSecondFactor({ municipalityId, userId: target.id });
    await audit({
      action: "second_factor.removed",
      user: admin,
      recordType: "user",
      recordId: target.id,
      requestId,
      details: { reset: true, sessionsEnded: true },
    });
    return back("secondFactorReset");
  }

  if (intent === "reactivate") {
    if (await reactivateUser({ municipalityId, userId: target.id })) {
      await audit({
        action: "update",
        user: admin,
        recordType: "user",
        recordId: target.id,
        requestId,
        details: { active: true },
      });
    }
    return back("reactivated");
  }

  throw new Response(null, { status: 400, statusText: "Bad Request" });
}

export default function AdminUser() {
  const { t, i18n } = useTranslation("admin");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const { user } = data;

  const [profileForm, profileFields] = useValidatedForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : undefined,
    defaultValue: { name: user.name, email: user.email },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(profileSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });
  const [resetForm, resetFields] = useValidatedForm({
    id: "reset-password",
    lastResult: actionData?.intent === "reset-password" ? actionData.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(resetSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetSchema }),
  });
  const [membershipForm, membershipFields] = useValidatedForm({
    id: "add-membership",
    lastResult: actionData?.intent === "add-membership" ? actionData.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(membershipSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: membershipSchema }),
  });
  const accountError = actionData?.intent === "account" ? actionData.error : null;

  return (
    <>
      <p>
        <Link to="/admin/users">{t("user.back")}</Link>
      </p>
      <h1>{user.name}</h1>
      <p className="muted">
        {user.active
          ? t("status.active")
          : t("user.deactivatedAt", { date: formatDateTime(user.deactivatedAt ?? user.createdAt, locale) })}
        {" · "}
        {t("user.createdAt", { date: formatDateTime(user.createdAt, locale) })}
        {" · "}
        {user.secondFactor ? t("user.secondFactorOn") : t("user.secondFactorOff")}
      </p>
      {accountError ? (
        <p role="alert" className="alert alert--error">
          {t(accountError)}
        </p>
      ) : null}

      <section aria-labelledby="profile-heading" className="card">
        <h2 id="profile-heading">{t("user.profileHeading")}</h2>
        <Form method="post" {...getFormProps(profileForm)} className="stack narrow">
          <FormErrors id={profileForm.errorId} errors={profileForm.errors} />
          <Field label={t("fields.name")} field={profileFields.name} autoComplete="off" />
          <Field label={t("fields.email")} field={profileFields.email} type="email" autoComplete="off" />
          <button type="submit" name="intent" value="profile" className="button" disabled={busy}>
            {t("user.saveProfile")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="memberships-heading" className="card">
        <h2 id="memberships-heading">{t("user.membershipsHeading")}</h2>
        <p>{t("user.membershipsIntro")}</p>
        {user.memberships.length ? (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("user.membershipsCaption", { name: user.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("fields.unit")}</th>
                  <th scope="col">{t("fields.role")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("user.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {user.memberships.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/admin/units/${m.unitId}`}>{m.unitName}</Link>{" "}
                      <span className="muted">({t(`common:unitKinds.${m.unitKind}`)})</span>
                      {m.unitActive ? null : <span className="tag tag--inactive">{t("status.deactivated")}</span>}
                    </td>
                    <td>{t(`common:roles.${m.role}`)}</td>
                    <td>
                      {m.removable ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="membershipId" value={m.id} />
                          <button
                            type="submit"
                            name="intent"
                            value="remove-membership"
                            className="button button--secondary"
                            disabled={busy}
                          >
                            {t("user.removeMembership")}
                            <span className="visually-hidden">
                              {" "}
                              {t("users.roleAtUnit", { role: t(`common:roles.${m.role}`), unit: m.unitName })}
                            </span>
                          </button>
                        </Form>
                      ) : (
                        <span className="muted">{t("user.ownAdminRole")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="alert">{t("user.noMemberships")}</p>
        )}
        <h3 id="add-membership-heading">{t("user.addMembershipHeading")}</h3>
        <Form
          method="post"
          {...getFormProps(membershipForm)}
          aria-labelledby="add-membership-heading"
          className="stack narrow"
        >
          <FormErrors id={membershipForm.errorId} errors={membershipForm.errors} />
          <SelectField
            label={t("fields.unit")}
            field={membershipFields.unitId}
            placeholder={t("fields.choose")}
            options={data.units.map((u) => ({ value: u.id, label: `${u.name} (${t(`common:unitKinds.${u.kind}`)})` }))}
          />
          <SelectField
            label={t("fields.role")}
            field={membershipFields.role}
            placeholder={t("fields.choose")}
            options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
          />
          <button type="submit" name="intent" value="add-membership" className="button" disabled={busy}>
            {t("user.addMembership")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="credentials-heading" className="card">
        <h2 id="credentials-heading">{t("user.credentialsHeading")}</h2>
        <p>{t("user.resetPasswordIntro")}</p>
        <Form method="post" {...getFormProps(resetForm)} className="stack">
          <Field
            label={t("user.temporaryPassword")}
            hint={t("fields.passwordHint")}
            field={resetFields.password}
            type="password"
            autoComplete="new-password"
          />
          <button
            type="submit"
            name="intent"
            value="reset-password"
            className="button button--secondary"
            disabled={busy}
          >
            {t("user.resetPassword")}
          </button>
        </Form>
        {user.secondFactor ? (
          <Form method="post" className="stack">
            <p>{t("user.resetSecondFactorIntro")}</p>
            <button
              type="submit"
              name="intent"
              value="reset-second-factor"
              className="button button--secondary"
              disabled={busy}
            >
              {t("user.resetSecondFactor")}
            </button>
          </Form>
        ) : null}
      </section>

      <ActivationSection
        kind="user"
        name={user.name}
        active={user.active}
        blocked={data.isSelf ? t("user.cannotDeactivateSelf") : null}
        heading={t("user.accountHeading")}
        busy={busy}
      />
    </>
  );
}
