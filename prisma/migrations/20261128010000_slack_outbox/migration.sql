-- DropForeignKey
ALTER TABLE "TicketNotice" DROP CONSTRAINT "TicketNotice_ticketId_fkey";

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "slackPostStartedAt" TIMESTAMP(3);

-- The outbox replaces TicketNotice: lines the CLI left and the bot had not posted yet are queued
-- for the outbox (graphile-worker's schema is installed before these migrations run).
SELECT graphile_worker.add_job(
  'slack',
  json_build_object(
    'kind', 'ticket-line',
    'ticketId', "ticketId",
    'line', json_build_object('kind', 'entry', 'entry', json_build_object(
      'at', to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'actor', json_build_object('system', "actor"),
      'event', json_build_object('kind', 'deadline-moved', 'from', "data"->>'from', 'to', "data"->>'to')
    ))
  ),
  queue_name => 'ticket:' || "ticketId",
  max_attempts => 10
)
FROM "TicketNotice"
WHERE "postedAt" IS NULL AND "kind" = 'deadline-moved';

-- DropTable
DROP TABLE "TicketNotice";

-- CreateTable
CREATE TABLE "SlackEffectFailure" (
    "id" SERIAL NOT NULL,
    "effect" JSONB NOT NULL,
    "ticketId" INTEGER,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "failedAt" TIMESTAMP(3) NOT NULL,
    "resentAt" TIMESTAMP(3),
    "resentBy" TEXT,

    CONSTRAINT "SlackEffectFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SlackEffectFailure_resentAt_failedAt_idx" ON "SlackEffectFailure"("resentAt", "failedAt");

