-- A report's child number or receipt also decides "known before" for the reports linked to it by hand (issue 23,
-- item 7): a change to either marks their months too. Found in review: a number corrected on a linked report left
-- the other report's month summarised as it was.
CREATE FUNCTION stats_links_changed(report uuid) RETURNS void AS $$
  SELECT stats_report_changed(CASE WHEN rl.report_id = report THEN rl.linked_report_id ELSE rl.report_id END)
  FROM report_links rl WHERE rl.report_id = report OR rl.linked_report_id = report;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_reports_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM stats_changed(OLD.municipality_id, OLD.received_at);
    IF TG_OP = 'DELETE' OR OLD.child_number_hash IS DISTINCT FROM NEW.child_number_hash
        OR OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.municipality_id IS DISTINCT FROM NEW.municipality_id THEN
      PERFORM stats_child_changed(OLD.municipality_id, OLD.child_number_hash);
      PERFORM stats_links_changed(OLD.id);
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM stats_changed(NEW.municipality_id, NEW.received_at);
    PERFORM stats_child_changed(NEW.municipality_id, NEW.child_number_hash);
  ELSIF TG_OP = 'UPDATE' THEN
    IF OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.municipality_id IS DISTINCT FROM NEW.municipality_id THEN
      PERFORM stats_changed(NEW.municipality_id, NEW.received_at);
    END IF;
    IF OLD.child_number_hash IS DISTINCT FROM NEW.child_number_hash OR OLD.received_at IS DISTINCT FROM NEW.received_at
        OR OLD.municipality_id IS DISTINCT FROM NEW.municipality_id THEN
      PERFORM stats_child_changed(NEW.municipality_id, NEW.child_number_hash);
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Every month with reports is built again: a summary built before may have missed such a change.
INSERT INTO stats_changes (municipality_id, month)
SELECT DISTINCT municipality_id, to_char(received_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') FROM reports;
