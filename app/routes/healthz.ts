import { pingDatabase } from "~/models/health.server";
import { logger } from "~/lib/logger.server";

/** For load balancers and monitoring: 200 when the database answers, 503 when it does not. */
export async function loader() {
  try {
    await pingDatabase();
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    logger.warn({ err: error }, "health check failed");
    return Response.json({ status: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
