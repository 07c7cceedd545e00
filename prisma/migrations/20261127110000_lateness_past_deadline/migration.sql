-- R6: an arrival's lateness is now the minutes past its deadline on the clock, rounded up
-- (domain/deadline.ts `lateness`), no longer the working minutes, which made an arrival after
-- closing 0 minutes late. Stored arrivals are counted again the same way, so old cards, the
-- history and the on-time rate agree with new ones.
UPDATE "Ticket"
SET "lateByMinutes" = CASE
  WHEN "arrivedAt" > "arrivalDeadline" THEN CEIL(EXTRACT(EPOCH FROM ("arrivedAt" - "arrivalDeadline")) / 60)::int
  ELSE 0
END
WHERE "arrivedAt" IS NOT NULL AND "arrivalDeadline" IS NOT NULL;
