-- The investigation an "opened" decision starts (issue 21, item 6): its start, the extensions of its four-month limit
-- with reasons, its end and outcome, and a basic-feedback stage for "investigation closed".
-- ALTER TYPE … ADD VALUE runs inside a transaction (PostgreSQL 12 and later, PGlite too), but the new value cannot be
-- used until that transaction commits, and drizzle applies every pending migration in one transaction: no statement
-- of this migration, or of a later one applied in the same run, may use 'investigation_closed'.
ALTER TYPE "public"."feedback_stage" ADD VALUE 'investigation_closed';--> statement-breakpoint
CREATE TYPE "public"."investigation_outcome" AS ENUM('support_granted', 'no_support_needed', 'referred', 'other');--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "investigation_started_on" date;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "investigation_extensions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "investigation_ended_on" date;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "investigation_outcome" "investigation_outcome";--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_investigation_end" CHECK (("reports"."investigation_ended_on" is null) = ("reports"."investigation_outcome" is null));
