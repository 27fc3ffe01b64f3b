CREATE TABLE "identity_group_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"group_name" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"proposed_by_id" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by_id" uuid,
	"approved_at" timestamp with time zone,
	CONSTRAINT "identity_group_roles_second_admin" CHECK ("identity_group_roles"."approved_by_id" is null or ("identity_group_roles"."approved_by_id" <> "identity_group_roles"."proposed_by_id" and "identity_group_roles"."approved_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "from_provider" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "provider_issuer" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "provider_sid" text;--> statement-breakpoint
ALTER TABLE "identity_group_roles" ADD CONSTRAINT "identity_group_roles_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_group_roles" ADD CONSTRAINT "identity_group_roles_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_group_roles" ADD CONSTRAINT "identity_group_roles_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_group_roles" ADD CONSTRAINT "identity_group_roles_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "identity_group_roles_mapping_idx" ON "identity_group_roles" USING btree ("municipality_id","group_name","unit_id","role");--> statement-breakpoint
CREATE INDEX "sessions_provider_sid_idx" ON "sessions" USING btree ("provider_issuer","provider_sid");