-- Every copy of an escalation's alert is now brought up to date by the outbox (effect
-- "escalation-copies", queued with each change). Resolved escalations whose copies the ladder had not
-- rewritten yet are queued here, before the column that tracked them goes.
SELECT graphile_worker.add_job(
  'slack',
  json_build_object('kind', 'escalation-copies', 'ticketId', "ticketId", 'escalationId', "id"),
  queue_name => 'ticket:' || "ticketId",
  max_attempts => 10,
  job_key => 'escalation:' || "id" || ':copies',
  job_key_mode => 'replace'
)
FROM "Escalation"
WHERE "resolvedAt" IS NOT NULL AND "resolutionShownAt" IS NULL AND "ticketId" IS NOT NULL;

-- DropIndex
DROP INDEX "Escalation_resolvedAt_resolutionShownAt_idx";

-- AlterTable
ALTER TABLE "Escalation" DROP COLUMN "resolutionShownAt";

