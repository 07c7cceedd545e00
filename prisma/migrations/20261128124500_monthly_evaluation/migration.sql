-- CreateTable
CREATE TABLE "EvaluationReport" (
    "id" SERIAL NOT NULL,
    "branchId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "figures" JSONB NOT NULL,
    "channelId" TEXT,
    "messageTs" TEXT,
    "signedOffById" INTEGER,
    "signedOffAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvaluationReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationReport_branchId_month_key" ON "EvaluationReport"("branchId", "month");

-- AddForeignKey
ALTER TABLE "EvaluationReport" ADD CONSTRAINT "EvaluationReport_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationReport" ADD CONSTRAINT "EvaluationReport_signedOffById_fkey" FOREIGN KEY ("signedOffById") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

