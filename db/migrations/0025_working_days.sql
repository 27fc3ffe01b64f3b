-- Basic feedback within three working days, as the agreement says (issue 21): each municipality counts its response
-- days in working days (weekdays less Swedish public holidays and the midsummer, Christmas and New Year's eves) or in
-- calendar days. Existing municipalities move to working days, the agreement's own rule.
CREATE TYPE "public"."response_day_kind" AS ENUM('working', 'calendar');--> statement-breakpoint
ALTER TABLE "feedback_settings" ADD COLUMN "response_day_kind" "response_day_kind" DEFAULT 'working' NOT NULL;
