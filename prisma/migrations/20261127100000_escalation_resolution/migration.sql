-- CreateEnum
CREATE TYPE "EscalationEnd" AS ENUM ('ARRIVED', 'CANCELLED', 'CLOSED', 'RESOLVED');

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "resolutionShownAt" TIMESTAMP(3),
ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "resolvedBecause" "EscalationEnd";

-- CreateIndex
CREATE INDEX "Escalation_resolvedAt_resolutionShownAt_idx" ON "Escalation"("resolvedAt", "resolutionShownAt");

