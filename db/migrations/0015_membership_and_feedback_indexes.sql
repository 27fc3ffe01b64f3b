CREATE INDEX "memberships_municipality_role_idx" ON "memberships" USING btree ("municipality_id","role");--> statement-breakpoint
CREATE INDEX "units_serves_idx" ON "units" USING btree ("serves_unit_id");--> statement-breakpoint
CREATE INDEX "extended_feedback_sent_idx" ON "extended_feedback" USING btree ("municipality_id","sent_at");