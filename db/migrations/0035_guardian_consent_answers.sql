-- The school's record of asking the guardians for consent (issue 21, item 4); reception confirms it into "consents".
CREATE TYPE "public"."guardian_answer" AS ENUM('yes', 'no');--> statement-breakpoint
CREATE TYPE "public"."guardian_answer_status" AS ENUM('pending', 'confirmed', 'not_confirmed');--> statement-breakpoint
CREATE TABLE "guardian_consent_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"asked_on" date NOT NULL,
	"giver" "consent_giver" NOT NULL,
	"given_by" text NOT NULL,
	"answer" "guardian_answer" NOT NULL,
	"info_kinds" "consent_info_kind"[] DEFAULT '{}'::consent_info_kind[] NOT NULL,
	"form" "consent_form" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"submission_key" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "guardian_answer_status" DEFAULT 'pending' NOT NULL,
	"handled_by_id" uuid,
	"handled_at" timestamp with time zone,
	"handled_note" text DEFAULT '' NOT NULL,
	"consent_id" uuid,
	CONSTRAINT "guardian_consent_answers_scope" CHECK (("guardian_consent_answers"."answer" = 'yes') = (cardinality("guardian_consent_answers"."info_kinds") > 0)),
	CONSTRAINT "guardian_consent_answers_confirmed" CHECK (("guardian_consent_answers"."status" = 'confirmed') = ("guardian_consent_answers"."consent_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "guardian_consent_answers" ADD CONSTRAINT "guardian_consent_answers_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian_consent_answers" ADD CONSTRAINT "guardian_consent_answers_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian_consent_answers" ADD CONSTRAINT "guardian_consent_answers_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian_consent_answers" ADD CONSTRAINT "guardian_consent_answers_handled_by_id_users_id_fk" FOREIGN KEY ("handled_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian_consent_answers" ADD CONSTRAINT "guardian_consent_answers_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "guardian_consent_answers_submission_idx" ON "guardian_consent_answers" USING btree ("submission_key");--> statement-breakpoint
CREATE INDEX "guardian_consent_answers_report_idx" ON "guardian_consent_answers" USING btree ("report_id");
