-- Deviations from the collaboration agreement (issue 21, item 9): filed by anyone signed in, on a report they may read
-- or in general, and handled by the coordinators in steps (investigate, measure, follow up, close), each with a note.
-- Not the quality review's "deviations" (0024).
CREATE TYPE "public"."agreement_deviation_kind" AS ENUM('no_feedback', 'meeting_not_held', 'not_written_by_observer', 'other');--> statement-breakpoint
CREATE TYPE "public"."agreement_deviation_status" AS ENUM('open', 'investigating', 'measuring', 'following_up', 'closed');--> statement-breakpoint
CREATE TYPE "public"."agreement_deviation_step" AS ENUM('investigate', 'measure', 'follow_up', 'close');--> statement-breakpoint
CREATE TABLE "agreement_deviation_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"deviation_id" uuid NOT NULL,
	"step" "agreement_deviation_step" NOT NULL,
	"note" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_deviations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"kind" "agreement_deviation_kind" NOT NULL,
	"description" text NOT NULL,
	"report_id" uuid,
	"unit_id" uuid NOT NULL,
	"filed_by_id" uuid NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "agreement_deviation_status" DEFAULT 'open' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"submission_key" uuid,
	CONSTRAINT "agreement_deviations_closed" CHECK (("agreement_deviations"."status" = 'closed') = ("agreement_deviations"."closed_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "agreement_deviation_steps" ADD CONSTRAINT "agreement_deviation_steps_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_deviation_steps" ADD CONSTRAINT "agreement_deviation_steps_deviation_id_agreement_deviations_id_fk" FOREIGN KEY ("deviation_id") REFERENCES "public"."agreement_deviations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_deviation_steps" ADD CONSTRAINT "agreement_deviation_steps_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_deviations" ADD CONSTRAINT "agreement_deviations_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_deviations" ADD CONSTRAINT "agreement_deviations_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_deviations" ADD CONSTRAINT "agreement_deviations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_deviations" ADD CONSTRAINT "agreement_deviations_filed_by_id_users_id_fk" FOREIGN KEY ("filed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_deviation_steps_step_idx" ON "agreement_deviation_steps" USING btree ("deviation_id","step");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_deviations_submission_idx" ON "agreement_deviations" USING btree ("submission_key");--> statement-breakpoint
CREATE INDEX "agreement_deviations_list_idx" ON "agreement_deviations" USING btree ("municipality_id","status","filed_at");--> statement-breakpoint
CREATE INDEX "agreement_deviations_filer_idx" ON "agreement_deviations" USING btree ("municipality_id","filed_by_id","filed_at");
