-- CreateEnum
CREATE TYPE "SurveyOutcome" AS ENUM ('ANSWERED', 'UNREACHABLE', 'DECLINED', 'NO_ANSWER');

-- CreateEnum
CREATE TYPE "SurveyMethod" AS ENUM ('PHONE', 'LINK');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'SURVEYOR';

-- AlterTable
ALTER TABLE "Branch" ADD COLUMN     "surveyChannelId" TEXT;

-- AlterTable
ALTER TABLE "Survey" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "method" "SurveyMethod",
ADD COLUMN     "outcome" "SurveyOutcome",
ADD COLUMN     "recordedAt" TIMESTAMP(3),
ADD COLUMN     "recordedById" INTEGER;

-- CreateTable
CREATE TABLE "SurveyListMessage" (
    "id" SERIAL NOT NULL,
    "branchId" INTEGER NOT NULL,
    "listDate" DATE NOT NULL,
    "part" INTEGER NOT NULL,
    "channelId" TEXT,
    "ts" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyListMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyListLine" (
    "id" SERIAL NOT NULL,
    "messageId" INTEGER NOT NULL,
    "surveyId" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "SurveyListLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SurveyListMessage_branchId_listDate_part_key" ON "SurveyListMessage"("branchId", "listDate", "part");

-- CreateIndex
CREATE INDEX "SurveyListLine_messageId_position_idx" ON "SurveyListLine"("messageId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyListLine_surveyId_attempt_key" ON "SurveyListLine"("surveyId", "attempt");

-- CreateIndex
CREATE INDEX "Survey_outcome_dueOn_idx" ON "Survey"("outcome", "dueOn");

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyListMessage" ADD CONSTRAINT "SurveyListMessage_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyListLine" ADD CONSTRAINT "SurveyListLine_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "SurveyListMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyListLine" ADD CONSTRAINT "SurveyListLine_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

