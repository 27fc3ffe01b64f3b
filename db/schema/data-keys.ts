import { integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { municipalities } from "./organisation";

/**
 * A municipality's data keys (issue 22, item 9; decision 021): each seals children's identities in its municipality
 * (app/lib/sealed.server.ts). A version is added at each rotation and never removed, so older values still open. The
 * key is stored wrapped: AES-256-GCM under the master key from the environment, as
 * "<masterKeyId>:<base64url(iv | ciphertext | tag)>", the id being the first 8 hex digits of the master key's SHA-256.
 * A dump of the database alone opens nothing.
 */
export const dataKeys = pgTable(
  "data_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    version: integer().notNull(),
    wrapped: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("data_keys_municipality_version_idx").on(t.municipalityId, t.version)],
);
