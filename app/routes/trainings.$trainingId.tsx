import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  StaffRegistration,
  TrainingFacts,
  TrainingRegistration,
  type TrainingRefusal,
} from "~/components/training-detail";
import { audit } from "~/lib/audit.server";
import { assertCan } from "~/server/auth.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { renderMarkdown } from "~/lib/markdown.server";
import { requireVisibleTraining } from "~/server/training-access.server";
import { can, type CurrentUser } from "~/lib/permissions.server";
import {
  cancelRegistration,
  inAudience,
  lastRegistrationDay,
  registeredCount,
  registerFor,
  registrationOf,
  registrationsOf,
  staffOfPrincipal,
} from "~/models/training.server";
import { getCurrentUser } from "~/models/user.server";
import guidanceStyles from "~/styles/guidance.css";
import { readForm } from "~/lib/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: guidanceStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "trainings:detail.title");

export const handle: RouteTexts = { i18n: ["guidance", "trainings"] };

async function staffChoices(user: CurrentUser, trainingId: string, training: Parameters<typeof inAudience>[1]) {
  if (!can(user, "training:registerStaff")) return [];
  const taken = new Set((await registrationsOf(user, trainingId)).map((r) => r.userId));
  const staff = await staffOfPrincipal(user);
  return staff
    .filter(
      (s) =>
        s.id !== user.id &&
        !taken.has(s.id) &&
        training.audienceUnitKinds.includes(s.unitKind) &&
        training.audienceRoles.includes("staff"),
    )
    .filter((s, i, all) => all.findIndex((o) => o.id === s.id) === i)
    .map((s) => ({ id: s.id, name: s.name }));
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, training } = await requireVisibleTraining(args);
  const now = new Date();
  const [mine, taken, staff] = await Promise.all([
    registrationOf(training.id, user.id),
    registeredCount(training.id),
    staffChoices(user, training.id, training),
  ]);
  // A principal's page lists their staff by name: a read of personal data, logged like every other.
  if (staff.length) {
    await audit({
      action: "list",
      user,
      recordType: "user",
      requestId: args.context.requestId,
      details: { trainingId: training.id, staff: staff.length },
    });
  }
  return {
    training: {
      id: training.id,
      title: training.title,
      topic: training.topic,
      status: training.status,
      startsAt: training.startsAt.toISOString(),
      durationMinutes: training.durationMinutes,
      place: training.place,
      organisers: training.organisers,
      lastRegistrationDay: lastRegistrationDay(training),
      capacity: training.capacity,
      free: Math.max(training.capacity - taken, 0),
      audienceRoles: training.audienceRoles,
      audienceUnitKinds: training.audienceUnitKinds,
    },
    descriptionHtml: renderMarkdown(training.description),
    open: training.status === "published" && training.registrationDeadline > now && training.startsAt > now,
    canRegister: can(user, "training:register") && inAudience(user, training),
    mine: mine ? { status: mine.status } : null,
    started: training.startsAt <= now,
    staff,
  };
}

export async function action(args: ActionFunctionArgs): Promise<TrainingRefusal | Response> {
  const { user, training } = await requireVisibleTraining(args);
  const formData = await readForm(args.request);
  const intent = String(formData.get("intent") ?? "");
  const back = (notice: string) => redirect(`/trainings/${training.id}?notice=${notice}`);
  if (intent === "register") {
    await assertCan(args, user, "training:register");
    const result = await registerFor(training, user, null);
    if (!result.ok) return { error: `trainings:errors.${result.error}` };
    return back(result.status === "registered" ? "trainingRegistered" : "trainingWaitlisted");
  }
  if (intent === "cancelRegistration") {
    await assertCan(args, user, "training:register");
    if (!(await cancelRegistration(training, user))) return { error: "trainings:errors.cannotCancel" };
    return back("trainingRegistrationCancelled");
  }
  if (intent === "registerStaff") {
    await assertCan(args, user, "training:registerStaff");
    const allowed = new Set((await staffOfPrincipal(user)).map((s) => s.id));
    const chosen = formData
      .getAll("staffIds")
      .map(String)
      .filter((id) => allowed.has(id));
    if (!chosen.length) return { error: "trainings:errors.chooseStaff" };
    const refused: string[] = [];
    for (const id of chosen) {
      const person = await getCurrentUser(id, user.municipalityId);
      const result = person
        ? await registerFor(training, person, user)
        : { ok: false as const, error: "notInAudience" as const };
      if (!result.ok && person) refused.push(person.name);
    }
    if (refused.length) return { error: "trainings:errors.someRefused", names: refused.join(", ") };
    return back("trainingStaffRegistered");
  }
  throw new Response(null, { status: 400 });
}

export default function TrainingPage() {
  const { t } = useTranslation("trainings");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <p>
        <Link to="/trainings">{t("detail.back")}</Link>
      </p>
      <h1>{data.training.title}</h1>
      <TrainingFacts training={data.training} descriptionHtml={data.descriptionHtml} />
      {data.canRegister ? <TrainingRegistration {...data} refusal={actionData} busy={busy} /> : null}
      {data.staff.length && data.open ? (
        <StaffRegistration staff={data.staff} refusal={actionData} busy={busy} />
      ) : null}
    </div>
  );
}
