/**
 * Issue 22, item 8: the application connects as a role that can add to the audit log and read it, and nothing more.
 * The PostgreSQL run of the integration suite connects as that role (tests/setup/global.ts migrates as the owner and
 * grants what the application needs), so every other test in it shows the application works with these rights; this
 * file shows the role cannot change or remove an audit entry by any route it has.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applicationRightsProblems } from "#db/privileges";
import { getDb } from "#db/client.server";
import { audit } from "~/lib/audit.server";
import { createMunicipality, createUnit, createUser } from "../factories";

describe.skipIf(process.env.TEST_DB !== "postgres")("the application's database role and the audit log", () => {
  let sql: ReturnType<typeof postgres>;
  let municipalityId: string;
  let userId: string;

  beforeAll(async () => {
    sql = postgres(inject("postgresUrl") ?? "", { max: 1, onnotice: () => {} });
    const municipality = await createMunicipality();
    municipalityId = municipality.id;
    const unit = await createUnit(municipalityId, "school");
    userId = (await createUser({ municipalityId, unitId: unit.id, role: "staff" })).id;
    await audit({ action: "read", municipalityId, userId, recordType: "report", recordId: crypto.randomUUID() });
  });
  afterAll(async () => {
    await sql.end();
  });

  const entries = async () =>
    (await sql`select id, action, user_id, at from audit_events where municipality_id = ${municipalityId}`).map(
      (row) => ({ ...row }),
    );

  it("connects as a role that is neither superuser nor owner, and the startup check finds nothing wrong", async () => {
    const [role] = await sql`select current_user as name, rolsuper, rolcreaterole from pg_roles
      where rolname = current_user`;
    expect(role.rolsuper).toBe(false);
    expect(role.rolcreaterole).toBe(false);
    expect(await applicationRightsProblems(getDb())).toEqual([]);
  });

  it("adds to the audit log and reads it", async () => {
    const before = await entries();
    expect(before.length).toBe(1);
    await sql`insert into audit_events (action, municipality_id, user_id) values ('read', ${municipalityId},
      ${userId})`;
    expect((await entries()).length).toBe(2);
  });

  // Every statement the role could try to bend the log with; each must be refused by PostgreSQL itself.
  const attempts: [string, string][] = [
    ["update an entry", "update audit_events set action = 'bent' where true"],
    ["delete an entry", "delete from audit_events where true"],
    ["delete through a writable CTE", "with gone as (delete from audit_events returning id) select count(*) from gone"],
    ["truncate the log", "truncate audit_events"],
    ["truncate the log with what refers to it", "truncate audit_events cascade"],
    ["disable the append-only triggers", "alter table audit_events disable trigger all"],
    ["disable one trigger", "alter table audit_events disable trigger audit_events_no_update_delete"],
    ["drop the trigger", "drop trigger audit_events_no_update_delete on audit_events"],
    [
      "replace the trigger's function",
      "create or replace function audit_events_reject_change() returns trigger language plpgsql as " +
        "$$ begin return new; end $$",
    ],
    ["replica mode, which skips triggers", "set session_replication_role = replica"],
    ["replica mode for a transaction", "set local session_replication_role = replica"],
    ["drop the log", "drop table audit_events"],
    ["rename the log away", "alter table audit_events rename to audit_events_old"],
    ["take ownership", "alter table audit_events owner to current_user"],
    ["grant itself the right to change", "grant update, delete on audit_events to current_user"],
    ["a rule that rewrites inserts", "create rule skip as on insert to audit_events do instead nothing"],
    ["a table of its own", "create table shadow_audit (id int)"],
    ["a schema of its own", "create schema shadow"],
    ["become the superuser", "set role postgres"],
    ["make itself superuser", "alter role current_user superuser"],
    ["a trigger on another table", "create trigger t before insert on reports for each row execute function now()"],
  ];

  it.each(attempts)("is refused: %s", async (_name, statement) => {
    const before = await entries();
    const error = await sql
      .begin(async (tx) => {
        await tx.unsafe(statement);
        // Had the statement passed, try the change it was for inside the same transaction.
        await tx.unsafe("update audit_events set action = 'bent' where true");
      })
      .then(
        () => null,
        (e: { code?: string }) => e,
      );
    expect(error, statement).not.toBeNull();
    // Refused for want of rights (or, for the DML, by the append-only trigger): never "done".
    expect(["42501", "42P01"].includes(String(error?.code)) || /append-only/.test(String(error)), String(error)).toBe(
      true,
    );
    expect(await entries()).toEqual(before);
  });

  it("cannot remove entries by deleting what they refer to", async () => {
    const before = await entries();
    const error = await sql`delete from users where id = ${userId}`.then(
      () => null,
      (e) => e,
    );
    expect(error).not.toBeNull();
    expect(await entries()).toEqual(before);
  });
});
