/**
 * What the log keeps of an error (serializeError), against real errors: drizzle queries failing on PGlite with
 * personal data in their parameters, the driver's own error at COMMIT, an error with a cause, a JSON.parse error, a
 * plain Error with a personal identity number in its message. None of the values may come out; the code, statement,
 * table and constraint must.
 */
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { pgTable, text } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeError, statementOf } from "~/lib/logger.server";

const child = {
  name: "Zelmira Kvastbo-Örnfjäll",
  personalNumber: "20140317-2388",
  // Drizzle joins the parameters into its message; a typed line that starts with "  at " then looks like a frame.
  notes:
    "Hon berättade om helgen.\n    at home: pappan slog henne (Brynolfsgatan 17)\nvittne.kvastbo@sentinel-mail.example",
};
const values = ["Zelmira", "Kvastbo", "20140317", "0317-2388", "Brynolfsgatan", "pappan", "sentinel-mail"];

const children = pgTable("children", {
  name: text().notNull(),
  personalNumber: text().notNull(),
  notes: text().notNull(),
});

/** The serialized error as it would be written, and a check that no value is in it. */
function logged(error: unknown) {
  const fields = serializeError(error);
  const json = JSON.stringify(fields);
  for (const value of values) expect(json, `"${value}" in ${json}`).not.toContain(value);
  return fields;
}

/** The error `work` throws. */
async function thrown(work: () => Promise<unknown>): Promise<Error> {
  try {
    await work();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("serializeError on database errors (PGlite)", () => {
  let pglite: PGlite;
  let db: ReturnType<typeof drizzle>;

  beforeAll(async () => {
    pglite = new PGlite();
    db = drizzle({ client: pglite, casing: "snake_case" });
    await pglite.exec(`
      CREATE TABLE children (name text NOT NULL, personal_number text NOT NULL, notes text NOT NULL,
        CONSTRAINT children_personal_number_key UNIQUE (personal_number));
      CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'refused %', row_to_json(NEW) USING ERRCODE = 'P0001', TABLE = TG_TABLE_NAME, DETAIL = row_to_json(NEW)::text;
      END $$;
      -- Unquoted values in the message, at COMMIT: no query wraps the driver's error there.
      CREATE FUNCTION refuse_plainly() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'refused at commit: % %', NEW.name, NEW.personal_number USING ERRCODE = 'P0001', TABLE = TG_TABLE_NAME;
      END $$;`);
  });

  afterAll(async () => {
    await pglite.close();
  });

  it("keeps the code, statement and table of a failed insert, not its parameters or the row in the message", async () => {
    await pglite.exec(`CREATE TRIGGER refuse BEFORE INSERT ON children FOR EACH ROW EXECUTE FUNCTION refuse()`);
    try {
      const error = await thrown(() => db.insert(children).values(child));
      // The raw error does hold the values: in drizzle's "params:" line, in the stack, in the driver's message.
      expect(error.message).toContain("params:");
      expect(error.stack).toContain(child.personalNumber);
      expect(error.stack).toMatch(/^\s+at home: pappan/m);
      expect((error.cause as Error).message).toContain(child.name);

      const fields = logged(error);
      expect(fields).toMatchObject({
        code: "P0001",
        statement: "insert children",
        table: "children",
        message: undefined,
      });
      expect(fields.stack).toMatch(/^ {4}at \S/);
      for (const frame of String(fields.stack).split("\n")) expect(frame).toMatch(/^ {4}at (?!home)\S/);
    } finally {
      await pglite.exec(`DROP TRIGGER refuse ON children`);
    }
  });

  it("keeps the constraint of a unique violation, not the key in its detail", async () => {
    await db.insert(children).values(child);
    try {
      const error = await thrown(() => db.insert(children).values(child));
      expect((error.cause as { detail?: string }).detail).toContain(child.personalNumber);
      expect(logged(error)).toMatchObject({
        code: "23505",
        table: "children",
        constraint: "children_personal_number_key",
      });
    } finally {
      await pglite.exec(`DELETE FROM children`);
    }
  });

  it("keeps the code of a cast error, not the value its message quotes", async () => {
    // PostgreSQL casts the parameter and quotes it when it cannot ('invalid input syntax for type integer: "…"').
    const error = await thrown(() =>
      db.select().from(children).where(sql`${children.personalNumber}::int = ${child.name}::int`),
    );
    expect((error.cause as Error).message).toContain(child.name);
    expect(logged(error)).toMatchObject({ code: "22P02", statement: "select children", message: undefined });
  });

  it("drops the message of the driver's own error, as met at COMMIT, whose values are not quoted", async () => {
    await pglite.exec(
      `CREATE CONSTRAINT TRIGGER refuse_plainly AFTER INSERT ON children DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION refuse_plainly()`,
    );
    try {
      const error = await thrown(() => db.transaction(async (tx) => tx.insert(children).values(child)));
      expect(error.message).toContain(child.name);
      expect(error.message).not.toContain("Failed query");
      expect(logged(error)).toMatchObject({ code: "P0001", table: "children", message: undefined });
    } finally {
      await pglite.exec(`DROP TRIGGER refuse_plainly ON children`);
    }
  });

  it("keeps the code and table of an error's database cause, and no message (it may repeat the cause's)", async () => {
    await pglite.exec(`CREATE TRIGGER refuse BEFORE INSERT ON children FOR EACH ROW EXECUTE FUNCTION refuse()`);
    try {
      const cause = await thrown(() => db.insert(children).values(child));
      const error = new Error("could not save the report", { cause });
      expect(logged(error)).toMatchObject({
        type: "Error",
        message: undefined,
        code: "P0001",
        statement: "insert children",
        table: "children",
      });
    } finally {
      await pglite.exec(`DROP TRIGGER refuse ON children`);
    }
  });
});

describe("serializeError on other errors", () => {
  it("masks the excerpt JSON.parse quotes", () => {
    const error = (() => {
      try {
        return JSON.parse(`${child.name} ${child.personalNumber}`);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error.message).toContain("Zelmira");
    const fields = logged(error);
    expect(fields.type).toBe("SyntaxError");
    expect(fields.message).toMatch(/not valid JSON/);
  });

  it("masks a personal identity number, a phone number and an e-mail address in a plain message", () => {
    const error = new Error(
      `no child 20140317-2388 (201403172388, 140317-2388), call 070-418 93 57 or mail vittne.kvastbo@sentinel-mail.example`,
    );
    const fields = logged(error);
    expect(fields.message).toMatch(/^no child \[…\]/);
    expect(JSON.stringify(fields)).not.toMatch(/070-418|93 57|1403172388/);
  });

  it("keeps only the first line of a message and only frames from the stack", () => {
    const error = new Error(`failed\n    at home: ${child.name}`);
    const fields = logged(error);
    expect(fields.message).toBe("failed");
    expect(String(fields.stack)).toMatch(/^\s+at /);
  });

  it("keeps only lines shaped like frames, also when the message has changed since the stack was written", () => {
    const error = new Error(`failed\n    at home: ${child.name} (Brynolfsgatan 17)`);
    void error.stack;
    error.message = "failed";
    const { stack } = logged(error);
    expect(stack).toMatch(/^ {4}at \S/);
    for (const frame of String(stack).split("\n")) expect(frame).toMatch(/^ {4}at (?!home)\S/);
  });

  it("logs only the type of something thrown that is not an Error", () => {
    expect(logged(`child ${child.name}`)).toEqual({ type: "string" });
    expect(logged({ childName: child.name })).toEqual({ type: "object" });
  });

  it("names a statement by its verb and tables", () => {
    expect(
      statementOf(
        `insert into "report_drafts" ("id", "fields") values ($1, $2) on conflict ("id") do update set "fields" = $3`,
      ),
    ).toBe("insert report_drafts");
    expect(
      statementOf(
        `select "id" from "reports" inner join "units" on "units"."id" = "reports"."unit_id" where "child_name" = $1`,
      ),
    ).toBe("select reports units");
  });
});
