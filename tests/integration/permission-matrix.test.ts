import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditEvents } from "#db/schema";
import { roles, type Role } from "#db/schema";
import { createSteeringMeeting } from "~/models/steering-log.server";
import { getCurrentUser } from "~/models/user.server";
import { sessionCookieFor } from "../factories";
import { createRouteFixture, REVIEW_MONTH, type RouteFixture as Fixture } from "../route-fixture";
import { callRoute } from "../routes";

type Who = Role | "anonymous";
type Expected = 200 | 302 | 400 | 403 | 404;

interface Case {
  path: (f: Fixture, who: Who) => string;
  params?: (f: Fixture, who: Who) => Record<string, string>;
  method?: "GET" | "POST";
  form?: Record<string, string> | ((f: Fixture, who: Who) => Record<string, string>);
  /** For cases that end the session: use a session of its own, not the one the other cases share. */
  ownSession?: boolean;
  expect: Record<Who, Expected>;
}

const everyone = (status: Expected): Record<Who, Expected> =>
  Object.fromEntries([...roles, "anonymous"].map((r) => [r, status])) as Record<Who, Expected>;
const signedIn = (status: Expected): Record<Who, Expected> => ({ ...everyone(status), anonymous: 302 });
const adminOnly: Record<Who, Expected> = { ...everyone(403), admin: 200, anonymous: 302 };
const coordinatorOnly: Record<Who, Expected> = { ...everyone(403), coordinator: 200, anonymous: 302 };
const reporters = (status: Expected): Record<Who, Expected> => ({
  ...everyone(403),
  staff: status,
  principal: status,
  anonymous: 302,
});
/** Reception: its workers and their leads, who do what reception workers do. */
const reception = (status: Expected) => ({ reception_worker: status, reception_lead: status });
const socialServices = (status: Expected): Record<Who, Expected> => ({
  ...everyone(403),
  ...reception(status),
  investigator: status,
  anonymous: 302,
});
const receptionOnly: Record<Who, Expected> = { ...everyone(403), ...reception(200), anonymous: 302 };
const leadsOnly: Record<Who, Expected> = { ...everyone(403), reception_lead: 200, anonymous: 302 };
const trainingReaders = (status: Expected): Record<Who, Expected> => ({
  ...reportReaders(status, status),
  coordinator: status,
});
const statsReaders: Record<Who, Expected> = {
  ...everyone(403),
  steering: 200,
  coordinator: 200,
  ...reception(200),
  admin: 200,
  anonymous: 302,
};
const steeringReaders: Record<Who, Expected> = {
  ...everyone(403),
  steering: 200,
  coordinator: 200,
  admin: 200,
  anonymous: 302,
};
const steeringWriters = (status: Expected): Record<Who, Expected> => ({
  ...everyone(403),
  steering: status,
  coordinator: status,
  anonymous: 302,
});
/** A steering-group meeting in each municipality, made below (the shared route fixture has none). */
const steeringLog = { meeting: "", otherMeeting: "" };
const principalOnly = (status: Expected): Record<Who, Expected> => ({
  ...everyone(403),
  principal: status,
  anonymous: 302,
});
const coverageReaders: Record<Who, Expected> = { ...everyone(403), coordinator: 200, principal: 200, anonymous: 302 };
const reportReaders = (reporter: Expected, social: Expected): Record<Who, Expected> => ({
  ...socialServices(social),
  staff: reporter,
  principal: reporter,
});

/**
 * Every route file × every role (and anonymous) × the status the browser gets. A route file without an entry
 * here fails the first test, so a new route cannot ship without deciding who may use it.
 */
const matrix: Record<string, Case[]> = {
  "_index.tsx": [{ path: () => "/", expect: signedIn(200) }],
  "$.tsx": [{ path: () => "/no-such-page", params: () => ({ "*": "no-such-page" }), expect: everyone(404) }],
  "accessibility.tsx": [{ path: () => "/accessibility", expect: everyone(200) }],
  "bench.bare.tsx": [{ path: () => "/bench/bare", expect: signedIn(200) }],
  "healthz.ts": [{ path: () => "/healthz", expect: everyone(200) }],
  "login.tsx": [
    { path: () => "/login", expect: { ...everyone(302), anonymous: 200 } },
    // An empty form: field errors for everyone, nobody signed in.
    { method: "POST", form: {}, path: () => "/login", expect: everyone(200) },
  ],
  "login_.code.tsx": [
    { path: () => "/login/code", expect: everyone(302) },
    // Only a session waiting for its second factor may post a code.
    { method: "POST", form: { code: "123456" }, path: () => "/login/code", expect: everyone(302) },
  ],
  "login_.confirm.tsx": [
    // The step-up (app/lib/step-up.server.ts): anyone signed in; without a second factor the form says so.
    { path: () => "/login/confirm?redirectTo=/reports&reason=report", expect: signedIn(200) },
    { method: "POST", form: { code: "123456" }, path: () => "/login/confirm", expect: signedIn(200) },
  ],
  // Sign-in through the municipality's provider: the login page's link and the provider's answer, both end in a
  // redirect (with no provider configured, back to the login page with a message).
  "login_.oidc.tsx": [{ path: () => "/login/oidc?municipality=x", expect: everyone(302) }],
  "login_.oidc.callback.tsx": [{ path: () => "/login/oidc/callback?code=x&state=y", expect: everyone(302) }],
  // The provider's back-channel logout, server to server: only a logout token it signed counts, whoever posts it.
  "login_.oidc.backchannel.ts": [
    { method: "POST", form: { logout_token: "x" }, path: () => "/login/oidc/backchannel", expect: everyone(400) },
  ],
  "logout.tsx": [
    { path: () => "/logout", expect: everyone(302) },
    { method: "POST", form: {}, path: () => "/logout", ownSession: true, expect: everyone(302) },
  ],
  "language.tsx": [
    { path: () => "/language", expect: everyone(302) },
    { method: "POST", form: { locale: "sv", returnTo: "/" }, path: () => "/language", expect: everyone(302) },
  ],
  "settings.tsx": [
    { path: () => "/settings", expect: signedIn(200) },
    { method: "POST", form: { intent: "unknown" }, path: () => "/settings", expect: signedIn(400) },
  ],
  "inbox._index.tsx": [{ path: () => "/inbox", expect: signedIn(200) }],
  "inbox.$messageId.tsx": [
    {
      // Your own message.
      path: (f, who) => `/inbox/${who === "anonymous" ? f.messageOf.staff : f.messageOf[who]}`,
      params: (f, who) => ({ messageId: who === "anonymous" ? f.messageOf.staff : f.messageOf[who] }),
      expect: signedIn(200),
    },
    {
      // A colleague's message in the same municipality: it does not exist for you.
      path: (f) => `/inbox/${f.messageOf.principal}`,
      params: (f) => ({ messageId: f.messageOf.principal }),
      expect: { ...signedIn(404), principal: 200 },
    },
    {
      // Another municipality's message.
      path: (f) => `/inbox/${f.otherMessage}`,
      params: (f) => ({ messageId: f.otherMessage }),
      expect: signedIn(404),
    },
    {
      // Marking a colleague's message read is refused the same way.
      method: "POST",
      form: { intent: "markRead" },
      path: (f) => `/inbox/${f.messageOf.principal}`,
      params: (f) => ({ messageId: f.messageOf.principal }),
      expect: { ...signedIn(404), principal: 302 },
    },
  ],
  "admin.users._index.tsx": [
    { path: () => "/admin/users", expect: adminOnly },
    { method: "POST", form: { q: "test" }, path: () => "/admin/users", expect: adminOnly },
  ],
  "admin.users.new.tsx": [
    { path: () => "/admin/users/new", expect: adminOnly },
    { method: "POST", form: {}, path: () => "/admin/users/new", expect: adminOnly },
  ],
  "admin.users.$userId.tsx": [
    {
      path: (f) => `/admin/users/${f.world.user.staff.id}`,
      params: (f) => ({ userId: f.world.user.staff.id }),
      expect: adminOnly,
    },
    {
      path: (f) => `/admin/users/${f.other.user.staff.id}`,
      params: (f) => ({ userId: f.other.user.staff.id }),
      expect: { ...adminOnly, admin: 404 },
    },
  ],
  // The user page's step routes (its forms post there): a refused form in the admin's municipality, a 404 outside.
  ...Object.fromEntries(
    (
      [
        ["profile", { intent: "profile" }, "staff"],
        ["memberships", { intent: "add-membership" }, "staff"],
        ["credentials", { intent: "reset-password" }, "staff"],
        // Refused: an admin may not deactivate themselves (a colleague deactivated would stay so for other cases).
        ["account", { intent: "deactivate" }, "admin"],
      ] as const
    ).map(([step, form, target]): [string, Case[]] => [
      `admin.users.$userId.${step}.tsx`,
      [
        {
          method: "POST",
          form,
          path: (f) => `/admin/users/${f.world.user[target].id}/${step}`,
          params: (f) => ({ userId: f.world.user[target].id }),
          expect: adminOnly,
        },
        {
          method: "POST",
          form,
          path: (f) => `/admin/users/${f.other.user.staff.id}/${step}`,
          params: (f) => ({ userId: f.other.user.staff.id }),
          expect: { ...adminOnly, admin: 404 },
        },
      ],
    ]),
  ),
  // A change that takes two administrators, decided on the user page: no such proposal is a 404 to the admin too.
  "admin.users.$userId.proposals.tsx": [
    {
      method: "POST",
      form: { intent: "approve", proposalId: "00000000-0000-4000-8000-000000000022" },
      path: (f) => `/admin/users/${f.world.user.staff.id}/proposals`,
      params: (f) => ({ userId: f.world.user.staff.id }),
      expect: { ...adminOnly, admin: 404 },
    },
    {
      method: "POST",
      form: { intent: "approve", proposalId: "00000000-0000-4000-8000-000000000022" },
      path: (f) => `/admin/users/${f.other.user.staff.id}/proposals`,
      params: (f) => ({ userId: f.other.user.staff.id }),
      expect: { ...adminOnly, admin: 404 },
    },
  ],
  "admin.sign-in.tsx": [
    { path: () => "/admin/sign-in", expect: adminOnly },
    { method: "POST", form: {}, path: () => "/admin/sign-in", expect: adminOnly },
  ],
  "admin.units._index.tsx": [
    { path: () => "/admin/units", expect: adminOnly },
    { method: "POST", form: {}, path: () => "/admin/units", expect: adminOnly },
  ],
  "admin.units.$unitId.tsx": [
    {
      path: (f) => `/admin/units/${f.world.unit.school.id}`,
      params: (f) => ({ unitId: f.world.unit.school.id }),
      expect: adminOnly,
    },
    {
      path: (f) => `/admin/units/${f.other.unit.school.id}`,
      params: (f) => ({ unitId: f.other.unit.school.id }),
      expect: { ...adminOnly, admin: 404 },
    },
    {
      method: "POST",
      form: { intent: "edit" },
      path: (f) => `/admin/units/${f.world.unit.school.id}`,
      params: (f) => ({ unitId: f.world.unit.school.id }),
      expect: adminOnly,
    },
    {
      method: "POST",
      form: { intent: "deactivate" },
      path: (f) => `/admin/units/${f.other.unit.school.id}`,
      params: (f) => ({ unitId: f.other.unit.school.id }),
      expect: { ...adminOnly, admin: 404 },
    },
  ],
  // The audit log has a reader who is not an administrator (issue 22).
  "admin.audit.tsx": [{ path: () => "/admin/audit", expect: { ...adminOnly, security_reviewer: 200 } }],
  "reports._index.tsx": [{ path: () => "/reports", expect: reportReaders(200, 200) }],
  // The reception leads' queue of "not opened" proposals waiting for a second look.
  "reports.review.tsx": [{ path: () => "/reports/review", expect: leadsOnly }],
  "reports.new.tsx": [
    // A plain address is sent on to one carrying a new draft id; the form itself is at that address.
    { path: () => "/reports/new", expect: reporters(302) },
    { path: () => `/reports/new?draft=${randomUUID()}`, expect: reporters(200) },
    // Saving a draft of one's own: a fresh draft id per caller.
    {
      method: "POST",
      form: () => ({ draftId: randomUUID(), intent: "save", childName: "X" }),
      path: () => "/reports/new",
      expect: reporters(302),
    },
  ],
  "reports.register.tsx": [
    { path: () => "/reports/register", expect: receptionOnly },
    {
      method: "POST",
      form: {},
      path: () => "/reports/register",
      expect: receptionOnly,
    },
  ],
  "reports.$reportId.tsx": [
    { path: (f) => `/reports/${f.report}`, params: (f) => ({ reportId: f.report }), expect: reportReaders(200, 200) },
    // Another unit's report: the staff member and the principal of the school do not see it exists.
    {
      path: (f) => `/reports/${f.preschoolReport}`,
      params: (f) => ({ reportId: f.preschoolReport }),
      expect: reportReaders(404, 200),
    },
    {
      path: (f) => `/reports/${f.otherReport}`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  // The page's case (or the reporter's view) at its own address; the page's loader above guards it.
  "reports.$reportId._index.tsx": [],
  // The page's forms, each answered by a step route with its own guard.
  "reports.$reportId.notes.tsx": [
    {
      method: "POST",
      form: () => ({ intent: "note", text: "Intern anteckning", submissionKey: randomUUID() }),
      path: (f) => `/reports/${f.report}/notes`,
      params: (f) => ({ reportId: f.report }),
      expect: reportReaders(403, 302),
    },
    {
      // Another municipality's report does not exist for anyone here.
      method: "POST",
      form: () => ({ intent: "note", text: "Intern anteckning", submissionKey: randomUUID() }),
      path: (f) => `/reports/${f.otherReport}/notes`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  "reports.$reportId.supplements.tsx": [
    {
      method: "POST",
      form: () => ({ intent: "supplement", text: "Komplettering", submissionKey: randomUUID() }),
      path: (f) => `/reports/${f.report}/supplements`,
      params: (f) => ({ reportId: f.report }),
      expect: reportReaders(302, 403),
    },
    {
      // Another unit's report: its reporters do not see it exists; social services may not supplement it.
      method: "POST",
      form: () => ({ intent: "supplement", text: "Komplettering", submissionKey: randomUUID() }),
      path: (f) => `/reports/${f.preschoolReport}/supplements`,
      params: (f) => ({ reportId: f.preschoolReport }),
      expect: reportReaders(404, 403),
    },
    {
      // Another municipality's report does not exist for anyone here.
      method: "POST",
      form: () => ({ intent: "supplement", text: "Komplettering", submissionKey: randomUUID() }),
      path: (f) => `/reports/${f.otherReport}/supplements`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  "reports.$reportId.steps.tsx": [
    {
      // An outcome not on the list: the form's error for social services, nothing recorded.
      method: "POST",
      form: { intent: "assess", outcome: "maybe" },
      path: (f) => `/reports/${f.report}/steps`,
      params: (f) => ({ reportId: f.report }),
      expect: reportReaders(403, 200),
    },
    {
      // Another municipality's report does not exist for anyone here.
      method: "POST",
      form: { intent: "assess", outcome: "maybe" },
      path: (f) => `/reports/${f.otherReport}/steps`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  "reports.$reportId.questions.tsx": [
    {
      // A question without its text: the form's error for social services, nothing asked.
      method: "POST",
      form: () => ({ intent: "requestSupplement", question: "", submissionKey: randomUUID() }),
      path: (f) => `/reports/${f.report}/questions`,
      params: (f) => ({ reportId: f.report }),
      expect: reportReaders(403, 200),
    },
    {
      // Another municipality's report does not exist for anyone here.
      method: "POST",
      form: () => ({ intent: "requestSupplement", question: "", submissionKey: randomUUID() }),
      path: (f) => `/reports/${f.otherReport}/questions`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  "reports.$reportId.meetings.tsx": [
    {
      // Recording why no meeting is offered: reception only (investigators process reports but hold no meetings). The
      // report has a meeting scheduled, so reception gets the form's refusal (a 200), not a 403.
      method: "POST",
      form: { intent: "noMeeting", reason: "violence_suspected" },
      path: (f) => `/reports/${f.report}/meetings`,
      params: (f) => ({ reportId: f.report }),
      expect: { ...reportReaders(403, 403), ...reception(200) },
    },
    {
      // Another municipality's report does not exist for anyone here.
      method: "POST",
      form: { intent: "noMeeting", reason: "violence_suspected" },
      path: (f) => `/reports/${f.otherReport}/meetings`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  "reports.$reportId.links.tsx": [
    {
      // Linking by a reference no report has: the form's error for social services (report:history), nothing linked.
      method: "POST",
      form: { intent: "link", reference: "ORO-1999-9999" },
      path: (f) => `/reports/${f.report}/links`,
      params: (f) => ({ reportId: f.report }),
      expect: reportReaders(403, 200),
    },
    {
      // Another municipality's report does not exist for anyone here.
      method: "POST",
      form: { intent: "link", reference: "ORO-1999-9999" },
      path: (f) => `/reports/${f.otherReport}/links`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  "reports.$reportId.kinds.tsx": [
    {
      // No kind ticked: the form's error for social services, nothing set; school staff may not set kinds at all.
      method: "POST",
      form: { intent: "kinds" },
      path: (f) => `/reports/${f.report}/kinds`,
      params: (f) => ({ reportId: f.report }),
      expect: reportReaders(403, 200),
    },
    {
      // Another municipality's report does not exist for anyone here.
      method: "POST",
      form: { intent: "kinds" },
      path: (f) => `/reports/${f.otherReport}/kinds`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  "reports.$reportId.threat.tsx": [
    {
      // A flag value the page never sends: the form's error for social services, nothing changed; the school may not
      // set or clear the threat flag at all.
      method: "POST",
      form: { intent: "threat", flagged: "maybe" },
      path: (f) => `/reports/${f.report}/threat`,
      params: (f) => ({ reportId: f.report }),
      expect: reportReaders(403, 200),
    },
    {
      // Another municipality's report does not exist for anyone here.
      method: "POST",
      form: { intent: "threat", flagged: "yes" },
      path: (f) => `/reports/${f.otherReport}/threat`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  "reports.$reportId.investigation.tsx": [
    {
      // Ending an investigation with an outcome the page never sends: the form's error for social services, nothing
      // changed; the school may not record the investigation at all.
      method: "POST",
      form: { intent: "investigationEnd", endedOn: "2026-01-01", outcome: "maybe" },
      path: (f) => `/reports/${f.report}/investigation`,
      params: (f) => ({ reportId: f.report }),
      expect: reportReaders(403, 200),
    },
    {
      // Another municipality's report does not exist for anyone here.
      method: "POST",
      form: { intent: "investigationEnd", endedOn: "2026-01-01", outcome: "other" },
      path: (f) => `/reports/${f.otherReport}/investigation`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  "reports.$reportId.review.tsx": [
    {
      // Approving a proposal the report does not have: the form's refusal for a lead; nobody else takes second looks.
      method: "POST",
      form: () => ({ intent: "approve", proposalId: randomUUID(), comment: "" }),
      path: (f) => `/reports/${f.report}/review`,
      params: (f) => ({ reportId: f.report }),
      expect: { ...reportReaders(403, 403), reception_lead: 200 },
    },
    {
      // Another municipality's report does not exist for anyone here.
      method: "POST",
      form: () => ({ intent: "approve", proposalId: randomUUID(), comment: "" }),
      path: (f) => `/reports/${f.otherReport}/review`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  "reports.$reportId_.receipt.tsx": [
    {
      path: (f) => `/reports/${f.report}/receipt`,
      params: (f) => ({ reportId: f.report }),
      expect: reportReaders(200, 200),
    },
    {
      path: (f) => `/reports/${f.otherReport}/receipt`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  "reports.$reportId_.guardian-consent.tsx": [
    {
      // The school on the report records the guardians' answer; reception confirms it; the investigator does neither.
      path: (f) => `/reports/${f.report}/guardian-consent`,
      params: (f) => ({ reportId: f.report }),
      expect: { ...reportReaders(200, 403), ...reception(200) },
    },
    {
      method: "POST",
      form: () => ({
        intent: "record",
        askedOn: "2026-03-02",
        giver: "guardian",
        givenBy: "Anna Andersson, mamma",
        answer: "yes",
        infoKinds: "school_support",
        form: "oral",
        submissionKey: randomUUID(),
      }),
      path: (f) => `/reports/${f.report}/guardian-consent`,
      params: (f) => ({ reportId: f.report }),
      expect: reportReaders(302, 403),
    },
    {
      path: (f) => `/reports/${f.preschoolReport}/guardian-consent`,
      params: (f) => ({ reportId: f.preschoolReport }),
      expect: { ...reportReaders(404, 403), ...reception(200) },
    },
    {
      path: (f) => `/reports/${f.otherReport}/guardian-consent`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  "reports.$reportId_.survey.tsx": [
    {
      // Whoever may read the report reaches the page; it says the survey is not theirs (the fixture's is undecided).
      path: (f) => `/reports/${f.report}/survey`,
      params: (f) => ({ reportId: f.report }),
      expect: reportReaders(200, 200),
    },
    {
      method: "POST",
      form: { timely: "yes", meetingUseful: "yes", callAgain: "yes" },
      path: (f) => `/reports/${f.report}/survey`,
      params: (f) => ({ reportId: f.report }),
      expect: reportReaders(200, 200),
    },
    {
      method: "POST",
      form: { timely: "yes", meetingUseful: "yes", callAgain: "yes" },
      path: (f) => `/reports/${f.otherReport}/survey`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: reportReaders(404, 404),
    },
  ],
  // Demo mode (as in the tests): any signed-in user; a 404 outside demo mode (tests/integration/outbox.test.ts).
  "meetings._index.tsx": [{ path: () => "/meetings?week=2026-03-25", expect: receptionOnly }],
  "invitations._index.tsx": [{ path: () => "/invitations", expect: reporters(200) }],
  "invitations.$invitationId.tsx": [
    // Only the invitee has it; for every other role it does not exist (or the role may not answer invitations).
    {
      path: (f) => `/invitations/${f.invitation}`,
      params: (f) => ({ invitationId: f.invitation }),
      expect: { ...reporters(404), staff: 200 },
    },
    {
      method: "POST",
      form: { intent: "declined", reason: "" },
      path: (f) => `/invitations/${f.invitation}`,
      params: (f) => ({ invitationId: f.invitation }),
      expect: { ...reporters(404), staff: 200 },
    },
  ],
  "invitations.$invitationId.calendar[.ics].ts": [
    {
      path: (f) => `/invitations/${f.invitation}/calendar.ics`,
      params: (f) => ({ invitationId: f.invitation }),
      expect: { ...reporters(404), staff: 200 },
    },
  ],
  "feedback._index.tsx": [
    { path: () => "/feedback", expect: receptionOnly },
    // An unknown task: reception is sent back to the list, everyone else is refused before anything is read.
    {
      method: "POST",
      form: () => ({ feedbackId: randomUUID(), channel: "phone", date: "2026-01-05" }),
      path: () => "/feedback",
      expect: { ...receptionOnly, ...reception(302) },
    },
  ],
  "feedback.$feedbackId.tsx": [
    // Only the addressed recipient reads it; for the other reporters it does not exist.
    {
      path: (f) => `/feedback/${f.feedback}`,
      params: (f) => ({ feedbackId: f.feedback }),
      expect: { ...reporters(404), staff: 200 },
    },
  ],
  "feedback.texts.tsx": [
    { path: () => "/feedback/texts", expect: coordinatorOnly },
    {
      method: "POST",
      form: { intent: "settings", responseDays: "0" },
      path: () => "/feedback/texts",
      expect: coordinatorOnly,
    },
  ],
  "reports.$reportId_.feedback.tsx": [
    {
      path: (f) => `/reports/${f.report}/feedback`,
      params: (f) => ({ reportId: f.report }),
      expect: socialServices(200),
    },
    {
      path: (f) => `/reports/${f.otherReport}/feedback`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: socialServices(404),
    },
  ],
  // The page's forms, as it renders them at its own address; the page's loader above guards it.
  "reports.$reportId_.feedback._index.tsx": [],
  "reports.$reportId_.feedback.consents.tsx": [
    {
      // Withdrawing an unknown consent: reception gets the form's error, the investigator may not manage consents.
      method: "POST",
      form: () => ({ intent: "withdraw", consentId: randomUUID() }),
      path: (f) => `/reports/${f.report}/feedback/consents`,
      params: (f) => ({ reportId: f.report }),
      expect: { ...socialServices(403), ...reception(200) },
    },
    {
      // Another municipality's report does not exist for anyone here.
      method: "POST",
      form: () => ({ intent: "withdraw", consentId: randomUUID() }),
      path: (f) => `/reports/${f.otherReport}/feedback/consents`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: socialServices(404),
    },
  ],
  "reports.$reportId_.feedback.extended.tsx": [
    {
      // Extended feedback without its text: the form's error for social services, nothing sent.
      method: "POST",
      form: (f) => ({
        intent: "send",
        recipientId: f.world.user.staff.id,
        kind: "school_support",
        body: "",
        submissionKey: randomUUID(),
      }),
      path: (f) => `/reports/${f.report}/feedback/extended`,
      params: (f) => ({ reportId: f.report }),
      expect: socialServices(200),
    },
    {
      method: "POST",
      form: (f) => ({
        intent: "send",
        recipientId: f.other.user.staff.id,
        kind: "school_support",
        body: "Text",
        submissionKey: randomUUID(),
      }),
      path: (f) => `/reports/${f.otherReport}/feedback/extended`,
      params: (f) => ({ reportId: f.otherReport }),
      expect: socialServices(404),
    },
  ],
  "trainings._index.tsx": [{ path: () => "/trainings?view=list&audience=all", expect: trainingReaders(200) }],
  "trainings.$trainingId.tsx": [
    {
      path: (f) => `/trainings/${f.training}`,
      params: (f) => ({ trainingId: f.training }),
      expect: trainingReaders(200),
    },
    // A draft exists only for coordinators; another municipality's training for nobody.
    {
      path: (f) => `/trainings/${f.draftTraining}`,
      params: (f) => ({ trainingId: f.draftTraining }),
      expect: { ...trainingReaders(404), coordinator: 200 },
    },
    {
      path: (f) => `/trainings/${f.otherTraining}`,
      params: (f) => ({ trainingId: f.otherTraining }),
      expect: trainingReaders(404),
    },
    {
      // School staff are registered (and sent back to the page); social workers are not the audience; coordinators may not register.
      method: "POST",
      form: { intent: "register" },
      path: (f) => `/trainings/${f.training}`,
      params: (f) => ({ trainingId: f.training }),
      expect: { ...trainingReaders(200), staff: 302, principal: 302, coordinator: 403 },
    },
  ],
  "trainings.$trainingId.calendar[.ics].ts": [
    {
      path: (f) => `/trainings/${f.training}/calendar.ics`,
      params: (f) => ({ trainingId: f.training }),
      expect: trainingReaders(200),
    },
  ],
  "trainings.manage._index.tsx": [{ path: () => "/trainings/manage", expect: coordinatorOnly }],
  "trainings.manage.new.tsx": [
    { path: () => "/trainings/manage/new", expect: coordinatorOnly },
    { method: "POST", form: {}, path: () => "/trainings/manage/new", expect: coordinatorOnly },
  ],
  "trainings.manage.$trainingId.tsx": [
    {
      path: (f) => `/trainings/manage/${f.draftTraining}`,
      params: (f) => ({ trainingId: f.draftTraining }),
      expect: coordinatorOnly,
    },
    {
      path: (f) => `/trainings/manage/${f.otherTraining}`,
      params: (f) => ({ trainingId: f.otherTraining }),
      expect: { ...coordinatorOnly, coordinator: 404 },
    },
    {
      method: "POST",
      form: { intent: "attendance" },
      path: (f) => `/trainings/manage/${f.draftTraining}`,
      params: (f) => ({ trainingId: f.draftTraining }),
      expect: { ...coordinatorOnly, coordinator: 302 },
    },
  ],
  "trainings.coverage.tsx": [{ path: () => "/trainings/coverage", expect: coverageReaders }],
  "trainings.coverage[.csv].ts": [{ path: () => "/trainings/coverage.csv", expect: coverageReaders }],
  "trainings.coverage[.xlsx].ts": [{ path: () => "/trainings/coverage.xlsx", expect: coverageReaders }],
  "trainings.mine.tsx": [
    { path: () => "/trainings/mine", expect: reportReaders(200, 200) },
    { method: "POST", form: { intent: "revoke" }, path: () => "/trainings/mine", expect: reportReaders(200, 200) },
  ],
  // The feed has no session (calendar programs have none): an unknown token is a 404 for everyone.
  "calendar.$token[.ics].ts": [
    { path: () => "/calendar/garbage.ics", params: () => ({ token: "garbage" }), expect: everyone(404) },
  ],
  "stats._index.tsx": [{ path: () => "/stats?period=term&term=2026-ht", expect: statsReaders }],
  "stats[.csv].ts": [{ path: () => "/stats.csv?period=month&month=2026-03", expect: statsReaders }],
  "stats[.xlsx].ts": [{ path: () => "/stats.xlsx?period=month&month=2026-03", expect: statsReaders }],
  "stats.report.tsx": [{ path: () => "/stats/report?year=2025", expect: statsReaders }],
  "stats.units.tsx": [{ path: () => "/stats/units?period=term&term=2026-ht", expect: statsReaders }],
  // The quality review: coordinators and leads draw, social workers review what they are given, steering sees figures.
  "reviews._index.tsx": [
    {
      path: () => `/reviews?month=${REVIEW_MONTH}`,
      expect: { ...socialServices(200), coordinator: 200, steering: 200 },
    },
    {
      // A month that is not over: the form's error for those who draw, a 403 for everyone else.
      method: "POST",
      form: { intent: "draw", month: "2099-01" },
      path: () => "/reviews",
      expect: { ...everyone(403), coordinator: 200, reception_lead: 200, anonymous: 302 },
    },
    {
      // A deviation that does not exist (here): 404 for whoever may close deviations, steering may not.
      method: "POST",
      form: () => ({ intent: "close", deviationId: randomUUID(), note: "Åtgärdat." }),
      path: () => "/reviews",
      expect: { ...socialServices(404), coordinator: 404 },
    },
  ],
  "reviews.$caseId.tsx": [
    {
      // The investigator reviews it; for the other social workers it does not exist.
      path: (f) => `/reviews/${f.reviewCase}`,
      params: (f) => ({ caseId: f.reviewCase }),
      expect: { ...socialServices(404), investigator: 200 },
    },
    {
      path: (f) => `/reviews/${f.otherReviewCase}`,
      params: (f) => ({ caseId: f.otherReviewCase }),
      expect: socialServices(404),
    },
    {
      // Nothing answered: the form's errors for the reviewer, nothing saved.
      method: "POST",
      form: {},
      path: (f) => `/reviews/${f.reviewCase}`,
      params: (f) => ({ caseId: f.reviewCase }),
      expect: { ...socialServices(404), investigator: 200 },
    },
  ],
  // Deviations from the agreement: everyone signed in files one and follows their own; the coordinators handle them.
  // On a report, only whoever may read it: for anyone else the report does not exist here either.
  "deviations._index.tsx": [{ path: () => "/deviations?page=1", expect: signedIn(200) }],
  "deviations.new.tsx": [
    { path: () => "/deviations/new", expect: signedIn(200) },
    {
      path: (f) => `/deviations/new?report=${f.report}`,
      expect: { ...signedIn(404), staff: 200, principal: 200, ...reception(200), investigator: 200 },
    },
    { path: (f) => `/deviations/new?report=${f.otherReport}`, expect: signedIn(404) },
    {
      // In general, nothing filled in: the form's errors for everyone, nothing stored.
      method: "POST",
      form: () => ({ kind: "", description: "", submissionKey: randomUUID() }),
      path: () => "/deviations/new",
      expect: signedIn(200),
    },
    {
      // On another unit's report: a 404 before the form is read for the school, the form's errors for social services.
      method: "POST",
      form: (f) => ({ reportId: f.preschoolReport, kind: "", description: "", submissionKey: randomUUID() }),
      path: () => "/deviations/new",
      expect: { ...signedIn(404), ...reception(200), investigator: 200 },
    },
    {
      method: "POST",
      form: (f) => ({ reportId: f.otherReport, kind: "other", description: "Text", submissionKey: randomUUID() }),
      path: () => "/deviations/new",
      expect: signedIn(404),
    },
  ],
  "deviations.$deviationId.tsx": [
    {
      // The staff member's own; the coordinators handle it; for everyone else it does not exist.
      path: (f) => `/deviations/${f.deviation}`,
      params: (f) => ({ deviationId: f.deviation }),
      expect: { ...signedIn(404), staff: 200, coordinator: 200 },
    },
    {
      path: (f) => `/deviations/${f.otherDeviation}`,
      params: (f) => ({ deviationId: f.otherDeviation }),
      expect: signedIn(404),
    },
    {
      // A step without its note: the form's error for the coordinator, nothing recorded; nobody else takes steps.
      method: "POST",
      form: { intent: "step", step: "investigate", note: "" },
      path: (f) => `/deviations/${f.deviation}`,
      params: (f) => ({ deviationId: f.deviation }),
      expect: { ...signedIn(403), coordinator: 200 },
    },
    {
      method: "POST",
      form: { intent: "step", step: "investigate", note: "" },
      path: (f) => `/deviations/${f.otherDeviation}`,
      params: (f) => ({ deviationId: f.otherDeviation }),
      expect: { ...signedIn(403), coordinator: 404 },
    },
  ],
  // The steering group's log: the group and the coordinators write it, administrators read it.
  "steering._index.tsx": [{ path: () => "/steering", expect: steeringReaders }],
  "steering.new.tsx": [
    { path: () => "/steering/new", expect: steeringWriters(200) },
    {
      // Without a title: the form's error for those who write the log, nothing stored.
      method: "POST",
      form: () => ({ heldOn: "2026-03-10", title: "", submissionKey: randomUUID() }),
      path: () => "/steering/new",
      expect: steeringWriters(200),
    },
  ],
  "steering.$meetingId.tsx": [
    {
      path: () => `/steering/${steeringLog.meeting}`,
      params: () => ({ meetingId: steeringLog.meeting }),
      expect: steeringReaders,
    },
    {
      path: () => `/steering/${steeringLog.otherMeeting}`,
      params: () => ({ meetingId: steeringLog.otherMeeting }),
      expect: { ...signedIn(403), steering: 404, coordinator: 404, admin: 404 },
    },
    {
      method: "POST",
      form: () => ({ intent: "item", title: "", submissionKey: randomUUID() }),
      path: () => `/steering/${steeringLog.meeting}`,
      params: () => ({ meetingId: steeringLog.meeting }),
      expect: steeringWriters(200),
    },
    {
      method: "POST",
      form: () => ({ intent: "item", title: "", submissionKey: randomUUID() }),
      path: () => `/steering/${steeringLog.otherMeeting}`,
      params: () => ({ meetingId: steeringLog.otherMeeting }),
      expect: steeringWriters(404),
    },
  ],
  // Check-ins with units: the coordinators plan and record them; for anyone else the pages are closed. Another
  // municipality's check-in, or its unit named in the address, does not exist here.
  "check-ins._index.tsx": [
    { path: () => "/check-ins?page=1", expect: coordinatorOnly },
    { path: (f) => `/check-ins?unit=${f.world.unit.school.id}&reason=under_reporting`, expect: coordinatorOnly },
    { path: (f) => `/check-ins?unit=${f.other.unit.school.id}`, expect: { ...coordinatorOnly, coordinator: 404 } },
    {
      // Nothing filled in: the form's errors for the coordinator, nothing planned.
      method: "POST",
      form: () => ({ unitId: "", reason: "", plannedFor: "", submissionKey: randomUUID() }),
      path: () => "/check-ins",
      expect: coordinatorOnly,
    },
  ],
  "check-ins.$checkInId.tsx": [
    {
      path: (f) => `/check-ins/${f.checkIn}`,
      params: (f) => ({ checkInId: f.checkIn }),
      expect: coordinatorOnly,
    },
    {
      path: (f) => `/check-ins/${f.otherCheckIn}`,
      params: (f) => ({ checkInId: f.otherCheckIn }),
      expect: { ...coordinatorOnly, coordinator: 404 },
    },
    {
      // Held without a day, attendees or actions: the form's errors for the coordinator, nothing recorded.
      method: "POST",
      form: { intent: "held", heldOn: "", attendees: "", agreedActions: "" },
      path: (f) => `/check-ins/${f.checkIn}`,
      params: (f) => ({ checkInId: f.checkIn }),
      expect: coordinatorOnly,
    },
    {
      method: "POST",
      form: { intent: "cancel", confirm: "yes" },
      path: (f) => `/check-ins/${f.otherCheckIn}`,
      params: (f) => ({ checkInId: f.otherCheckIn }),
      expect: { ...coordinatorOnly, coordinator: 404 },
    },
  ],
  "dev.mail.tsx": [{ path: () => "/dev/mail", expect: signedIn(200) }],
  "advice._index.tsx": [{ path: () => "/advice?acute=yes", expect: receptionOnly }],
  "advice[.csv].ts": [{ path: () => "/advice.csv", expect: receptionOnly }],
  "advice[.xlsx].ts": [{ path: () => "/advice.xlsx", expect: receptionOnly }],
  "advice.new.tsx": [
    { path: () => "/advice/new", expect: receptionOnly },
    { method: "POST", form: {}, path: () => "/advice/new", expect: receptionOnly },
  ],
  "advice.$consultationId.tsx": [
    {
      path: (f) => `/advice/${f.consultation}`,
      params: (f) => ({ consultationId: f.consultation }),
      expect: receptionOnly,
    },
    {
      path: (f) => `/advice/${f.otherConsultation}`,
      params: (f) => ({ consultationId: f.otherConsultation }),
      expect: { ...receptionOnly, ...reception(404) },
    },
    {
      method: "POST",
      form: { intent: "amend", text: "" },
      path: (f) => `/advice/${f.otherConsultation}`,
      params: (f) => ({ consultationId: f.otherConsultation }),
      expect: { ...receptionOnly, ...reception(404) },
    },
  ],
  "units.$unitId.tsx": [
    {
      path: (f) => `/units/${f.world.unit.school.id}`,
      params: (f) => ({ unitId: f.world.unit.school.id }),
      expect: receptionOnly,
    },
    {
      path: (f) => `/units/${f.other.unit.school.id}`,
      params: (f) => ({ unitId: f.other.unit.school.id }),
      expect: { ...receptionOnly, ...reception(404) },
    },
  ],
  // The principal names their unit's contact person; another municipality's unit does not exist for them.
  "units.$unitId_.contact.tsx": [
    {
      path: (f) => `/units/${f.world.unit.school.id}/contact`,
      params: (f) => ({ unitId: f.world.unit.school.id }),
      expect: principalOnly(200),
    },
    {
      path: (f) => `/units/${f.other.unit.school.id}/contact`,
      params: (f) => ({ unitId: f.other.unit.school.id }),
      expect: principalOnly(404),
    },
    {
      method: "POST",
      form: (f) => ({ intent: "assign", userId: f.world.user.staff.id }),
      path: (f) => `/units/${f.world.unit.school.id}/contact`,
      params: (f) => ({ unitId: f.world.unit.school.id }),
      expect: principalOnly(302),
    },
    {
      method: "POST",
      form: (f) => ({ intent: "assign", userId: f.other.user.staff.id }),
      path: (f) => `/units/${f.other.unit.school.id}/contact`,
      params: (f) => ({ unitId: f.other.unit.school.id }),
      expect: principalOnly(404),
    },
  ],
  "guidance._index.tsx": [{ path: () => "/guidance?q=anm", expect: signedIn(200) }],
  "guidance.$slug.tsx": [
    { path: (f) => `/guidance/${f.article.slug}`, params: (f) => ({ slug: f.article.slug }), expect: signedIn(200) },
    // Another municipality's article does not exist here.
    {
      path: (f) => `/guidance/${f.otherArticle.slug}`,
      params: (f) => ({ slug: f.otherArticle.slug }),
      expect: signedIn(404),
    },
  ],
  "guidance.agreement.tsx": [{ path: () => "/guidance/agreement", expect: signedIn(200) }],
  "guidance.should-i-report.tsx": [{ path: () => "/guidance/should-i-report?a=no&a=yes", expect: signedIn(200) }],
  "guidance.manage._index.tsx": [{ path: () => "/guidance/manage", expect: coordinatorOnly }],
  "guidance.manage.concern-kinds.tsx": [
    { path: () => "/guidance/manage/concern-kinds", expect: coordinatorOnly },
    {
      // A kind without a name: the form's error for the coordinator, nothing added.
      method: "POST",
      form: () => ({ intent: "add", labelSv: "", labelEn: "", submissionKey: randomUUID() }),
      path: () => "/guidance/manage/concern-kinds",
      expect: coordinatorOnly,
    },
    {
      // Another municipality's kind does not exist for the coordinator; everyone else is refused before.
      method: "POST",
      form: (f) => ({ intent: "retire", kindId: f.otherKind }),
      path: () => "/guidance/manage/concern-kinds",
      expect: { ...coordinatorOnly, coordinator: 404 },
    },
  ],
  "guidance.manage.new.tsx": [
    { path: () => "/guidance/manage/new", expect: coordinatorOnly },
    { method: "POST", form: { intent: "save" }, path: () => "/guidance/manage/new", expect: coordinatorOnly },
  ],
  "guidance.manage.contacts.tsx": [
    { path: () => "/guidance/manage/contacts", expect: coordinatorOnly },
    { method: "POST", form: {}, path: () => "/guidance/manage/contacts", expect: coordinatorOnly },
  ],
  "guidance.manage.$articleId.tsx": [
    {
      path: (f) => `/guidance/manage/${f.article.id}`,
      params: (f) => ({ articleId: f.article.id }),
      expect: coordinatorOnly,
    },
    {
      path: (f) => `/guidance/manage/${f.otherArticle.id}`,
      params: (f) => ({ articleId: f.otherArticle.id }),
      expect: { ...coordinatorOnly, coordinator: 404 },
    },
    {
      // An empty form: field errors, nothing saved.
      method: "POST",
      form: { intent: "save" },
      path: (f) => `/guidance/manage/${f.article.id}`,
      params: (f) => ({ articleId: f.article.id }),
      expect: coordinatorOnly,
    },
    {
      method: "POST",
      form: { intent: "restore", number: "1" },
      path: (f) => `/guidance/manage/${f.otherArticle.id}`,
      params: (f) => ({ articleId: f.otherArticle.id }),
      expect: { ...coordinatorOnly, coordinator: 404 },
    },
  ],
  "guidance.manage.$articleId_.versions.$number.tsx": [
    {
      path: (f) => `/guidance/manage/${f.article.id}/versions/1`,
      params: (f) => ({ articleId: f.article.id, number: "1" }),
      expect: coordinatorOnly,
    },
    {
      path: (f) => `/guidance/manage/${f.otherArticle.id}/versions/1`,
      params: (f) => ({ articleId: f.otherArticle.id, number: "1" }),
      expect: { ...coordinatorOnly, coordinator: 404 },
    },
  ],
};

const routesDir = path.resolve("app/routes");
const routeFiles = readdirSync(routesDir).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes(".test."));

let fixture: Fixture;
const cookies = new Map<Who, string | undefined>();

beforeAll(async () => {
  fixture = await createRouteFixture();
  for (const role of roles) cookies.set(role, await sessionCookieFor(fixture.world.user[role]));
  cookies.set("anonymous", undefined);
});

beforeAll(async () => {
  for (const [w, key] of [
    [fixture.world, "meeting"],
    [fixture.other, "otherMeeting"],
  ] as const) {
    const member = (await getCurrentUser(w.user.steering.id, w.municipality.id))!;
    const made = await createSteeringMeeting(member, {
      heldOn: "2026-03-10",
      title: "Möte",
      submissionKey: randomUUID(),
    });
    steeringLog[key] = made!.id;
  }
});

/**
 * Pages that show personal data (names, a child's report, a message, feedback): every 200 on them writes exactly one
 * read or list entry to the audit log, before the data leaves the server.
 */
const showsPersonalData = new Set([
  "reports._index.tsx",
  "reports.$reportId.tsx",
  "reports.$reportId_.feedback.tsx",
  "reports.$reportId_.receipt.tsx",
  "reports.review.tsx",
  "feedback._index.tsx",
  "feedback.$feedbackId.tsx",
  "inbox.$messageId.tsx",
  "invitations._index.tsx",
  "invitations.$invitationId.tsx",
  "meetings._index.tsx",
  "units.$unitId.tsx",
  "units.$unitId_.contact.tsx",
  "advice.$consultationId.tsx",
  "admin.users._index.tsx",
  "admin.users.$userId.tsx",
  "admin.units.$unitId.tsx",
  "admin.audit.tsx",
  "trainings.manage.$trainingId.tsx",
  "trainings.coverage.tsx",
  "trainings.coverage[.csv].ts",
  "trainings.coverage[.xlsx].ts",
  "invitations.$invitationId.calendar[.ics].ts",
  "inbox._index.tsx",
  "reviews._index.tsx",
  "reviews.$caseId.tsx",
  "deviations._index.tsx",
  "deviations.$deviationId.tsx",
  "check-ins._index.tsx",
  "check-ins.$checkInId.tsx",
  "steering._index.tsx",
  "steering.$meetingId.tsx",
]);

async function readEntries(requestId: string) {
  const entries = await getDb()
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.requestId, requestId), inArray(auditEvents.action, ["read", "list"])));
  return entries.length;
}

describe("permission matrix", () => {
  it("has an entry for every route file, with a POST case for every route that has an action", async () => {
    expect(Object.keys(matrix).sort()).toEqual([...routeFiles].sort());
    for (const file of routeFiles) {
      const mod = (await import(/* @vite-ignore */ path.join(routesDir, file))) as { action?: unknown };
      const hasPost = matrix[file].some((c) => c.method === "POST");
      expect(
        hasPost,
        `${file}: ${mod.action ? "an action without a POST case" : "a POST case without an action"}`,
      ).toBe(!!mod.action);
    }
  });

  for (const file of routeFiles) {
    const cases = matrix[file] ?? [];
    cases.forEach((c, i) => {
      for (const who of [...roles, "anonymous"] as Who[]) {
        it(`${c.method ?? "GET"} ${file}#${i} as ${who} → ${c.expect[who]}`, async () => {
          const mod = (await import(/* @vite-ignore */ path.join(routesDir, file))) as {
            loader?: (a: LoaderFunctionArgs) => unknown;
            action?: (a: ActionFunctionArgs) => unknown;
          };
          const handler = c.method === "POST" ? mod.action : mod.loader;
          const requestId = `matrix-${randomUUID()}`;
          const result = handler
            ? await callRoute(handler as never, {
                path: c.path(fixture, who),
                params: c.params?.(fixture, who),
                cookie:
                  c.ownSession && who !== "anonymous"
                    ? await sessionCookieFor(fixture.world.user[who])
                    : cookies.get(who),
                method: c.method,
                form: typeof c.form === "function" ? c.form(fixture, who) : c.form,
                context: { requestId },
              })
            : // A route without a loader is a static page, public by design.
              { status: 200, location: null };
          expect(result.status).toBe(c.expect[who]);
          if (c.method !== "POST" && result.status === 200 && showsPersonalData.has(file)) {
            expect(await readEntries(requestId), "one read entry in the audit log").toBe(1);
          }
          if (result.status === 302 && who === "anonymous" && c.expect[who] === 302 && handler) {
            expect(result.location).toMatch(/^\/(login|$)/);
          }
        });
      }
    });
  }
});
