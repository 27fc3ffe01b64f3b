import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, useValidatedForm } from "~/components/forms";
import { type Reply, StepError } from "~/components/user-admin";
import { addMembershipSchema } from "~/domain/admin-schema";
import { roles, type Role, type UnitKind } from "~/domain/vocabulary";
import { formatDateTime, isLocale } from "~/lib/i18n";

interface Membership {
  id: string;
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  unitActive: boolean;
  role: Role;
  /** False for the admin's own last admin role. */
  removable: boolean;
}

/** The user's roles at units, each removable, and the form that adds one; both post to the memberships step. */
export function MembershipsSection({
  user,
  units,
  result,
  error,
  canChange,
}: {
  user: { id: string; name: string; memberships: Membership[] };
  /** False on one's own page: another administrator changes one's roles. */
  canChange: boolean;
  units: { id: string; name: string; kind: UnitKind }[];
  result?: Reply;
  error?: string | null;
}) {
  const { t } = useTranslation("admin");
  const busy = useNavigation().state === "submitting";
  const action = `/admin/users/${user.id}/memberships`;
  return (
    <section aria-labelledby="memberships-heading" className="card">
      <h2 id="memberships-heading">{t("user.membershipsHeading")}</h2>
      <p>{t("user.membershipsIntro")}</p>
      <StepError error={error} />
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
                      <Form method="post" action={action} className="inline-form">
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
      {canChange ? (
        <AddMembershipForm action={action} units={units} result={result} />
      ) : (
        <p className="alert">{t("user.ownRoles")}</p>
      )}
    </section>
  );
}

/** The form that adds a role at a unit. */
function AddMembershipForm({
  action,
  units,
  result,
}: {
  action: string;
  units: { id: string; name: string; kind: UnitKind }[];
  result?: Reply;
}) {
  const { t } = useTranslation("admin");
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useValidatedForm({
    id: "add-membership",
    lastResult: result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    constraint: getZodConstraint(addMembershipSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addMembershipSchema }),
  });
  return (
    <>
      <h3 id="add-membership-heading">{t("user.addMembershipHeading")}</h3>
      <Form
        method="post"
        action={action}
        {...getFormProps(form)}
        aria-labelledby="add-membership-heading"
        className="stack narrow"
      >
        <input type="hidden" name="intent" value="add-membership" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          label={t("fields.unit")}
          field={fields.unitId}
          placeholder={t("fields.choose")}
          options={units.map((u) => ({ value: u.id, label: `${u.name} (${t(`common:unitKinds.${u.kind}`)})` }))}
        />
        <SelectField
          label={t("fields.role")}
          field={fields.role}
          placeholder={t("fields.choose")}
          options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("user.addMembership")}
        </button>
      </Form>
    </>
  );
}

interface Proposal {
  id: string;
  kind: "grant_role" | "reset_password" | "reset_second_factor";
  unitName: string | null;
  role: Role | null;
  proposedByName: string;
  proposedAt: string;
  mayDecide: boolean;
  mayWithdraw: boolean;
}

/**
 * Changes to this user that wait for a second administrator: another approves or rejects each, its proposer may
 * withdraw it. Every button posts to the proposals step; without a proposal the section is not shown.
 */
export function ProposalsSection({
  user,
  proposals,
  error,
}: {
  user: { id: string; name: string };
  proposals: Proposal[];
  error?: string | null;
}) {
  const { t, i18n } = useTranslation("admin");
  const busy = useNavigation().state === "submitting";
  if (!proposals.length && !error) return null;
  const action = `/admin/users/${user.id}/proposals`;
  const locale = isLocale(i18n.language) ? i18n.language : "sv";
  const changeText = (p: Proposal) =>
    t(`proposals.${p.kind}`, { role: p.role ? t(`common:roles.${p.role}`) : "", unit: p.unitName ?? "" });
  const button = (p: Proposal, intent: "approve" | "reject" | "withdraw", style: string) => (
    <Form method="post" action={action} className="inline-form">
      <input type="hidden" name="proposalId" value={p.id} />
      <button
        type="submit"
        name="intent"
        value={intent}
        className={style ? `button ${style}` : "button"}
        disabled={busy}
      >
        {t(`proposals.${intent}`)}
        <span className="visually-hidden"> {changeText(p)}</span>
      </button>
    </Form>
  );
  return (
    <section aria-labelledby="proposals-heading" className="card">
      <h2 id="proposals-heading">{t("proposals.heading")}</h2>
      <p>{t("proposals.intro")}</p>
      <StepError error={error} />
      {proposals.length ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("proposals.caption", { name: user.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("proposals.change")}</th>
                <th scope="col">{t("proposals.proposedBy")}</th>
                <th scope="col">{t("proposals.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((p) => (
                <tr key={p.id}>
                  <td>{changeText(p)}</td>
                  <td>
                    {p.proposedByName} <span className="muted">{formatDateTime(p.proposedAt, locale)}</span>
                  </td>
                  <td>
                    {p.mayDecide ? (
                      <>
                        {button(p, "approve", "")} {button(p, "reject", "button--secondary")}
                      </>
                    ) : p.mayWithdraw ? (
                      <>
                        <span className="muted">{t("proposals.waiting")}</span>{" "}
                        {button(p, "withdraw", "button--secondary")}
                      </>
                    ) : (
                      <span className="muted">{t("proposals.waiting")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
