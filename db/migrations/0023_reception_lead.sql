-- A second look before closing (issue 20): the reception lead's role, and a "not opened" proposed for their review.
-- ALTER TYPE … ADD VALUE runs inside a transaction (PostgreSQL 12 and later, PGlite too), but the new value cannot be
-- used until that transaction commits, and drizzle applies every pending migration in one transaction: no statement
-- of this migration, or of a later one applied in the same run, may use 'reception_lead'.
ALTER TYPE "public"."role" ADD VALUE 'reception_lead' BEFORE 'investigator';--> statement-breakpoint
CREATE TYPE "public"."decision_review_status" AS ENUM('proposed', 'approved', 'returned');--> statement-breakpoint
CREATE TYPE "public"."second_look_reason" AS ENUM('violence', 'child_not_heard', 'remaining_concern', 'earlier_reports');--> statement-breakpoint
CREATE TABLE "decision_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"decision" "report_decision" NOT NULL,
	"decision_ground" "not_opened_ground",
	"decision_reasons" text,
	"remaining_concern" boolean NOT NULL,
	"second_look_reasons" "second_look_reason"[] NOT NULL,
	"proposed_by_id" uuid NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"status" "decision_review_status" DEFAULT 'proposed' NOT NULL,
	"reviewed_by_id" uuid,
	"reviewed_at" timestamp with time zone,
	"comment" text,
	CONSTRAINT "decision_reviews_not_own" CHECK ("decision_reviews"."reviewed_by_id" is null or "decision_reviews"."reviewed_by_id" <> "decision_reviews"."proposed_by_id")
);
--> statement-breakpoint
ALTER TABLE "decision_reviews" ADD CONSTRAINT "decision_reviews_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_reviews" ADD CONSTRAINT "decision_reviews_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_reviews" ADD CONSTRAINT "decision_reviews_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_reviews" ADD CONSTRAINT "decision_reviews_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decision_reviews_pending_idx" ON "decision_reviews" USING btree ("report_id") WHERE status = 'proposed';--> statement-breakpoint
CREATE INDEX "decision_reviews_queue_idx" ON "decision_reviews" USING btree ("municipality_id","proposed_at") WHERE status = 'proposed';--> statement-breakpoint
CREATE INDEX "decision_reviews_report_idx" ON "decision_reviews" USING btree ("report_id","proposed_at");
