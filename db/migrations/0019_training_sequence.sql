-- The SEQUENCE of the last calendar entry (a REQUEST) e-mailed to a registrant; null when none was.
ALTER TABLE "training_registrations" ADD COLUMN "calendar_sequence" integer;
