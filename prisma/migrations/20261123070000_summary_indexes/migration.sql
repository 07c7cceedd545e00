-- CreateIndex
CREATE INDEX "Contract_branchId_expiryNoticeAt_idx" ON "Contract"("branchId", "expiryNoticeAt");

-- CreateIndex
CREATE INDEX "Ticket_branchId_resolvedAt_idx" ON "Ticket"("branchId", "resolvedAt");

-- CreateIndex
CREATE INDEX "Ticket_branchId_carriedOverAt_idx" ON "Ticket"("branchId", "carriedOverAt");

-- CreateIndex
CREATE INDEX "Ticket_branchId_arrivedAt_idx" ON "Ticket"("branchId", "arrivedAt");

-- CreateIndex
CREATE INDEX "Assignment_assignedAt_idx" ON "Assignment"("assignedAt");

-- CreateIndex
CREATE INDEX "CustodyReceipt_receivedAt_idx" ON "CustodyReceipt"("receivedAt");

-- CreateIndex
CREATE INDEX "CustodyReceipt_returnedAt_idx" ON "CustodyReceipt"("returnedAt");

-- CreateIndex
CREATE INDEX "JobRun_job_status_startedAt_idx" ON "JobRun"("job", "status", "startedAt");

