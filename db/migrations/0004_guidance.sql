CREATE TYPE "public"."guidance_kind" AS ENUM('article', 'agreement');--> statement-breakpoint
CREATE TABLE "guidance_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"kind" "guidance_kind" DEFAULT 'article' NOT NULL,
	"sort_order" integer DEFAULT 100 NOT NULL,
	"published_version_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guidance_settings" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"contact" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "guidance_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title_sv" text NOT NULL,
	"title_en" text NOT NULL,
	"summary_sv" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"body_sv" text NOT NULL,
	"body_en" text NOT NULL,
	"legal_references" text[] DEFAULT '{}'::text[] NOT NULL,
	"reviewed_on" date NOT NULL,
	"next_review_on" date,
	"change_summary" text DEFAULT '' NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"published_by_id" uuid,
	"restored_from_number" integer
);
--> statement-breakpoint
ALTER TABLE "guidance_articles" ADD CONSTRAINT "guidance_articles_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_articles" ADD CONSTRAINT "guidance_articles_published_version_id_guidance_versions_id_fk" FOREIGN KEY ("published_version_id") REFERENCES "public"."guidance_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_settings" ADD CONSTRAINT "guidance_settings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_settings" ADD CONSTRAINT "guidance_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_versions" ADD CONSTRAINT "guidance_versions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_versions" ADD CONSTRAINT "guidance_versions_article_id_guidance_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."guidance_articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_versions" ADD CONSTRAINT "guidance_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_versions" ADD CONSTRAINT "guidance_versions_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "guidance_articles_slug_idx" ON "guidance_articles" USING btree ("municipality_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "guidance_versions_number_idx" ON "guidance_versions" USING btree ("article_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "guidance_versions_one_draft_idx" ON "guidance_versions" USING btree ("article_id") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "guidance_versions_municipality_idx" ON "guidance_versions" USING btree ("municipality_id");