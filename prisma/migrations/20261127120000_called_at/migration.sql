-- Seed 000 §19: R6 counts "from the repair request", i.e. when the customer called, which the
-- intake modal now records. Calls registered before this knew only when they were registered.
-- The generated NOT NULL column is split in three so that existing rows can be backfilled.

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "calledAt" TIMESTAMP(3);

-- Backfill: existing calls were called in when they were registered.
UPDATE "Ticket" SET "calledAt" = "receivedAt";

ALTER TABLE "Ticket" ALTER COLUMN "calledAt" SET NOT NULL;
