import { eq } from "drizzle-orm";
import { getDb, type Database } from "#db/client.server";
import { municipalities } from "#db/schema";
import { audit } from "~/lib/audit.server";
import type { CurrentUser } from "~/lib/permissions.server";

/** Reception's shared e-mail address, or null when answers to meeting invitations are e-mailed to the organiser. */
export async function receptionAddressOf(municipalityId: string, db: Database = getDb()) {
  const [row] = await db
    .select({ address: municipalities.receptionAddress })
    .from(municipalities)
    .where(eq(municipalities.id, municipalityId));
  return row?.address ?? null;
}

/** Set by an administrator of the municipality; null clears it. The audit entry names the field, never the address. */
export async function saveReceptionAddress(admin: CurrentUser, address: string | null) {
  await getDb().transaction(async (tx) => {
    await tx
      .update(municipalities)
      .set({ receptionAddress: address })
      .where(eq(municipalities.id, admin.municipalityId));
    const details = { fields: ["receptionAddress"], set: address !== null };
    await audit(
      { action: "update", user: admin, recordType: "municipality", recordId: admin.municipalityId, details },
      tx,
    );
  });
}
