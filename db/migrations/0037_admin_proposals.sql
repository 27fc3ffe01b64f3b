-- Changes to a user that take two administrators (issue 22, item 1): one proposes, another approves.
CREATE TYPE "public"."admin_proposal_kind" AS ENUM('grant_role', 'reset_password', 'reset_second_factor');--> statement-breakpoint
CREATE TYPE "public"."admin_proposal_status" AS ENUM('pending', 'approved', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TABLE "admin_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"kind" "admin_proposal_kind" NOT NULL,
	"target_user_id" uuid NOT NULL,
	"unit_id" uuid,
	"role" "role",
	"password_hash" text,
	"proposed_by_id" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "admin_proposal_status" DEFAULT 'pending' NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "admin_proposals_not_own" CHECK ("admin_proposals"."status" = 'withdrawn' or "admin_proposals"."decided_by_id" is null or "admin_proposals"."decided_by_id" <> "admin_proposals"."proposed_by_id"),
	CONSTRAINT "admin_proposals_grant" CHECK (("admin_proposals"."kind" = 'grant_role') = ("admin_proposals"."unit_id" is not null and "admin_proposals"."role" is not null)),
	CONSTRAINT "admin_proposals_password" CHECK (("admin_proposals"."kind" = 'reset_password' and "admin_proposals"."status" = 'pending') = ("admin_proposals"."password_hash" is not null))
);
--> statement-breakpoint
ALTER TABLE "admin_proposals" ADD CONSTRAINT "admin_proposals_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_proposals" ADD CONSTRAINT "admin_proposals_target_user_id_users_id_fk" FOREIGN KEY ("target_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_proposals" ADD CONSTRAINT "admin_proposals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_proposals" ADD CONSTRAINT "admin_proposals_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_proposals" ADD CONSTRAINT "admin_proposals_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "admin_proposals_pending_grant_idx" ON "admin_proposals" USING btree ("target_user_id","unit_id","role") WHERE status = 'pending' and kind = 'grant_role';--> statement-breakpoint
CREATE UNIQUE INDEX "admin_proposals_pending_reset_idx" ON "admin_proposals" USING btree ("target_user_id","kind") WHERE status = 'pending' and kind <> 'grant_role';--> statement-breakpoint
CREATE INDEX "admin_proposals_target_idx" ON "admin_proposals" USING btree ("target_user_id","proposed_at");
