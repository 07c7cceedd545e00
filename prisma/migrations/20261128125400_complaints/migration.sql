-- CreateEnum
CREATE TYPE "ComplaintSource" AS ENUM ('PHONE', 'VISIT', 'LETTER', 'SURVEY', 'OTHER');

-- CreateEnum
CREATE TYPE "ComplaintKind" AS ENUM ('COMPLAINT', 'SUGGESTION');

-- CreateEnum
CREATE TYPE "ComplaintContact" AS ENUM ('PHONE', 'WRITING', 'VISIT');

-- AlterEnum
ALTER TYPE "ComplaintStatus" ADD VALUE 'CLOSED';

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "branchId" INTEGER,
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "kind" "ComplaintKind" NOT NULL DEFAULT 'COMPLAINT',
ADD COLUMN     "number" TEXT,
ADD COLUMN     "postStartedAt" TIMESTAMP(3),
ADD COLUMN     "registerKey" TEXT,
ADD COLUMN     "registeredById" INTEGER,
ADD COLUMN     "resolutionMissedAt" TIMESTAMP(3),
ADD COLUMN     "resolutionWarnedAt" TIMESTAMP(3),
ADD COLUMN     "responseHow" "ComplaintContact",
ADD COLUMN     "responseMissedAt" TIMESTAMP(3),
ADD COLUMN     "responseNote" TEXT,
ADD COLUMN     "responseWarnedAt" TIMESTAMP(3),
ADD COLUMN     "slackChannelId" TEXT,
ADD COLUMN     "slackMessageTs" TEXT,
ADD COLUMN     "source" "ComplaintSource" NOT NULL DEFAULT 'OTHER',
ADD COLUMN     "surveyId" INTEGER;

-- CreateTable
CREATE TABLE "ComplaintCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "ComplaintCounter_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_number_key" ON "Complaint"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_registerKey_key" ON "Complaint"("registerKey");

-- CreateIndex
CREATE INDEX "Complaint_surveyId_idx" ON "Complaint"("surveyId");

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_registeredById_fkey" FOREIGN KEY ("registeredById") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

