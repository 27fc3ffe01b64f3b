CREATE TYPE "public"."advice_channel" AS ENUM('phone', 'video', 'visit', 'email');--> statement-breakpoint
CREATE TYPE "public"."advice_kind" AS ENUM('report_now', 'report_after_observing', 'call_emergency', 'talk_to_health_team_or_principal', 'no_report_needed', 'referral');--> statement-breakpoint
CREATE TYPE "public"."age_band" AS ENUM('0-2', '3-5', '6-9', '10-12', '13-15', '16-17');--> statement-breakpoint
CREATE TYPE "public"."caller_role" AS ENUM('teacher', 'preschool_teacher', 'principal', 'student_health', 'other_staff');--> statement-breakpoint
CREATE TABLE "advice_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advice_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"code" text NOT NULL,
	"author_id" uuid NOT NULL,
	"reception_unit_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"channel" "advice_channel" NOT NULL,
	"caller_unit_id" uuid,
	"caller_role" "caller_role" NOT NULL,
	"caller_user_id" uuid,
	"concerns" text[] DEFAULT '{}'::text[] NOT NULL,
	"age_band" "age_band",
	"acute" boolean DEFAULT false NOT NULL,
	"summary" text NOT NULL,
	"advice" "advice_kind" NOT NULL,
	"advice_note" text DEFAULT '' NOT NULL,
	"follow_up" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "advice_consultation_id" uuid;--> statement-breakpoint
ALTER TABLE "advice_amendments" ADD CONSTRAINT "advice_amendments_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_amendments" ADD CONSTRAINT "advice_amendments_consultation_id_advice_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."advice_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_amendments" ADD CONSTRAINT "advice_amendments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_consultations" ADD CONSTRAINT "advice_consultations_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_consultations" ADD CONSTRAINT "advice_consultations_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_consultations" ADD CONSTRAINT "advice_consultations_reception_unit_id_units_id_fk" FOREIGN KEY ("reception_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_consultations" ADD CONSTRAINT "advice_consultations_caller_unit_id_units_id_fk" FOREIGN KEY ("caller_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advice_consultations" ADD CONSTRAINT "advice_consultations_caller_user_id_users_id_fk" FOREIGN KEY ("caller_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advice_amendments_consultation_idx" ON "advice_amendments" USING btree ("consultation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "advice_code_idx" ON "advice_consultations" USING btree ("municipality_id","code");--> statement-breakpoint
CREATE INDEX "advice_occurred_idx" ON "advice_consultations" USING btree ("municipality_id","occurred_at");--> statement-breakpoint
CREATE INDEX "advice_caller_unit_idx" ON "advice_consultations" USING btree ("caller_unit_id","occurred_at");--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_advice_consultation_id_advice_consultations_id_fk" FOREIGN KEY ("advice_consultation_id") REFERENCES "public"."advice_consultations"("id") ON DELETE no action ON UPDATE no action;