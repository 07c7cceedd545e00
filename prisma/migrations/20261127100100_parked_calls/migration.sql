-- AlterEnum
ALTER TYPE "EscalationKind" ADD VALUE 'COMPLETION_OVERDUE';

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "completionAlertedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Ticket_status_expectedCompletionAt_idx" ON "Ticket"("status", "expectedCompletionAt");

