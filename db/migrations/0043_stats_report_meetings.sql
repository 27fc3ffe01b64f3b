ALTER TABLE "stats_report_months" ADD COLUMN "with_meeting" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stats_report_months" ADD COLUMN "meetings_held" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stats_report_months" ADD COLUMN "concern_attended" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stats_report_months" ADD COLUMN "no_meeting" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- A report's meetings and who came to them move its month's meeting figures (issue 23, item 7).
CREATE FUNCTION stats_meeting_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM stats_report_changed(OLD.report_id); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM stats_report_changed(NEW.report_id); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER meetings_stats_changed AFTER INSERT OR UPDATE OR DELETE ON meetings
  FOR EACH ROW EXECUTE FUNCTION stats_meeting_changed();
--> statement-breakpoint
CREATE FUNCTION stats_invitation_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM stats_report_changed(m.report_id) FROM meetings m WHERE m.id = OLD.meeting_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM stats_report_changed(m.report_id) FROM meetings m WHERE m.id = NEW.meeting_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER meeting_invitations_stats_changed AFTER INSERT OR UPDATE OR DELETE ON meeting_invitations
  FOR EACH ROW EXECUTE FUNCTION stats_invitation_changed();
--> statement-breakpoint
-- The summaries built so far lack these columns: every month is built again.
INSERT INTO stats_changes (municipality_id, month)
SELECT DISTINCT municipality_id, to_char(received_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') FROM reports;
