-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "expectedCompletionAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "VisitReport" ADD COLUMN     "submissionKey" TEXT;

-- AlterTable
ALTER TABLE "PartUsage" ADD COLUMN     "loanId" INTEGER;

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "expectedBy" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "EscalationMessage" ADD COLUMN     "staffId" INTEGER;

-- AlterTable
ALTER TABLE "EscalationSnooze" ADD COLUMN     "remindedAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "VisitReport_submissionKey_key" ON "VisitReport"("submissionKey");

