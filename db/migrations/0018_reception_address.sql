ALTER TABLE "municipalities" ADD COLUMN "reception_address" text;
