-- The reporter survey (issue 21): answers stored apart from the report and the reporter, and a marker (without a time)
-- that a reporter answered on a report, so each answers once.
CREATE TYPE "public"."survey_timely" AS ENUM('yes', 'no', 'unsure');--> statement-breakpoint
CREATE TYPE "public"."survey_meeting_useful" AS ENUM('yes', 'no', 'no_meeting');--> statement-breakpoint
CREATE TYPE "public"."survey_call_again" AS ENUM('yes', 'no', 'unsure');--> statement-breakpoint
CREATE TYPE "public"."survey_unit_kind" AS ENUM('preschool', 'school', 'student_health', 'other');--> statement-breakpoint
CREATE TABLE "reporter_survey_answered" (
	"municipality_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "reporter_survey_answered_report_id_user_id_pk" PRIMARY KEY("report_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "reporter_survey_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"month" text NOT NULL,
	"unit_kind" "survey_unit_kind" NOT NULL,
	"timely" "survey_timely" NOT NULL,
	"meeting_useful" "survey_meeting_useful" NOT NULL,
	"call_again" "survey_call_again" NOT NULL,
	CONSTRAINT "reporter_survey_answers_month" CHECK ("reporter_survey_answers"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "reporter_survey_answered" ADD CONSTRAINT "reporter_survey_answered_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporter_survey_answered" ADD CONSTRAINT "reporter_survey_answered_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporter_survey_answered" ADD CONSTRAINT "reporter_survey_answered_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporter_survey_answers" ADD CONSTRAINT "reporter_survey_answers_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reporter_survey_answers_month_idx" ON "reporter_survey_answers" USING btree ("municipality_id","month");
