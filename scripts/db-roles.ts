/**
 * `npm run db:roles`: creates the two roles of decision 019 on the PostgreSQL server at DATABASE_ADMIN_URL (a role
 * that may create roles, such as postgres): tillsammans_owner, who migrates and owns the tables, and tillsammans_app,
 * which the servers connect as. Passwords come from OWNER_PASSWORD and APP_PASSWORD (unset: for trust or peer
 * authentication only). `-- --database NAME` also creates that database, owned by the owner. Run it again safely.
 */
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase } from "#db/client.server";
import { ensureRole, ROLES } from "#db/privileges";

const adminUrl = process.env.DATABASE_ADMIN_URL;
if (!adminUrl) {
  console.error("set DATABASE_ADMIN_URL to a role that may create roles (and databases, with --database)");
  process.exit(1);
}
const { values } = parseArgs({ options: { database: { type: "string" } } });

const handle = openDatabase({ url: adminUrl });
await ensureRole(handle.db, ROLES.owner, process.env.OWNER_PASSWORD);
await ensureRole(handle.db, ROLES.app, process.env.APP_PASSWORD);
await handle.close();
console.log(`roles ${ROLES.owner} and ${ROLES.app} are there`);

if (values.database) {
  if (!/^[a-z_][a-z0-9_]*$/.test(values.database)) {
    console.error("--database: lower-case letters, digits and _ only");
    process.exit(1);
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const [found] = await admin`select 1 from pg_database where datname = ${values.database}`;
  if (!found) await admin.unsafe(`create database ${values.database} owner ${ROLES.owner}`);
  await admin.end();
  console.log(`database ${values.database} is owned by ${ROLES.owner}`);
}
