-- Guidance that says only what the law says (issue 21, items 12 and 14).
--
-- "Last reviewed" only when someone reviewed it: reviewed_on becomes nullable and names its reviewer, both or neither.
-- No existing row records who reviewed it. The editor required a date and prefilled it (with the version before's
-- date, or today for a new article), and the demo seed wrote a date nobody had checked, so no stored date proves a
-- review: they are all cleared. A coordinator marks a version reviewed again after checking it against the enacted
-- law, and only then does "last reviewed" show (and its legal references count as checked).
ALTER TABLE "guidance_versions" ALTER COLUMN "reviewed_on" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "guidance_versions" ADD COLUMN "reviewed_by_id" uuid;--> statement-breakpoint
ALTER TABLE "guidance_versions" ADD CONSTRAINT "guidance_versions_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "guidance_versions" SET "reviewed_on" = NULL;--> statement-breakpoint
ALTER TABLE "guidance_versions" ADD CONSTRAINT "guidance_versions_reviewed_check" CHECK (("guidance_versions"."reviewed_on" is null) = ("guidance_versions"."reviewed_by_id" is null));--> statement-breakpoint
-- "What changed" in both languages. The one column held Swedish: the demo seed wrote the Swedish text of its two
-- agreement versions (app/demo/seed.server.ts took changeSummary.sv) and coordinators write in the Swedish-first
-- editor, so it becomes change_summary_sv and English starts empty (pages fall back to the other language). Rows
-- that still hold a seed text exactly get the seed's English beside it; anything else waits for a coordinator.
ALTER TABLE "guidance_versions" RENAME COLUMN "change_summary" TO "change_summary_sv";--> statement-breakpoint
ALTER TABLE "guidance_versions" ADD COLUMN "change_summary_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE "guidance_versions" SET "change_summary_en" = 'The 2014 agreement has been revised: shared phone advice, written reports, feedback by letter and two coordinators, one in each administration.'
  WHERE "change_summary_sv" = 'Överenskommelsen från 2014 är omarbetad: gemensam rådgivning per telefon, skriftliga anmälningar, återkoppling per brev och två samordnare, en i varje förvaltning.' AND "change_summary_en" = '';--> statement-breakpoint
UPDATE "guidance_versions" SET "change_summary_en" = 'The agreement now rests on the Tillsammans portal: advice, reports, report meetings and feedback go through the portal instead of forms and letters. Feedback is given within a set time following the 2026 change in the law, and extended feedback requires a consent in the portal''s consent register. Trainings are gathered in a shared calendar, and check-ins with units are based on the statistics.'
  WHERE "change_summary_sv" = 'Överenskommelsen bygger nu på portalen Tillsammans: rådgivning, anmälan, anmälningsmöten och återkoppling går genom portalen i stället för blanketter och brev. Återkoppling ges inom en bestämd tid enligt lagändringen 2026, och utökad återkoppling förutsätter ett samtycke i portalens samtyckesregister. Utbildningarna samlas i en gemensam kalender, och avstämningar med enheter utgår från statistiken.' AND "change_summary_en" = '';
