-- Earlier reports about the same child (issue 20): reports linked by hand, and the index that finds a child's reports
-- by personal identity number within a municipality.
CREATE TABLE "report_links" (
	"municipality_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"linked_report_id" uuid NOT NULL,
	"linked_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_links_municipality_id_report_id_linked_report_id_pk" PRIMARY KEY("municipality_id","report_id","linked_report_id"),
	CONSTRAINT "report_links_once" CHECK ("report_links"."report_id" < "report_links"."linked_report_id")
);
--> statement-breakpoint
ALTER TABLE "report_links" ADD CONSTRAINT "report_links_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_links" ADD CONSTRAINT "report_links_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_links" ADD CONSTRAINT "report_links_linked_report_id_reports_id_fk" FOREIGN KEY ("linked_report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_links" ADD CONSTRAINT "report_links_linked_by_id_users_id_fk" FOREIGN KEY ("linked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_links_linked_idx" ON "report_links" USING btree ("municipality_id","linked_report_id");--> statement-breakpoint
CREATE INDEX "reports_child_number_idx" ON "reports" USING btree ("municipality_id","child_personal_number") WHERE child_personal_number is not null;
