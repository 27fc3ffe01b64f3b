-- The steering group's log (issue 21, item 8): meetings, agenda items (each may point at a figure on /stats) with the
-- decision taken, and actions with an owner and a due date, open until closed.
CREATE TABLE "steering_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submission_key" uuid
);
--> statement-breakpoint
CREATE TABLE "steering_agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"figure" text,
	"notes" text DEFAULT '' NOT NULL,
	"decision" text DEFAULT '' NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submission_key" uuid
);
--> statement-breakpoint
CREATE TABLE "steering_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"description" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submission_key" uuid,
	"closed_at" timestamp with time zone,
	"closed_by_id" uuid,
	"closing_note" text,
	CONSTRAINT "steering_actions_closed" CHECK (("steering_actions"."closed_at" is null) = ("steering_actions"."closed_by_id" is null))
);
--> statement-breakpoint
ALTER TABLE "steering_meetings" ADD CONSTRAINT "steering_meetings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_meetings" ADD CONSTRAINT "steering_meetings_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_agenda_items" ADD CONSTRAINT "steering_agenda_items_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_agenda_items" ADD CONSTRAINT "steering_agenda_items_meeting_id_steering_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."steering_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_agenda_items" ADD CONSTRAINT "steering_agenda_items_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_actions" ADD CONSTRAINT "steering_actions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_actions" ADD CONSTRAINT "steering_actions_meeting_id_steering_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."steering_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_actions" ADD CONSTRAINT "steering_actions_agenda_item_id_steering_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."steering_agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_actions" ADD CONSTRAINT "steering_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_actions" ADD CONSTRAINT "steering_actions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_actions" ADD CONSTRAINT "steering_actions_closed_by_id_users_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "steering_meetings_submission_idx" ON "steering_meetings" USING btree ("submission_key");--> statement-breakpoint
CREATE INDEX "steering_meetings_list_idx" ON "steering_meetings" USING btree ("municipality_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "steering_agenda_items_submission_idx" ON "steering_agenda_items" USING btree ("submission_key");--> statement-breakpoint
CREATE INDEX "steering_agenda_items_meeting_idx" ON "steering_agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "steering_actions_submission_idx" ON "steering_actions" USING btree ("submission_key");--> statement-breakpoint
CREATE INDEX "steering_actions_open_idx" ON "steering_actions" USING btree ("municipality_id","closed_at","due_on");--> statement-breakpoint
CREATE INDEX "steering_actions_meeting_idx" ON "steering_actions" USING btree ("meeting_id");
