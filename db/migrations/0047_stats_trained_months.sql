CREATE TABLE "stats_trained_months" (
	"municipality_id" uuid NOT NULL,
	"month" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"attended" integer NOT NULL,
	CONSTRAINT "stats_trained_months_municipality_id_month_unit_id_pk" PRIMARY KEY("municipality_id","month","unit_id")
);
--> statement-breakpoint
ALTER TABLE "stats_trained_months" ADD CONSTRAINT "stats_trained_months_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Which units have staff trained on the reporting duty (issue 23, item 7): counted by the month the training started,
-- as the people and their memberships are now. Besides a training or a registration (0045's triggers), a
-- membership or a person's active flag changes it: each marks the months of that person's attended trainings.
CREATE FUNCTION stats_attendances_changed(person uuid) RETURNS void AS $$
  SELECT stats_changed(t.municipality_id, t.starts_at) FROM training_registrations tr
  JOIN trainings t ON t.id = tr.training_id
  WHERE tr.user_id = person AND tr.attended AND t.topic = 'reporting_duty';
$$ LANGUAGE sql;
--> statement-breakpoint
-- The column that names the person is the trigger's argument.
CREATE FUNCTION stats_member_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM stats_attendances_changed((to_jsonb(OLD) ->> TG_ARGV[0])::uuid);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM stats_attendances_changed((to_jsonb(NEW) ->> TG_ARGV[0])::uuid);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER memberships_stats_changed AFTER INSERT OR UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION stats_member_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER users_stats_changed AFTER UPDATE OF active, municipality_id ON users
  FOR EACH ROW WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.municipality_id IS DISTINCT FROM NEW.municipality_id)
  EXECUTE FUNCTION stats_member_changed('id');
--> statement-breakpoint
-- Nothing is summarised here yet: every month with a reporting-duty training is to be built.
INSERT INTO stats_changes (municipality_id, month)
SELECT DISTINCT municipality_id, to_char(starts_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') FROM trainings
WHERE topic = 'reporting_duty'
ON CONFLICT DO NOTHING;
