-- CreateTable
CREATE TABLE "PartLoanFlag" (
    "id" SERIAL NOT NULL,
    "loanId" INTEGER NOT NULL,
    "closingOn" DATE NOT NULL,
    "flaggedAt" TIMESTAMP(3) NOT NULL,
    "left" INTEGER NOT NULL,

    CONSTRAINT "PartLoanFlag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PartLoanFlag_closingOn_idx" ON "PartLoanFlag"("closingOn");

-- CreateIndex
CREATE UNIQUE INDEX "PartLoanFlag_loanId_closingOn_key" ON "PartLoanFlag"("loanId", "closingOn");

-- CreateIndex
CREATE INDEX "PartLoan_branchId_settledAt_idx" ON "PartLoan"("branchId", "settledAt");

-- AddForeignKey
ALTER TABLE "PartLoanFlag" ADD CONSTRAINT "PartLoanFlag_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "PartLoan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- R14: loans flagged by the once-only version keep that flag, on the branch's local day it was raised.
INSERT INTO "PartLoanFlag" ("loanId", "closingOn", "flaggedAt", "left")
SELECT l."id", (l."flaggedAt" AT TIME ZONE 'UTC' AT TIME ZONE b."timeZone")::date, l."flaggedAt",
       GREATEST(l."quantity" - l."quantityUsed" - l."quantityReturned", 0)
FROM "PartLoan" l JOIN "Branch" b ON b."id" = l."branchId"
WHERE l."flaggedAt" IS NOT NULL;
