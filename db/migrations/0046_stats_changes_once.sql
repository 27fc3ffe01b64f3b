-- A month is recorded as changed once per transaction (issue 23, item 7): a backfill that writes a million rows in one
-- transaction recorded a million changes, which every read and every round of the summary job then had to wade
-- through. The transaction's id is part of the key, so two transactions never wait for each other here, and each
-- one's change stays until a rebuild has seen it. Changes recorded before keep no transaction (null: all distinct).
ALTER TABLE "stats_changes" ADD COLUMN "tx" bigint;--> statement-breakpoint
ALTER TABLE "stats_changes" ALTER COLUMN "tx" SET DEFAULT (pg_current_xact_id()::text)::bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "stats_changes_once_idx" ON "stats_changes" USING btree ("municipality_id","month","tx");--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_changed(m uuid, at timestamptz) RETURNS void AS $$
  INSERT INTO stats_changes (municipality_id, month)
  SELECT m, to_char(at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') WHERE m IS NOT NULL AND at IS NOT NULL
  ON CONFLICT DO NOTHING;
$$ LANGUAGE sql;
