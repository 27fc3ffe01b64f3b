import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, FormErrors, SelectField, useValidatedForm } from "~/components/forms";
import { PageNotice } from "~/components/status-message";
import { groupRoleDecisionSchema, groupRoleSchema, identityProviderSchema } from "~/domain/admin-schema";
import { type Role, roles, socialServicesRoles } from "~/domain/vocabulary";
import { audit } from "~/lib/audit.server";
import { env } from "~/lib/env.server";
import { readForm } from "~/lib/form-data.server";
import { formatDateTime, pageTitle, type RouteTexts } from "~/lib/i18n";
import { useAppLocale } from "~/lib/use-locale";
import {
  approveGroupRole,
  identityProviderOf,
  listGroupRoles,
  proposeGroupRole,
  removeGroupRole,
  saveIdentityProvider,
} from "~/models/identity.server";
import { listUnits } from "~/models/unit.server";
import { requirePermission } from "~/server/auth.server";
import { CALLBACK_PATH } from "~/server/provider-sign-in.server";
import adminStyles from "~/styles/admin.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin:signIn.title");
export const handle: RouteTexts = { i18n: ["admin"] };

const ALWAYS_SECOND_FACTOR: readonly Role[] = [...socialServicesRoles, "admin"];

const NOTICES = ["providerSaved", "groupRoleAdded", "groupRoleProposed", "groupRoleApproved", "groupRoleRemoved"];

export async function loader(args: LoaderFunctionArgs) {
  const admin = await requirePermission(args, "admin:signIn");
  const { municipalityId } = admin;
  const [settings, groupRoles, units] = await Promise.all([
    identityProviderOf(municipalityId),
    listGroupRoles(municipalityId),
    listUnits({ municipalityId }),
  ]);
  await audit({
    action: "list",
    user: admin,
    recordType: "identity_group_role",
    details: { shown: groupRoles.length },
  });
  return {
    settings,
    groupRoles,
    units: units.filter((u) => u.active).map(({ id, name }) => ({ id, name })),
    adminId: admin.id,
    callbackUrl: `${env().publicUrl}${CALLBACK_PATH}`,
  };
}

const schema = z.discriminatedUnion("intent", [identityProviderSchema, groupRoleSchema]);

export async function action(args: ActionFunctionArgs) {
  const admin = await requirePermission(args, "admin:signIn");
  const formData = await readForm(args.request);
  const back = (notice: string) => redirect(`/admin/sign-in?notice=${notice}`);
  const intent = formData.get("intent");
  if (intent === "approveGroupRole" || intent === "removeGroupRole") {
    const decision = groupRoleDecisionSchema.safeParse(Object.fromEntries(formData));
    if (!decision.success) return { decisionError: "admin:errors.groupRoleGone" };
    const { groupRoleId } = decision.data;
    if (intent === "removeGroupRole") {
      return (await removeGroupRole(admin, groupRoleId))
        ? back("groupRoleRemoved")
        : { decisionError: "admin:errors.groupRoleGone" };
    }
    const approved = await approveGroupRole(admin, groupRoleId);
    if (approved === "approved") return back("groupRoleApproved");
    return {
      decisionError: approved === "own" ? "admin:errors.cannotDecideOwnProposal" : "admin:errors.groupRoleGone",
    };
  }
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return submission.reply();
  const value = submission.value;
  if (value.intent === "provider") {
    const { issuer, clientId, displayName, mfaAcrValues } = value;
    // The roles that always need it are not the municipality's to add or drop.
    const secondFactorRoles = (value.secondFactorRoles ?? []).filter((r) => !ALWAYS_SECOND_FACTOR.includes(r));
    const passwordSignIn = value.passwordSignIn === "yes";
    await saveIdentityProvider(
      {
        municipalityId: admin.municipalityId,
        issuer,
        clientId,
        displayName,
        passwordSignIn,
        mfaAcrValues,
        secondFactorRoles,
      },
      admin,
    );
    return back("providerSaved");
  }
  const added = await proposeGroupRole(admin, value);
  if (added.ok) return back(added.pending ? "groupRoleProposed" : "groupRoleAdded");
  return submission.reply({
    fieldErrors:
      added.error === "duplicate"
        ? { groupName: ["admin:errors.groupRoleTaken"] }
        : { unitId: ["admin:errors.unitRequired"] },
  });
}

export default function AdminSignIn() {
  const { t } = useTranslation("admin");
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = params.get("notice");
  const busy = useNavigation().state === "submitting";
  const locale = useAppLocale();
  const formReply = reply && "status" in reply ? reply : null;
  const replyIntent = formReply?.initialValue?.intent;
  const provider = data.settings?.provider;
  const [providerForm, providerFields] = useValidatedForm({
    id: "identity-provider",
    lastResult: replyIntent === "provider" ? formReply : null,
    defaultValue: provider
      ? {
          ...provider,
          passwordSignIn: provider.passwordSignIn ? "yes" : undefined,
          mfaAcrValues: provider.mfaAcrValues?.join(" "),
        }
      : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(identityProviderSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: identityProviderSchema }),
  });
  const [groupForm, groupFields] = useValidatedForm({
    id: "group-role",
    lastResult: replyIntent === "groupRole" ? formReply : null,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(groupRoleSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: groupRoleSchema }),
  });
  const decisionError = reply && "decisionError" in reply ? reply.decisionError : null;

  return (
    <>
      <h1>{t("signIn.title")}</h1>
      <PageNotice namespace="admin" notice={NOTICES.includes(notice ?? "") ? notice : null} />
      <p>{t("signIn.intro")}</p>

      <section aria-labelledby="provider-heading" className="card">
        <h2 id="provider-heading">{t("signIn.providerHeading")}</h2>
        <p>
          {t("signIn.callback")} <code>{data.callbackUrl}</code>
        </p>
        <p className={data.settings?.secretSet ? undefined : "alert alert--warning"}>
          {t(data.settings?.secretSet ? "signIn.secretSet" : "signIn.secretMissing", {
            variable: data.settings?.secretVariable,
          })}
        </p>
        <Form method="post" {...getFormProps(providerForm)} className="stack narrow">
          <input type="hidden" name="intent" value="provider" />
          <FormErrors id={providerForm.errorId} errors={providerForm.errors} />
          <Field label={t("signIn.issuer")} hint={t("signIn.issuerHint")} field={providerFields.issuer} />
          <Field label={t("signIn.clientId")} field={providerFields.clientId} autoComplete="off" />
          <Field
            label={t("signIn.displayName")}
            hint={t("signIn.displayNameHint")}
            field={providerFields.displayName}
          />
          <Field
            label={t("signIn.mfaAcrValues")}
            hint={t("signIn.mfaAcrValuesHint")}
            field={providerFields.mfaAcrValues}
            autoComplete="off"
          />
          <fieldset aria-describedby="second-factor-roles-hint">
            <legend>{t("signIn.secondFactorRoles")}</legend>
            <p id="second-factor-roles-hint" className="field__hint">
              {t("signIn.secondFactorRolesHint")}
            </p>
            {roles.map((r) => {
              const always = ALWAYS_SECOND_FACTOR.includes(r);
              return (
                <label key={r} className="choice">
                  <input
                    type="checkbox"
                    name="secondFactorRoles"
                    value={r}
                    disabled={always}
                    defaultChecked={always || !!provider?.secondFactorRoles?.includes(r)}
                  />{" "}
                  {t(`common:roles.${r}`)}
                </label>
              );
            })}
          </fieldset>
          <label className="choice">
            <input
              type="checkbox"
              name="passwordSignIn"
              value="yes"
              defaultChecked={provider?.passwordSignIn ?? true}
            />{" "}
            {t("signIn.passwordSignIn")}
          </label>
          <button type="submit" className="button" disabled={busy}>
            {t("signIn.saveProvider")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="groups-heading" className="card">
        <h2 id="groups-heading">{t("signIn.groupsHeading")}</h2>
        <p>{t("signIn.groupsIntro")}</p>
        {decisionError ? (
          <p role="alert" className="alert alert--error">
            {t(decisionError)}
          </p>
        ) : null}
        {data.groupRoles.length ? (
          <div className="table-scroll">
            <table>
              <caption>{t("signIn.groupsCaption", { count: data.groupRoles.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("signIn.group")}</th>
                  <th scope="col">{t("fields.unit")}</th>
                  <th scope="col">{t("fields.role")}</th>
                  <th scope="col">{t("users.status")}</th>
                  <th scope="col">{t("proposals.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {data.groupRoles.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <code>{m.groupName}</code>
                    </td>
                    <td>{m.unitName}</td>
                    <td>{t(`common:roles.${m.role}`)}</td>
                    <td>
                      {m.approvedAt
                        ? t("signIn.active", { date: formatDateTime(m.approvedAt, locale) })
                        : t("signIn.pending", { name: m.proposedByName })}
                    </td>
                    <td>
                      <Form method="post" className="inline-actions">
                        <input type="hidden" name="groupRoleId" value={m.id} />
                        {!m.approvedAt && m.proposedById !== data.adminId ? (
                          <button
                            type="submit"
                            name="intent"
                            value="approveGroupRole"
                            className="button"
                            disabled={busy}
                          >
                            {t("signIn.approve")}
                          </button>
                        ) : null}
                        <button
                          type="submit"
                          name="intent"
                          value="removeGroupRole"
                          className="button button--secondary"
                          disabled={busy}
                        >
                          {t("signIn.remove")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("signIn.groupsEmpty")}</p>
        )}
        <h3>{t("signIn.addGroupHeading")}</h3>
        <Form method="post" {...getFormProps(groupForm)} className="stack narrow">
          <input type="hidden" name="intent" value="groupRole" />
          <FormErrors id={groupForm.errorId} errors={groupForm.errors} />
          <Field
            label={t("signIn.group")}
            hint={t("signIn.groupHint")}
            field={groupFields.groupName}
            autoComplete="off"
          />
          <SelectField
            label={t("fields.unit")}
            field={groupFields.unitId}
            placeholder={t("fields.choose")}
            options={data.units.map((u) => ({ value: u.id, label: u.name }))}
          />
          <SelectField
            label={t("fields.role")}
            field={groupFields.role}
            placeholder={t("fields.choose")}
            options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("signIn.addGroup")}
          </button>
        </Form>
      </section>
    </>
  );
}
