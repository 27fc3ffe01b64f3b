import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SecondLookQueue } from "~/components/second-look-queue";
import { audit } from "~/lib/audit.server";
import { pageTitle, type RouteTexts } from "~/lib/i18n";
import { listSecondLooks } from "~/models/report.server";
import { namesShown } from "~/lib/step-up.server";
import { requirePermission, signInStrength } from "~/server/auth.server";
import reportStyles from "~/styles/reports.css";

/**
 * The reception leads' queue (issue 20): every "not opened" of the municipality waiting for a second look, with the
 * 14-day decision deadline and its state. Each links to its report, where the lead approves or returns it.
 */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports:secondLook.queue.title");

export const handle: RouteTexts = { i18n: ["reports"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "decision:review");
  const proposals = await listSecondLooks(user);
  const details = { view: "secondLook", count: proposals.length };
  await audit({ action: "list", user, recordType: "report", requestId: args.context.requestId, details });
  return {
    // The child's name of a report older than 30 days only after a recent second factor (app/lib/step-up.server.ts).
    proposals: namesShown(proposals, await signInStrength(args)).map((p) => ({
      ...p,
      receivedAt: p.receivedAt.toISOString(),
      decisionDueAt: p.decisionDueAt.toISOString(),
      proposedAt: p.proposedAt.toISOString(),
    })),
  };
}

export default function SecondLookQueuePage() {
  const { proposals } = useLoaderData<typeof loader>();
  return <SecondLookQueue proposals={proposals} />;
}
