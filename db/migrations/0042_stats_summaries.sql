CREATE TABLE "stats_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stats_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"municipality_id" uuid NOT NULL,
	"month" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_report_months" (
	"municipality_id" uuid NOT NULL,
	"month" text NOT NULL,
	"source" text NOT NULL,
	"n" integer NOT NULL,
	"decided" integer NOT NULL,
	"opened" integer NOT NULL,
	"assessed" integer NOT NULL,
	"assessed_in_time" integer NOT NULL,
	"decided_in_time" integer NOT NULL,
	"heard_known" integer NOT NULL,
	"heard" integer NOT NULL,
	"not_opened_answered" integer NOT NULL,
	"not_opened_concern" integer NOT NULL,
	"known_before" integer NOT NULL,
	"violent_decided" integer NOT NULL,
	"police_considered" integer NOT NULL,
	"second_looked" integer NOT NULL,
	"returned" integer NOT NULL,
	"decision_days" double precision[] NOT NULL,
	CONSTRAINT "stats_report_months_municipality_id_month_source_pk" PRIMARY KEY("municipality_id","month","source")
);
--> statement-breakpoint
ALTER TABLE "stats_report_months" ADD CONSTRAINT "stats_report_months_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stats_changes_month_idx" ON "stats_changes" USING btree ("municipality_id","month");--> statement-breakpoint-- Exact summaries for /stats (issue 23, item 7): every change that can move a month's report figures records that
-- month in stats_changes, in its own transaction; /stats counts such months from the rows and the summary job
-- rebuilds them (app/models/stats-summary.server.ts). A report's figures depend on its own row, its unit's kind, its
-- kinds of concern (and their violence flag), its second looks, and "known before" (other reports about the child, by
-- number or by a link by hand): each of those tables marks the months of the reports it touches.
CREATE FUNCTION stats_changed(m uuid, at timestamptz) RETURNS void AS $$
  INSERT INTO stats_changes (municipality_id, month)
  SELECT m, to_char(at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') WHERE m IS NOT NULL AND at IS NOT NULL;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE FUNCTION stats_report_changed(report uuid) RETURNS void AS $$
  SELECT stats_changed(r.municipality_id, r.received_at) FROM reports r WHERE r.id = report;
$$ LANGUAGE sql;
--> statement-breakpoint
-- The reports about the same child by number: their "known before" can change with this one.
CREATE FUNCTION stats_child_changed(m uuid, child_hash text) RETURNS void AS $$
  SELECT stats_changed(r.municipality_id, r.received_at) FROM reports r
  WHERE child_hash IS NOT NULL AND r.municipality_id = m AND r.child_number_hash = child_hash;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE FUNCTION stats_reports_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM stats_changed(OLD.municipality_id, OLD.received_at);
    IF TG_OP = 'DELETE' OR OLD.child_number_hash IS DISTINCT FROM NEW.child_number_hash
        OR OLD.received_at IS DISTINCT FROM NEW.received_at THEN
      PERFORM stats_child_changed(OLD.municipality_id, OLD.child_number_hash);
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM stats_changed(NEW.municipality_id, NEW.received_at);
    PERFORM stats_child_changed(NEW.municipality_id, NEW.child_number_hash);
  ELSIF TG_OP = 'UPDATE' THEN
    IF OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.municipality_id IS DISTINCT FROM NEW.municipality_id THEN
      PERFORM stats_changed(NEW.municipality_id, NEW.received_at);
    END IF;
    IF OLD.child_number_hash IS DISTINCT FROM NEW.child_number_hash OR OLD.received_at IS DISTINCT FROM NEW.received_at THEN
      PERFORM stats_child_changed(NEW.municipality_id, NEW.child_number_hash);
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER reports_stats_changed AFTER INSERT OR UPDATE OR DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION stats_reports_changed();
--> statement-breakpoint
-- Rows that belong to one report: its kinds of concern and its second looks.
CREATE FUNCTION stats_report_part_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM stats_report_changed(OLD.report_id); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM stats_report_changed(NEW.report_id); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER report_concern_kinds_stats_changed AFTER INSERT OR UPDATE OR DELETE ON report_concern_kinds
  FOR EACH ROW EXECUTE FUNCTION stats_report_part_changed();
--> statement-breakpoint
CREATE TRIGGER decision_reviews_stats_changed AFTER INSERT OR UPDATE OR DELETE ON decision_reviews
  FOR EACH ROW EXECUTE FUNCTION stats_report_part_changed();
--> statement-breakpoint
-- A link by hand makes the two reports about one child: both sides' "known before" can change.
CREATE FUNCTION stats_report_links_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM stats_report_changed(OLD.report_id);
    PERFORM stats_report_changed(OLD.linked_report_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM stats_report_changed(NEW.report_id);
    PERFORM stats_report_changed(NEW.linked_report_id);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER report_links_stats_changed AFTER INSERT OR UPDATE OR DELETE ON report_links
  FOR EACH ROW EXECUTE FUNCTION stats_report_links_changed();
--> statement-breakpoint
-- A kind of concern that becomes (or stops being) violence moves the figures of every report that has it.
CREATE FUNCTION stats_concern_kind_changed() RETURNS trigger AS $$
BEGIN
  PERFORM stats_report_changed(rk.report_id) FROM report_concern_kinds rk WHERE rk.kind_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER concern_kinds_stats_changed AFTER UPDATE OF violence ON concern_kinds
  FOR EACH ROW WHEN (OLD.violence IS DISTINCT FROM NEW.violence) EXECUTE FUNCTION stats_concern_kind_changed();
--> statement-breakpoint
-- A unit's kind decides its reports' source.
CREATE FUNCTION stats_unit_changed() RETURNS trigger AS $$
BEGIN
  PERFORM stats_changed(r.municipality_id, r.received_at) FROM reports r WHERE r.unit_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER units_stats_changed AFTER UPDATE OF kind ON units
  FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION stats_unit_changed();
--> statement-breakpoint
-- What is already there has no summary yet: every month with reports is to be built.
INSERT INTO stats_changes (municipality_id, month)
SELECT DISTINCT municipality_id, to_char(received_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') FROM reports;
