import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { municipalities, role, units, users } from "./organisation";

/** What a proposal would change: a role at a unit, or the credentials of a user who holds a social-services role. */
export const adminProposalKinds = ["grant_role", "reset_password", "reset_second_factor"] as const;
export type AdminProposalKind = (typeof adminProposalKinds)[number];
export const adminProposalStatuses = ["pending", "approved", "rejected", "withdrawn"] as const;
export type AdminProposalStatus = (typeof adminProposalStatuses)[number];

export const adminProposalKind = pgEnum("admin_proposal_kind", adminProposalKinds);
export const adminProposalStatus = pgEnum("admin_proposal_status", adminProposalStatuses);

/**
 * A change to a user that takes two administrators (issue 22, item 1): one proposes it here, another approves it and
 * it is applied in the same transaction (app/models/admin-proposal.server.ts). A reset password is kept as the hash
 * of the temporary password the proposer chose, never the password; it becomes the user's on approval.
 */
export const adminProposals = pgTable(
  "admin_proposals",
  {
    id: uuid().primaryKey().defaultRandom(),
    municipalityId: uuid()
      .notNull()
      .references(() => municipalities.id),
    kind: adminProposalKind().notNull(),
    targetUserId: uuid()
      .notNull()
      .references(() => users.id),
    /** For a grant: the unit and the role. */
    unitId: uuid().references(() => units.id),
    role: role(),
    /** For a password reset: the hash of the temporary password. */
    passwordHash: text(),
    proposedById: uuid()
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: adminProposalStatus().notNull().default("pending"),
    decidedById: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // One pending grant of the same role at the same unit per user, and one pending reset of each kind.
    uniqueIndex("admin_proposals_pending_grant_idx")
      .on(t.targetUserId, t.unitId, t.role)
      .where(sql`status = 'pending' and kind = 'grant_role'`),
    uniqueIndex("admin_proposals_pending_reset_idx")
      .on(t.targetUserId, t.kind)
      .where(sql`status = 'pending' and kind <> 'grant_role'`),
    index("admin_proposals_target_idx").on(t.targetUserId, t.proposedAt),
    // Someone else decides: whoever proposed never approves or rejects (withdrawing is theirs).
    check(
      "admin_proposals_not_own",
      sql`${t.status} = 'withdrawn' or ${t.decidedById} is null or ${t.decidedById} <> ${t.proposedById}`,
    ),
    check(
      "admin_proposals_grant",
      sql`(${t.kind} = 'grant_role') = (${t.unitId} is not null and ${t.role} is not null)`,
    ),
    // The hash only while the reset waits; gone once it is decided.
    check(
      "admin_proposals_password",
      sql`(${t.kind} = 'reset_password' and ${t.status} = 'pending') = (${t.passwordHash} is not null)`,
    ),
  ],
);
