-- The time from receipt to decision kept as whole seconds instead of days as floats (issue 23, item 7): /stats reads
-- thousands of them a request, and integers cost PostgreSQL less to send. The summaries are built again: every
-- month with reports is marked, and counted from the rows until the job has rebuilt it.
DELETE FROM "stats_report_months";--> statement-breakpoint
ALTER TABLE "stats_report_months" DROP COLUMN "decision_days";--> statement-breakpoint
ALTER TABLE "stats_report_months" ADD COLUMN "decision_seconds" integer[] NOT NULL;--> statement-breakpoint
INSERT INTO stats_changes (municipality_id, month)
SELECT DISTINCT municipality_id, to_char(received_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') FROM reports
ON CONFLICT DO NOTHING;
