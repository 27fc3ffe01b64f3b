ALTER TABLE "report_notes" ADD COLUMN "submission_key" uuid;--> statement-breakpoint
ALTER TABLE "report_supplements" ADD COLUMN "submission_key" uuid;--> statement-breakpoint
ALTER TABLE "supplement_requests" ADD COLUMN "submission_key" uuid;--> statement-breakpoint
ALTER TABLE "advice_amendments" ADD COLUMN "submission_key" uuid;--> statement-breakpoint
ALTER TABLE "advice_consultations" ADD COLUMN "submission_key" uuid;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "submission_key" uuid;--> statement-breakpoint
ALTER TABLE "trainings" ADD COLUMN "submission_key" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "report_notes_submission_idx" ON "report_notes" USING btree ("submission_key");--> statement-breakpoint
CREATE UNIQUE INDEX "report_supplements_submission_idx" ON "report_supplements" USING btree ("submission_key");--> statement-breakpoint
CREATE UNIQUE INDEX "supplement_requests_submission_idx" ON "supplement_requests" USING btree ("submission_key");--> statement-breakpoint
CREATE UNIQUE INDEX "advice_amendments_submission_idx" ON "advice_amendments" USING btree ("submission_key");--> statement-breakpoint
CREATE UNIQUE INDEX "advice_submission_idx" ON "advice_consultations" USING btree ("submission_key");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_submission_idx" ON "meetings" USING btree ("submission_key");--> statement-breakpoint
CREATE UNIQUE INDEX "trainings_submission_idx" ON "trainings" USING btree ("submission_key");