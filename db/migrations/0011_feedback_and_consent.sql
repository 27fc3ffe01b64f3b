CREATE TYPE "public"."consent_form" AS ENUM('written', 'oral', 'digital');--> statement-breakpoint
CREATE TYPE "public"."consent_giver" AS ENUM('guardian', 'guardians', 'child');--> statement-breakpoint
CREATE TYPE "public"."consent_info_kind" AS ENUM('outcome_and_support', 'school_support', 'joint_planning');--> statement-breakpoint
CREATE TYPE "public"."feedback_channel" AS ENUM('portal', 'phone', 'letter', 'email');--> statement-breakpoint
CREATE TYPE "public"."feedback_stage" AS ENUM('received', 'decided');--> statement-breakpoint
CREATE TABLE "supplement_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_by_id" uuid NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answer_supplement_id" uuid,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "basic_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"stage" "feedback_stage" NOT NULL,
	"recipient_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"channel" "feedback_channel",
	"delivered_by_id" uuid,
	"message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"giver" "consent_giver" NOT NULL,
	"given_by" text NOT NULL,
	"joint_custody" boolean DEFAULT false NOT NULL,
	"both_guardians_consented" boolean DEFAULT false NOT NULL,
	"form" "consent_form" NOT NULL,
	"document_reference" text DEFAULT '' NOT NULL,
	"recipient_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"recipient_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"info_kinds" "consent_info_kind"[] NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_id" uuid,
	"recorded_by_id" uuid NOT NULL,
	"submission_key" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extended_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"info_kind" "consent_info_kind" NOT NULL,
	"body" text NOT NULL,
	"consent_id" uuid NOT NULL,
	"sent_by_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"submission_key" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_settings" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"response_days" integer DEFAULT 3 NOT NULL,
	"both_guardians_required" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "feedback_texts" (
	"municipality_id" uuid NOT NULL,
	"key" text NOT NULL,
	"sv" text NOT NULL,
	"en" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" uuid
);
--> statement-breakpoint
ALTER TABLE "supplement_requests" ADD CONSTRAINT "supplement_requests_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplement_requests" ADD CONSTRAINT "supplement_requests_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplement_requests" ADD CONSTRAINT "supplement_requests_asked_by_id_users_id_fk" FOREIGN KEY ("asked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplement_requests" ADD CONSTRAINT "supplement_requests_answer_supplement_id_report_supplements_id_fk" FOREIGN KEY ("answer_supplement_id") REFERENCES "public"."report_supplements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "basic_feedback" ADD CONSTRAINT "basic_feedback_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "basic_feedback" ADD CONSTRAINT "basic_feedback_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "basic_feedback" ADD CONSTRAINT "basic_feedback_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "basic_feedback" ADD CONSTRAINT "basic_feedback_delivered_by_id_users_id_fk" FOREIGN KEY ("delivered_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "basic_feedback" ADD CONSTRAINT "basic_feedback_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_withdrawn_by_id_users_id_fk" FOREIGN KEY ("withdrawn_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extended_feedback" ADD CONSTRAINT "extended_feedback_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extended_feedback" ADD CONSTRAINT "extended_feedback_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extended_feedback" ADD CONSTRAINT "extended_feedback_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extended_feedback" ADD CONSTRAINT "extended_feedback_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extended_feedback" ADD CONSTRAINT "extended_feedback_sent_by_id_users_id_fk" FOREIGN KEY ("sent_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_settings" ADD CONSTRAINT "feedback_settings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_settings" ADD CONSTRAINT "feedback_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_texts" ADD CONSTRAINT "feedback_texts_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_texts" ADD CONSTRAINT "feedback_texts_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supplement_requests_report_idx" ON "supplement_requests" USING btree ("report_id","asked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "basic_feedback_once_idx" ON "basic_feedback" USING btree ("report_id","stage",coalesce("recipient_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "basic_feedback_open_idx" ON "basic_feedback" USING btree ("municipality_id","due_at") WHERE delivered_at is null;--> statement-breakpoint
CREATE INDEX "basic_feedback_delivered_idx" ON "basic_feedback" USING btree ("municipality_id","delivered_at");--> statement-breakpoint
CREATE INDEX "consents_report_idx" ON "consents" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consents_submission_idx" ON "consents" USING btree ("submission_key");--> statement-breakpoint
CREATE UNIQUE INDEX "extended_feedback_submission_idx" ON "extended_feedback" USING btree ("submission_key");--> statement-breakpoint
CREATE INDEX "extended_feedback_report_idx" ON "extended_feedback" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "extended_feedback_recipient_idx" ON "extended_feedback" USING btree ("recipient_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_texts_key_idx" ON "feedback_texts" USING btree ("municipality_id","key");--> statement-breakpoint
-- A consent is withdrawn, never deleted, and sent feedback stays: the register must show what was allowed when.
CREATE OR REPLACE FUNCTION feedback_reject_delete() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% rows are kept (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents FOR EACH ROW EXECUTE FUNCTION feedback_reject_delete();
--> statement-breakpoint
CREATE TRIGGER extended_feedback_no_delete BEFORE DELETE ON extended_feedback FOR EACH ROW EXECUTE FUNCTION feedback_reject_delete();
