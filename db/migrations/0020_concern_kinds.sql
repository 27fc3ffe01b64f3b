-- Kinds of concern (issue 20): each municipality's list, the kinds reception sets on a report, the reporter's
-- suggestion, and the age band and days from observation to report, fixed at receipt.
CREATE TABLE "concern_kinds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label_sv" text,
	"label_en" text,
	"violence" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer NOT NULL,
	"submission_key" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_concern_kinds" (
	"report_id" uuid NOT NULL,
	"kind_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	CONSTRAINT "report_concern_kinds_report_id_kind_id_pk" PRIMARY KEY("report_id","kind_id")
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "suggested_kind_id" uuid;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "age_band" "age_band";--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "days_to_report" integer;--> statement-breakpoint
ALTER TABLE "concern_kinds" ADD CONSTRAINT "concern_kinds_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_concern_kinds" ADD CONSTRAINT "report_concern_kinds_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_concern_kinds" ADD CONSTRAINT "report_concern_kinds_kind_id_concern_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."concern_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_concern_kinds" ADD CONSTRAINT "report_concern_kinds_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_suggested_kind_id_concern_kinds_id_fk" FOREIGN KEY ("suggested_kind_id") REFERENCES "public"."concern_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "concern_kinds_code_idx" ON "concern_kinds" USING btree ("municipality_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "concern_kinds_label_idx" ON "concern_kinds" USING btree ("municipality_id",lower("label_sv"));--> statement-breakpoint
CREATE UNIQUE INDEX "concern_kinds_submission_idx" ON "concern_kinds" USING btree ("submission_key");--> statement-breakpoint
CREATE INDEX "report_concern_kinds_kind_idx" ON "report_concern_kinds" USING btree ("kind_id");--> statement-breakpoint
-- The defaults of app/domain/concern-kinds.ts (same codes, flags and order) for every municipality there is.
INSERT INTO "concern_kinds" ("municipality_id", "code", "violence", "position")
SELECT m."id", d."code", d."violence", d."position"
FROM "municipalities" m
CROSS JOIN (VALUES
	('physical_violence', true, 1),
	('sexual_abuse', true, 2),
	('psychological_violence', false, 3),
	('witnessing_violence', true, 4),
	('neglect', false, 5),
	('honour_related', false, 6),
	('own_behaviour', false, 7),
	('school_absence', false, 8),
	('parental_substance_or_mental_illness', false, 9),
	('other', false, 10)
) AS d("code", "violence", "position");--> statement-breakpoint
-- Existing reports get the facts as app/domain/receipt-facts.ts computes them: the Stockholm day of receipt, the age in
-- whole years on it (from the birth date, which every report with a valid identity number also holds), no band from
-- 18 on, and no day count for an observation after the receipt.
UPDATE "reports" r SET
	"age_band" = (
		SELECT CASE
			WHEN a.years < 0 THEN NULL
			WHEN a.years <= 2 THEN '0-2'
			WHEN a.years <= 5 THEN '3-5'
			WHEN a.years <= 9 THEN '6-9'
			WHEN a.years <= 12 THEN '10-12'
			WHEN a.years <= 15 THEN '13-15'
			WHEN a.years <= 17 THEN '16-17'
		END::"age_band"
		FROM (
			SELECT CASE
				WHEN r."child_birth_date" IS NULL THEN NULL
				WHEN (r."received_at" AT TIME ZONE 'Europe/Stockholm')::date < r."child_birth_date" THEN -1
				ELSE date_part('year', age((r."received_at" AT TIME ZONE 'Europe/Stockholm')::date, r."child_birth_date"))::int
			END AS years
		) a
	),
	"days_to_report" = CASE
		WHEN r."observed_on" IS NULL THEN NULL
		WHEN (r."received_at" AT TIME ZONE 'Europe/Stockholm')::date < r."observed_on" THEN NULL
		ELSE (r."received_at" AT TIME ZONE 'Europe/Stockholm')::date - r."observed_on"
	END;
