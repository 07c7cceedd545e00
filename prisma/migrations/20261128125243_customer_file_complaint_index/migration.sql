-- CreateIndex
CREATE INDEX "Complaint_customerId_receivedAt_idx" ON "Complaint"("customerId", "receivedAt");

