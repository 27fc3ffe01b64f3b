-- The decision's reasons and the police consideration of a pre-assessment (issue 20). All null on earlier reports.
CREATE TYPE "public"."not_opened_ground" AS ENUM('no_concern_remains', 'need_met_outside_social_services', 'referred_to_other_municipality', 'other');--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "decision_ground" "not_opened_ground";--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "decision_reasons" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "remaining_concern" boolean;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "police_considered" boolean;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "police_reported" boolean;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "police_note" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "police_consulted_on" date;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "police_considered_at" timestamp with time zone;
