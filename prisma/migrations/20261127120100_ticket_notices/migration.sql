-- CreateTable
CREATE TABLE "TicketNotice" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "postedAt" TIMESTAMP(3),

    CONSTRAINT "TicketNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TicketNotice_postedAt_createdAt_idx" ON "TicketNotice"("postedAt", "createdAt");

-- CreateIndex
CREATE INDEX "TicketNotice_ticketId_idx" ON "TicketNotice"("ticketId");

-- AddForeignKey
ALTER TABLE "TicketNotice" ADD CONSTRAINT "TicketNotice_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

