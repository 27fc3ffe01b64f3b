-- A threatened reporter's request that their identity be kept from the family, with its reason, and social services'
-- own "threat" flag with who changed it last and when (issue 21). Earlier reports asked for nothing and are not flagged.
ALTER TABLE "reports" ADD COLUMN "identity_protection_requested" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "identity_protection_reason" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "threat_flag" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "threat_flag_changed_by_id" uuid;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "threat_flag_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_threat_flag_changed_by_id_users_id_fk" FOREIGN KEY ("threat_flag_changed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_identity_protection_reason" CHECK ("reports"."identity_protection_reason" is null or "reports"."identity_protection_requested");
