-- Check-ins with units (issue 21, item 7): a coordinator plans one with a unit the radar names, then records it held
-- (the day, who came, the actions agreed) or cancelled. The yearly report counts planned against held.
CREATE TYPE "public"."check_in_reason" AS ENUM('under_reporting', 'many_reports', 'many_supplemented', 'other');--> statement-breakpoint
CREATE TYPE "public"."check_in_status" AS ENUM('planned', 'held', 'cancelled');--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"reason" "check_in_reason" NOT NULL,
	"planned_for" date NOT NULL,
	"planned_by_id" uuid NOT NULL,
	"status" "check_in_status" DEFAULT 'planned' NOT NULL,
	"held_on" date,
	"attendees" text,
	"agreed_actions" text,
	"recorded_by_id" uuid,
	"recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submission_key" uuid,
	CONSTRAINT "check_ins_held" CHECK (("check_ins"."status" = 'held') = ("check_ins"."held_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_planned_by_id_users_id_fk" FOREIGN KEY ("planned_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_submission_idx" ON "check_ins" USING btree ("submission_key");--> statement-breakpoint
CREATE INDEX "check_ins_list_idx" ON "check_ins" USING btree ("municipality_id","status","planned_for");
