-- Rows per page in the long lists, remembered per user (issue 24, item 1): 25 by default, 50 or 100 by choice.
ALTER TABLE "users" ADD COLUMN "list_rows" smallint DEFAULT 25 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_list_rows_check" CHECK ("users"."list_rows" in (25, 50, 100));
