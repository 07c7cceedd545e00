-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'ACCOUNTANT';

-- AlterEnum
ALTER TYPE "ChargeKind" ADD VALUE 'MEALS';

-- AlterTable
ALTER TABLE "Branch" ADD COLUMN     "onSiteCollectionLimit" DECIMAL(12,2) NOT NULL DEFAULT 500;

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "coversLabour" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "coversParts" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "coversTravel" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Part" ADD COLUMN     "wearing" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Charge" ADD COLUMN     "invoiceRequestId" INTEGER,
ADD COLUMN     "reason" TEXT;

-- CreateTable
CREATE TABLE "InvoiceRequest" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "currency" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "invoicedAt" TIMESTAMP(3),
    "invoicedById" INTEGER,
    "invoiceNumber" TEXT,

    CONSTRAINT "InvoiceRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InvoiceRequest_branchId_invoicedAt_idx" ON "InvoiceRequest"("branchId", "invoicedAt");

-- CreateIndex
CREATE INDEX "InvoiceRequest_ticketId_idx" ON "InvoiceRequest"("ticketId");

-- AddForeignKey
ALTER TABLE "Charge" ADD CONSTRAINT "Charge_invoiceRequestId_fkey" FOREIGN KEY ("invoiceRequestId") REFERENCES "InvoiceRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceRequest" ADD CONSTRAINT "InvoiceRequest_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceRequest" ADD CONSTRAINT "InvoiceRequest_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceRequest" ADD CONSTRAINT "InvoiceRequest_invoicedById_fkey" FOREIGN KEY ("invoicedById") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

