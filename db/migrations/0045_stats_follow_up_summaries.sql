CREATE TABLE "stats_activity_months" (
	"municipality_id" uuid NOT NULL,
	"month" text NOT NULL,
	"advice_total" integer NOT NULL,
	"advice_followed" integer NOT NULL,
	"advice_kind" integer[] NOT NULL,
	"advice_given" integer[] NOT NULL,
	"basic_due" integer NOT NULL,
	"basic_delivered" integer NOT NULL,
	"basic_on_time" integer NOT NULL,
	"extended_sent" integer NOT NULL,
	"trainings_held" integer NOT NULL,
	"training_participants" integer NOT NULL,
	CONSTRAINT "stats_activity_months_municipality_id_month_pk" PRIMARY KEY("municipality_id","month")
);
--> statement-breakpoint
CREATE TABLE "stats_unit_months" (
	"municipality_id" uuid NOT NULL,
	"month" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"reports" integer NOT NULL,
	"on_behalf" integer NOT NULL,
	"supplemented" integer NOT NULL,
	"calls" integer NOT NULL,
	CONSTRAINT "stats_unit_months_municipality_id_month_unit_id_pk" PRIMARY KEY("municipality_id","month","unit_id")
);
--> statement-breakpoint
ALTER TABLE "stats_activity_months" ADD CONSTRAINT "stats_activity_months_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_unit_months" ADD CONSTRAINT "stats_unit_months_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_registrations_attended_idx" ON "training_registrations" USING btree ("training_id","user_id") WHERE attended;
--> statement-breakpoint
-- The follow-up and the units by month (issue 23, item 7): each summary row counts events by their own date, so a
-- change marks the month of that date, as 0042 does for reports. The column is the trigger's argument.
CREATE FUNCTION stats_dated_row_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM stats_changed(OLD.municipality_id, (to_jsonb(OLD) ->> TG_ARGV[0])::timestamptz);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM stats_changed(NEW.municipality_id, (to_jsonb(NEW) ->> TG_ARGV[0])::timestamptz);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER advice_consultations_stats_changed AFTER INSERT OR UPDATE OR DELETE ON advice_consultations
  FOR EACH ROW EXECUTE FUNCTION stats_dated_row_changed('occurred_at');
--> statement-breakpoint
CREATE TRIGGER extended_feedback_stats_changed AFTER INSERT OR UPDATE OR DELETE ON extended_feedback
  FOR EACH ROW EXECUTE FUNCTION stats_dated_row_changed('sent_at');
--> statement-breakpoint
CREATE TRIGGER trainings_stats_changed AFTER INSERT OR UPDATE OR DELETE ON trainings
  FOR EACH ROW EXECUTE FUNCTION stats_dated_row_changed('starts_at');
--> statement-breakpoint
-- A report's decision date files its basic feedback; the advice call it quotes is "followed by a report".
CREATE FUNCTION stats_report_follow_up_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM stats_changed(OLD.municipality_id, OLD.decided_at);
    PERFORM stats_changed(a.municipality_id, a.occurred_at) FROM advice_consultations a
    WHERE a.id = OLD.advice_consultation_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM stats_changed(NEW.municipality_id, NEW.decided_at);
    PERFORM stats_changed(a.municipality_id, a.occurred_at) FROM advice_consultations a
    WHERE a.id = NEW.advice_consultation_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER reports_follow_up_stats_changed AFTER INSERT OR DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION stats_report_follow_up_changed();
--> statement-breakpoint
CREATE TRIGGER reports_follow_up_stats_updated AFTER UPDATE OF decided_at, advice_consultation_id ON reports
  FOR EACH ROW WHEN (OLD.decided_at IS DISTINCT FROM NEW.decided_at
    OR OLD.advice_consultation_id IS DISTINCT FROM NEW.advice_consultation_id)
  EXECUTE FUNCTION stats_report_follow_up_changed();
--> statement-breakpoint
-- Rows counted by their parent's date: basic feedback by its report's decision, registrations by their training.
CREATE FUNCTION stats_basic_feedback_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM stats_changed(r.municipality_id, r.decided_at) FROM reports r WHERE r.id = OLD.report_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM stats_changed(r.municipality_id, r.decided_at) FROM reports r WHERE r.id = NEW.report_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER basic_feedback_stats_changed AFTER INSERT OR UPDATE OR DELETE ON basic_feedback
  FOR EACH ROW EXECUTE FUNCTION stats_basic_feedback_changed();
--> statement-breakpoint
CREATE FUNCTION stats_registration_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM stats_changed(t.municipality_id, t.starts_at) FROM trainings t WHERE t.id = OLD.training_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM stats_changed(t.municipality_id, t.starts_at) FROM trainings t WHERE t.id = NEW.training_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER training_registrations_stats_changed AFTER INSERT OR UPDATE OR DELETE ON training_registrations
  FOR EACH ROW EXECUTE FUNCTION stats_registration_changed();
--> statement-breakpoint
-- A unit's kind also files its advice calls (the per-kind counts of the calls).
CREATE OR REPLACE FUNCTION stats_unit_changed() RETURNS trigger AS $$
BEGIN
  PERFORM stats_changed(r.municipality_id, r.received_at) FROM reports r WHERE r.unit_id = NEW.id;
  PERFORM stats_changed(a.municipality_id, a.occurred_at) FROM advice_consultations a WHERE a.caller_unit_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Nothing is summarised here yet: every month that has something to count is to be built.
INSERT INTO stats_changes (municipality_id, month)
SELECT DISTINCT municipality_id, to_char(at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') FROM (
  SELECT municipality_id, received_at AS at FROM reports
  UNION ALL SELECT municipality_id, decided_at FROM reports WHERE decided_at IS NOT NULL
  UNION ALL SELECT municipality_id, occurred_at FROM advice_consultations
  UNION ALL SELECT municipality_id, sent_at FROM extended_feedback
  UNION ALL SELECT municipality_id, starts_at FROM trainings
) dated;
