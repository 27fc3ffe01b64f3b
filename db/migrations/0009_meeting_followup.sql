ALTER TABLE "meeting_invitations" ADD COLUMN "attended" boolean;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "reminder_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "held_at" timestamp with time zone;