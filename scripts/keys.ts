/**
 * `npm run keys:reencrypt`: re-wraps every data key under the current DATA_MASTER_KEY and seals every identity under
 * its municipality's newest data key (decision 021). `-- --rotate` first gives every municipality a new data key, so
 * everything is re-encrypted under it; the old keys stay, to open what a running server wrote meanwhile (run again).
 * Runs beside running servers: each row is rewritten only if unchanged since it was read.
 */
import { parseArgs } from "node:util";
import { closeDatabase, getDatabase } from "#db/client.server";
import { ensureDataKeys, rewrapDataKeys, rotateDataKeys } from "~/lib/sealed.server";
import { resealIdentities } from "~/models/report-identity.server";

const { values } = parseArgs({ options: { rotate: { type: "boolean", default: false } } });
getDatabase();
const created = await ensureDataKeys();
const rotated = values.rotate ? await rotateDataKeys() : 0;
const rewrapped = await rewrapDataKeys();
const resealed = await resealIdentities();
console.log(JSON.stringify({ created, rotated, rewrapped, resealed }));
await closeDatabase();
