-- The reporter survey's answers become tallies (docs/decisions/017). A row per answer was written by the same
-- transaction as the reporter's "answered" marker, so the two rows shared a transaction id (xmin) and joined the
-- answer back to its report and reporter. Tallies have no row per answer, and every answer touches every row of its
-- cell (municipality, month, kind of unit), so a transaction id shared with a marker names the cell, not the answers.
CREATE TYPE "public"."survey_question" AS ENUM('timely', 'meetingUseful', 'callAgain');--> statement-breakpoint
CREATE TABLE "reporter_survey_tallies" (
	"municipality_id" uuid NOT NULL,
	"month" text NOT NULL,
	"unit_kind" "survey_unit_kind" NOT NULL,
	"question" "survey_question" NOT NULL,
	"answer" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "reporter_survey_tallies_municipality_id_month_unit_kind_question_answer_pk" PRIMARY KEY("municipality_id","month","unit_kind","question","answer"),
	CONSTRAINT "reporter_survey_tallies_month" CHECK ("reporter_survey_tallies"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "reporter_survey_tallies_answer" CHECK (("reporter_survey_tallies"."question" = 'timely' and "reporter_survey_tallies"."answer" in ('yes', 'no', 'unsure')) or ("reporter_survey_tallies"."question" = 'meetingUseful' and "reporter_survey_tallies"."answer" in ('yes', 'no', 'no_meeting')) or ("reporter_survey_tallies"."question" = 'callAgain' and "reporter_survey_tallies"."answer" in ('yes', 'no', 'unsure'))),
	CONSTRAINT "reporter_survey_tallies_count" CHECK ("reporter_survey_tallies"."count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "reporter_survey_tallies" ADD CONSTRAINT "reporter_survey_tallies_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Every pair of every cell that has an answer, with 0 where no one chose it, as answerSurvey keeps them.
INSERT INTO "reporter_survey_tallies" ("municipality_id", "month", "unit_kind", "question", "answer", "count")
SELECT c."municipality_id", c."month", c."unit_kind", p."question"::"survey_question", p."answer",
	(SELECT count(*) FROM "reporter_survey_answers" a
		WHERE a."municipality_id" = c."municipality_id" AND a."month" = c."month" AND a."unit_kind" = c."unit_kind"
			AND CASE p."question"
				WHEN 'timely' THEN a."timely"::text
				WHEN 'meetingUseful' THEN a."meeting_useful"::text
				ELSE a."call_again"::text
			END = p."answer")::integer
FROM (SELECT DISTINCT "municipality_id", "month", "unit_kind" FROM "reporter_survey_answers") c
CROSS JOIN (VALUES
	('timely', 'yes'), ('timely', 'no'), ('timely', 'unsure'),
	('meetingUseful', 'yes'), ('meetingUseful', 'no'), ('meetingUseful', 'no_meeting'),
	('callAgain', 'yes'), ('callAgain', 'no'), ('callAgain', 'unsure')
) AS p("question", "answer");--> statement-breakpoint
DROP TABLE "reporter_survey_answers";--> statement-breakpoint
DROP TYPE "public"."survey_timely";--> statement-breakpoint
DROP TYPE "public"."survey_meeting_useful";--> statement-breakpoint
DROP TYPE "public"."survey_call_again";
