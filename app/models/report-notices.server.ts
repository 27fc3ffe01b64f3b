import type { Database } from "#db/client.server";
import type { reports } from "#db/schema";
import { deliverMessage } from "./inbox.server";
import { unitPrincipals } from "./unit-contact.server";

/**
 * Tells the principals of a portal report's unit that it was submitted (the agreement's support "before, during and
 * after"): its reference and the unit, never its content; they open it through the link as the visibility rule lets
 * them (app/lib/report-visibility.server.ts). Whoever wrote, observed or co-signed it knows already. Inside the
 * transaction that submits the report, so a rolled-back submission tells nobody.
 */
export async function tellUnitPrincipals(
  tx: Database,
  report: Pick<
    typeof reports.$inferSelect,
    "id" | "municipalityId" | "reference" | "unitId" | "reporterId" | "observerId" | "coSignerId"
  >,
) {
  if (!report.unitId) return;
  const involved = [report.reporterId, report.observerId, report.coSignerId].filter((id): id is string => !!id);
  const principals = (await unitPrincipals(report.municipalityId, report.unitId, tx)).filter(
    (principal) => !involved.includes(principal.id),
  );
  for (const principal of principals)
    await deliverMessage(
      {
        municipalityId: report.municipalityId,
        recipientId: principal.id,
        template: "inbox:templates.reportSubmitted",
        params: { reference: report.reference, unit: principal.unit },
        link: `/reports/${report.id}`,
        notify: true,
      },
      tx,
    );
}

/**
 * Invites a portal reporter to the survey when their report is decided, in the decision's transaction: a message
 * in their inbox with the link, no e-mail (the decision's own feedback already sent one).
 */
export async function inviteToSurvey(
  tx: Database,
  report: Pick<typeof reports.$inferSelect, "id" | "municipalityId" | "reference" | "reporterId" | "channel">,
) {
  if (report.channel !== "portal" || !report.reporterId) return;
  await deliverMessage(
    {
      municipalityId: report.municipalityId,
      recipientId: report.reporterId,
      template: "survey:invitation",
      params: { reference: report.reference },
      link: `/reports/${report.id}/survey`,
    },
    tx,
  );
}
