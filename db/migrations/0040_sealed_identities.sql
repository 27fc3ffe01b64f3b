-- Identities sealed in the application (issue 22, item 9; decision 021): the child's number is found by its keyed hash.
-- Existing rows are sealed and hashed at the next server start (app/models/report-identity.server.ts).
ALTER TABLE "reports" ADD COLUMN "child_number_hash" text;--> statement-breakpoint
DROP INDEX "reports_child_number_idx";--> statement-breakpoint
CREATE INDEX "reports_child_number_idx" ON "reports" USING btree ("municipality_id","child_number_hash") WHERE child_number_hash is not null;
