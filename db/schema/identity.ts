import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { municipalities, role, units, users } from "./organisation";

/**
 * A municipality's own OpenID Connect provider (issue 25): its issuer and this portal's client id there. The client
 * secret is never stored: it comes from the environment (OIDC_CLIENT_SECRET_<SLUG>, app/models/identity.server.ts),
 * so a copy of the database does not let anyone act as the portal towards the provider.
 */
export const identityProviders = pgTable(
  "identity_providers",
  {
    municipalityId: uuid()
      .primaryKey()
      .references(() => municipalities.id),
    issuer: text().notNull(),
    clientId: text().notNull(),
    /** What the login button names: "Logga in med <displayName>". */
    displayName: text().notNull(),
    /** Whether the municipality's users may still sign in with a portal password. */
    passwordSignIn: boolean().notNull().default(true),
    /**
     * The `acr` values by which this provider says a sign-in used more than one factor (a SITHS card, BankID, Freja
     * eID: the Swedish eID framework's loa3 and up), besides `amr` containing "mfa" (RFC 8176), which always counts.
     */
    mfaAcrValues: text().array().notNull().default(sql`'{}'::text[]`),
    /**
     * Roles that, besides social services and administrators (always), must sign in with more than one factor: at
     * the provider, or with the portal's own second factor (issue 25, item 3: the level per role is the
     * municipality's).
     */
    secondFactorRoles: role().array().notNull().default(sql`'{}'::role[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("identity_providers_issuer_url", sql`${t.issuer} ~ '^https?://'`)],
);

/**
 * A portal user as the provider knows them: its issuer and stable subject. Found by these, never by e-mail (an
 * address can be reused); linked once to an existing account by a verified e-mail (audited).
 */
export const userIdentities = pgTable(
  "user_identities",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    issuer: text().notNull(),
    subject: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("user_identities_subject_idx").on(t.issuer, t.subject),
    // One identity per user at a provider: a second subject would be a second person on one account.
    uniqueIndex("user_identities_user_idx").on(t.userId, t.issuer),
  ],
);

/**
 * A sign-in sent to the provider and not yet back: the values the answer must match (state, nonce) and the PKCE
 * verifier, kept here rather than in a URL or a cookie. The browser holds a random token whose keyed hash is the id,
 * so the answer is only accepted in the browser that asked; a row is taken (deleted) when used, so it works once.
 */
export const oidcSignIns = pgTable(
  "oidc_sign_ins",
  {
    id: text().primaryKey(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    state: text().notNull(),
    nonce: text().notNull(),
    codeVerifier: text().notNull(),
    /** Seconds, for a sign-in that must be fresh (a step-up): the answer's auth_time is checked against it. */
    maxAge: integer(),
    /** As sent to the provider: the token request must repeat it exactly. */
    redirectUri: text().notNull(),
    /** Where the user was going: a path of this site (safeRedirect). */
    redirectTo: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("oidc_sign_ins_expires_idx").on(t.expiresAt)],
);

/**
 * A group at the provider that gives its members a role at a unit (issue 25, item 2), kept by the administrators.
 * It counts once `approvedAt` is set: at once for most roles; for a social-services role only when a second
 * administrator approves it (`approvedById`, never the proposer). Sign-in grants and removes what these give.
 */
export const identityGroupRoles = pgTable(
  "identity_group_roles",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    /** The group's name or id exactly as the provider's `groups` claim carries it. */
    groupName: text().notNull(),
    unitId: uuid()
      .notNull()
      .references(() => units.id),
    role: role().notNull(),
    proposedById: uuid()
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The second administrator, for a mapping that needs one. */
    approvedById: uuid().references(() => users.id),
    approvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("identity_group_roles_mapping_idx").on(t.municipalityId, t.groupName, t.unitId, t.role),
    check(
      "identity_group_roles_second_admin",
      sql`${t.approvedById} is null or (${t.approvedById} <> ${t.proposedById} and ${t.approvedAt} is not null)`,
    ),
  ],
);
