import { sql } from "drizzle-orm";
import type { Database } from "./client.server";

/**
 * Two database roles on PostgreSQL (issue 22, decision 019): the owner, who runs the migrations and owns every table,
 * and the application's role, which the servers connect as. The application's role may read and write the tables and
 * only add to and read the audit log; it has no DDL, no trigger control and no way to skip triggers, so an insider
 * or an injected statement cannot bend the log. PGlite, one process on its own files, has one role and none of this.
 */
export const ROLES = { owner: "tillsammans_owner", app: "tillsammans_app" } as const;

/** Tables the application may only add to and read. */
const APPEND_ONLY = ["audit_events"];

/** Rows of a raw statement on either driver (postgres-js: an array; PGlite: `{ rows }`). */
async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Creates a login role unless it exists (several test runs may create it at once: both errors mean "there").
 * Needs a role with CREATEROLE; `password` unset suits trust or peer authentication only.
 */
export async function ensureRole(db: Database, name: string, password?: string) {
  const withPassword = password ? sql` password ${sql.raw(`'${password.replaceAll("'", "''")}'`)}` : sql``;
  await db.execute(sql`do $$ begin
    create role ${sql.identifier(name)} login${withPassword};
  exception when duplicate_object or unique_violation then null;
  end $$`);
}

/** Run by the owner after the migrations: what the application's role may do, granted anew for every new table. */
export async function grantApplicationRights(db: Database, appRole: string) {
  const role = sql.identifier(appRole);
  const appendOnly = sql.join(
    APPEND_ONLY.map((table) => sql.identifier(table)),
    sql`, `,
  );
  await db.transaction(async (tx) => {
    await tx.execute(sql`grant usage on schema public to ${role}`);
    await tx.execute(sql`grant select, insert, update, delete on all tables in schema public to ${role}`);
    await tx.execute(sql`revoke update, delete, truncate, references, trigger on ${appendOnly} from ${role}`);
    await tx.execute(sql`grant usage, select on all sequences in schema public to ${role}`);
    // To see at start whether a migration is pending (db/migrate.ts), without the rights to run one.
    await tx.execute(sql`grant usage on schema drizzle to ${role}`);
    await tx.execute(sql`grant select on drizzle.__drizzle_migrations to ${role}`);
  });
}

/**
 * What the role this connection runs as could use to change the audit log or the schema; empty when none.
 * The server refuses to start in production when anything is listed (app/server/startup.server.ts).
 */
export async function applicationRightsProblems(db: Database): Promise<string[]> {
  const [found] = await rows<Record<string, boolean | number>>(
    db,
    sql`select r.rolsuper as superuser,
      r.rolcreaterole as "createsRoles",
      exists (select 1 from pg_class c where c.relnamespace = 'public'::regnamespace
        and pg_has_role(current_user, c.relowner, 'USAGE')) as "ownsTables",
      has_schema_privilege('public', 'CREATE') as "createsInPublic",
      has_database_privilege(current_database(), 'CREATE') as "createsSchemas",
      ${sql.join(
        APPEND_ONLY.map(
          (table) => sql`(has_table_privilege(${table}, 'UPDATE') or has_table_privilege(${table}, 'DELETE')
            or has_table_privilege(${table}, 'TRUNCATE') or has_table_privilege(${table}, 'TRIGGER'))`,
        ),
        sql` or `,
      )} as "changesAuditLog",
      current_setting('server_version_num')::int as version
    from pg_roles r where r.rolname = current_user`,
  );
  const problems = Object.entries({
    superuser: "is a superuser",
    createsRoles: "may create roles",
    ownsTables: "owns the tables (or is a member of their owner)",
    createsInPublic: "may create objects in schema public",
    createsSchemas: "may create schemas",
    changesAuditLog: "may change or remove audit entries",
  })
    .filter(([key]) => found[key] === true)
    .map(([, problem]) => problem);
  // From PostgreSQL 15 SET on a superuser-only setting can be granted; before, only a superuser has it.
  if (Number(found.version) >= 150000) {
    const [replica] = await rows<{ granted: boolean }>(
      db,
      sql`select has_parameter_privilege('session_replication_role', 'SET') as granted`,
    );
    if (replica.granted && !found.superuser) problems.push("may set session_replication_role (skips triggers)");
  }
  return problems;
}

/** The role a connection runs as. */
export async function currentRole(db: Database): Promise<string> {
  const [found] = await rows<{ name: string }>(db, sql`select current_user as name`);
  return found.name;
}
