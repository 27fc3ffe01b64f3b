-- Step-up (issue 22, item 10): when this session last gave its second factor, at sign-in or again at /login/confirm.
ALTER TABLE "sessions" ADD COLUMN "second_factor_at" timestamp with time zone;
