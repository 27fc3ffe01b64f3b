-- A role that reads the audit log and manages nothing (issue 22): the administrators' changes are reviewed by someone
-- who is not one of them.
ALTER TYPE "public"."role" ADD VALUE 'security_reviewer';
