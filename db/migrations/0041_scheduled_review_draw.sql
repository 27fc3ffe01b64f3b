-- The monthly quality-review sample is drawn by the portal itself once the month is over (issue 20): no user drew it.
ALTER TABLE "review_samples" ALTER COLUMN "drawn_by_id" DROP NOT NULL;
