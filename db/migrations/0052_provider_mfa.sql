ALTER TABLE "sessions" ADD COLUMN "provider_mfa" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_providers" ADD COLUMN "mfa_acr_values" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_providers" ADD COLUMN "second_factor_roles" "role"[] DEFAULT '{}'::role[] NOT NULL;--> statement-breakpoint
ALTER TABLE "oidc_sign_ins" ADD COLUMN "max_age" integer;