-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('DISPATCHER', 'TECHNICIAN', 'DIRECTOR', 'MANAGER', 'PARTS_CLERK', 'ADMIN');

-- CreateEnum
CREATE TYPE "Area" AS ENUM ('URBAN', 'SUBURBAN');

-- CreateEnum
CREATE TYPE "CustomerGrade" AS ENUM ('A', 'B', 'C');

-- CreateEnum
CREATE TYPE "ServiceCategory" AS ENUM ('A_PAID', 'B_CONTRACT', 'C_WARRANTY', 'D_INTERNAL');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('INCOMPLETE', 'REGISTERED', 'ASSIGNED', 'ACCEPTED', 'ON_SITE', 'IN_WORKSHOP', 'ON_HOLD', 'RESOLVED', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "VisitOutcome" AS ENUM ('FIXED_ON_SITE', 'TAKEN_TO_WORKSHOP', 'RESCHEDULED', 'HANDED_OVER', 'REPLACEMENT_RECOMMENDED');

-- CreateEnum
CREATE TYPE "ContractStatus" AS ENUM ('ACTIVE', 'EXPIRED', 'RENEWED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ChargeKind" AS ENUM ('LABOUR', 'PARTS', 'TRAVEL', 'LODGING', 'OTHER');

-- CreateEnum
CREATE TYPE "Settlement" AS ENUM ('NONE', 'COLLECTED_ON_SITE', 'INVOICE_REQUESTED');

-- CreateEnum
CREATE TYPE "LoanStatus" AS ENUM ('OUT', 'SETTLED');

-- CreateEnum
CREATE TYPE "CustodyState" AS ENUM ('WAITING_REPAIR', 'WAITING_PARTS', 'REPAIRED', 'RETURNED');

-- CreateEnum
CREATE TYPE "Rating" AS ENUM ('VERY_SATISFIED', 'SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED');

-- CreateEnum
CREATE TYPE "ComplaintSeverity" AS ENUM ('GENERAL', 'SERIOUS');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('OPEN', 'RESPONDED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "EscalationKind" AS ENUM ('OVERDUE', 'CANNOT_FINISH', 'COMPLAINT');

-- CreateEnum
CREATE TYPE "EscalationLevel" AS ENUM ('DIRECTOR', 'MANAGER');

-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "GoodsDirection" AS ENUM ('IN', 'OUT');

-- CreateTable
CREATE TABLE "Branch" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "dispatchChannelId" TEXT,
    "directorsChannelId" TEXT,
    "labourRate" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL DEFAULT 'KRW',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Branch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkingHours" (
    "id" SERIAL NOT NULL,
    "branchId" INTEGER NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opensAt" INTEGER NOT NULL,
    "closesAt" INTEGER NOT NULL,

    CONSTRAINT "WorkingHours_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Holiday" (
    "id" SERIAL NOT NULL,
    "branchId" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Holiday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" SERIAL NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "branchId" INTEGER NOT NULL,
    "roles" "Role"[],
    "skills" TEXT[],
    "areas" "Area"[],
    "email" TEXT,
    "phone" TEXT,
    "available" BOOLEAN NOT NULL DEFAULT true,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "contactPerson" TEXT,
    "area" "Area" NOT NULL,
    "grade" "CustomerGrade" NOT NULL DEFAULT 'C',
    "branchId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Equipment" (
    "id" SERIAL NOT NULL,
    "customerId" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "acceptanceDate" DATE,
    "warrantyEnd" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Equipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "terms" TEXT,
    "status" "ContractStatus" NOT NULL DEFAULT 'ACTIVE',
    "expiryNoticeAt" TIMESTAMP(3),
    "expiryNoticeText" TEXT,
    "renewalAssigneeId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VoucherCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "VoucherCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" SERIAL NOT NULL,
    "voucherNo" TEXT NOT NULL,
    "branchId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "equipmentId" INTEGER,
    "contractId" INTEGER,
    "status" "TicketStatus" NOT NULL,
    "category" "ServiceCategory" NOT NULL,
    "suggestedCategory" "ServiceCategory" NOT NULL,
    "categoryOverrideReason" TEXT,
    "area" "Area" NOT NULL,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "siteAddress" TEXT,
    "faultDescription" TEXT,
    "missingFields" TEXT[],
    "requestedServiceAt" TIMESTAMP(3),
    "appointmentStart" TIMESTAMP(3),
    "appointmentEnd" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "arrivalDeadline" TIMESTAMP(3),
    "arrivedAt" TIMESTAMP(3),
    "lateByMinutes" INTEGER,
    "priority" BOOLEAN NOT NULL DEFAULT false,
    "carriedOverAt" TIMESTAMP(3),
    "preWarningSentAt" TIMESTAMP(3),
    "overdueAlertedAt" TIMESTAMP(3),
    "outcome" "VisitOutcome",
    "resolution" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "slackChannelId" TEXT,
    "slackMessageTs" TEXT,
    "registeredById" INTEGER,
    "assignedTechnicianId" INTEGER,
    "intakeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "technicianId" INTEGER NOT NULL,
    "assignedById" INTEGER NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "appointmentStart" TIMESTAMP(3),
    "appointmentEnd" TIMESTAMP(3),
    "acceptedAt" TIMESTAMP(3),
    "declinedAt" TIMESTAMP(3),
    "declineReason" TEXT,
    "endedAt" TIMESTAMP(3),
    "dmChannelId" TEXT,
    "dmMessageTs" TEXT,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitReport" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "technicianId" INTEGER NOT NULL,
    "outcome" "VisitOutcome" NOT NULL,
    "diagnosis" TEXT,
    "notes" TEXT,
    "feeAgreedAt" TIMESTAMP(3),
    "settlement" "Settlement" NOT NULL DEFAULT 'NONE',
    "signedByName" TEXT,
    "signedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkLog" (
    "id" SERIAL NOT NULL,
    "technicianId" INTEGER NOT NULL,
    "ticketId" INTEGER,
    "visitReportId" INTEGER,
    "workDate" DATE NOT NULL,
    "category" "ServiceCategory" NOT NULL,
    "hours" DECIMAL(5,2) NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Part" (
    "id" SERIAL NOT NULL,
    "partNo" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unitPrice" DECIMAL(12,2) NOT NULL,
    "serialised" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Part_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartStock" (
    "partId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "PartStock_pkey" PRIMARY KEY ("partId","branchId")
);

-- CreateTable
CREATE TABLE "PartUsage" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "partId" INTEGER NOT NULL,
    "technicianId" INTEGER NOT NULL,
    "visitReportId" INTEGER,
    "quantity" INTEGER NOT NULL,
    "unitPrice" DECIMAL(12,2) NOT NULL,
    "serialOut" TEXT,
    "serialIn" TEXT,
    "usedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PartUsage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartLoan" (
    "id" SERIAL NOT NULL,
    "partId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "technicianId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "quantityUsed" INTEGER NOT NULL DEFAULT 0,
    "quantityReturned" INTEGER NOT NULL DEFAULT 0,
    "status" "LoanStatus" NOT NULL DEFAULT 'OUT',
    "borrowedAt" TIMESTAMP(3) NOT NULL,
    "settledAt" TIMESTAMP(3),
    "flaggedAt" TIMESTAMP(3),

    CONSTRAINT "PartLoan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustodyReceipt" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "items" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "accessories" TEXT,
    "state" "CustodyState" NOT NULL DEFAULT 'WAITING_REPAIR',
    "receivedById" INTEGER NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "returnedAt" TIMESTAMP(3),
    "returnSignedBy" TEXT,
    "voidedAt" TIMESTAMP(3),

    CONSTRAINT "CustodyReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoodsMovement" (
    "id" SERIAL NOT NULL,
    "receiptId" INTEGER NOT NULL,
    "direction" "GoodsDirection" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "note" TEXT,

    CONSTRAINT "GoodsMovement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Charge" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "visitReportId" INTEGER,
    "kind" "ChargeKind" NOT NULL,
    "description" TEXT,
    "amount" DECIMAL(12,2) NOT NULL,
    "settlement" "Settlement" NOT NULL DEFAULT 'NONE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Charge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "technicianId" INTEGER,
    "dueOn" DATE NOT NULL,
    "listedAt" TIMESTAMP(3),
    "respondedAt" TIMESTAMP(3),
    "attitude" "Rating",
    "skill" "Rating",
    "arrivalTime" "Rating",
    "promiseKeeping" "Rating",
    "comment" TEXT,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" SERIAL NOT NULL,
    "customerId" INTEGER NOT NULL,
    "ticketId" INTEGER,
    "technicianId" INTEGER,
    "severity" "ComplaintSeverity" NOT NULL,
    "status" "ComplaintStatus" NOT NULL DEFAULT 'OPEN',
    "description" TEXT NOT NULL,
    "substantiated" BOOLEAN,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "handlerId" INTEGER,
    "respondedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "customerInformedAt" TIMESTAMP(3),
    "customerInformedHow" TEXT,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" SERIAL NOT NULL,
    "kind" "EscalationKind" NOT NULL,
    "branchId" INTEGER NOT NULL,
    "ticketId" INTEGER,
    "complaintId" INTEGER,
    "level" "EscalationLevel" NOT NULL DEFAULT 'DIRECTOR',
    "reason" TEXT,
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "nextEscalationAt" TIMESTAMP(3),
    "acknowledgedById" INTEGER,
    "acknowledgedAt" TIMESTAMP(3),

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationMessage" (
    "id" SERIAL NOT NULL,
    "escalationId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "ts" TEXT NOT NULL,

    CONSTRAINT "EscalationMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationSnooze" (
    "id" SERIAL NOT NULL,
    "escalationId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EscalationSnooze_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyWorkReport" (
    "id" SERIAL NOT NULL,
    "technicianId" INTEGER NOT NULL,
    "workDate" DATE NOT NULL,
    "notes" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailyWorkReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectorReport" (
    "id" SERIAL NOT NULL,
    "branchId" INTEGER NOT NULL,
    "reportDate" DATE NOT NULL,
    "figures" JSONB NOT NULL,
    "channelId" TEXT,
    "messageTs" TEXT,
    "signedOffById" INTEGER,
    "signedOffAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectorReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketNote" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "slackTs" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorStaffId" INTEGER,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "ticketId" INTEGER,
    "data" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "status" "JobRunStatus" NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "summary" JSONB,
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlackDelivery" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackDelivery_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "_ContractToEquipment" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_ContractToEquipment_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "Branch_code_key" ON "Branch"("code");

-- CreateIndex
CREATE INDEX "WorkingHours_branchId_weekday_idx" ON "WorkingHours"("branchId", "weekday");

-- CreateIndex
CREATE UNIQUE INDEX "Holiday_branchId_date_key" ON "Holiday"("branchId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Staff_slackUserId_key" ON "Staff"("slackUserId");

-- CreateIndex
CREATE INDEX "Staff_branchId_idx" ON "Staff"("branchId");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_code_key" ON "Customer"("code");

-- CreateIndex
CREATE INDEX "Customer_branchId_name_idx" ON "Customer"("branchId", "name");

-- CreateIndex
CREATE INDEX "Customer_phone_idx" ON "Customer"("phone");

-- CreateIndex
CREATE INDEX "Equipment_customerId_idx" ON "Equipment"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "Equipment_model_serial_key" ON "Equipment"("model", "serial");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_number_key" ON "Contract"("number");

-- CreateIndex
CREATE INDEX "Contract_customerId_status_endsOn_idx" ON "Contract"("customerId", "status", "endsOn");

-- CreateIndex
CREATE INDEX "Contract_status_endsOn_idx" ON "Contract"("status", "endsOn");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_voucherNo_key" ON "Ticket"("voucherNo");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_intakeKey_key" ON "Ticket"("intakeKey");

-- CreateIndex
CREATE INDEX "Ticket_branchId_status_arrivalDeadline_idx" ON "Ticket"("branchId", "status", "arrivalDeadline");

-- CreateIndex
CREATE INDEX "Ticket_status_arrivalDeadline_idx" ON "Ticket"("status", "arrivalDeadline");

-- CreateIndex
CREATE INDEX "Ticket_assignedTechnicianId_status_idx" ON "Ticket"("assignedTechnicianId", "status");

-- CreateIndex
CREATE INDEX "Ticket_customerId_receivedAt_idx" ON "Ticket"("customerId", "receivedAt");

-- CreateIndex
CREATE INDEX "Ticket_branchId_receivedAt_idx" ON "Ticket"("branchId", "receivedAt");

-- CreateIndex
CREATE INDEX "Ticket_branchId_closedAt_idx" ON "Ticket"("branchId", "closedAt");

-- CreateIndex
CREATE INDEX "Ticket_slackChannelId_slackMessageTs_idx" ON "Ticket"("slackChannelId", "slackMessageTs");

-- CreateIndex
CREATE INDEX "Assignment_ticketId_assignedAt_idx" ON "Assignment"("ticketId", "assignedAt");

-- CreateIndex
CREATE INDEX "Assignment_technicianId_endedAt_idx" ON "Assignment"("technicianId", "endedAt");

-- CreateIndex
CREATE INDEX "VisitReport_ticketId_idx" ON "VisitReport"("ticketId");

-- CreateIndex
CREATE INDEX "VisitReport_technicianId_createdAt_idx" ON "VisitReport"("technicianId", "createdAt");

-- CreateIndex
CREATE INDEX "WorkLog_technicianId_workDate_idx" ON "WorkLog"("technicianId", "workDate");

-- CreateIndex
CREATE INDEX "WorkLog_ticketId_idx" ON "WorkLog"("ticketId");

-- CreateIndex
CREATE INDEX "WorkLog_workDate_idx" ON "WorkLog"("workDate");

-- CreateIndex
CREATE UNIQUE INDEX "Part_partNo_key" ON "Part"("partNo");

-- CreateIndex
CREATE INDEX "PartUsage_ticketId_idx" ON "PartUsage"("ticketId");

-- CreateIndex
CREATE INDEX "PartUsage_usedAt_idx" ON "PartUsage"("usedAt");

-- CreateIndex
CREATE INDEX "PartLoan_branchId_status_idx" ON "PartLoan"("branchId", "status");

-- CreateIndex
CREATE INDEX "PartLoan_technicianId_status_idx" ON "PartLoan"("technicianId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CustodyReceipt_number_key" ON "CustodyReceipt"("number");

-- CreateIndex
CREATE INDEX "CustodyReceipt_state_idx" ON "CustodyReceipt"("state");

-- CreateIndex
CREATE INDEX "CustodyReceipt_ticketId_idx" ON "CustodyReceipt"("ticketId");

-- CreateIndex
CREATE INDEX "GoodsMovement_at_idx" ON "GoodsMovement"("at");

-- CreateIndex
CREATE INDEX "Charge_ticketId_idx" ON "Charge"("ticketId");

-- CreateIndex
CREATE INDEX "Charge_createdAt_idx" ON "Charge"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_ticketId_key" ON "Survey"("ticketId");

-- CreateIndex
CREATE INDEX "Survey_dueOn_idx" ON "Survey"("dueOn");

-- CreateIndex
CREATE INDEX "Survey_technicianId_respondedAt_idx" ON "Survey"("technicianId", "respondedAt");

-- CreateIndex
CREATE INDEX "Complaint_technicianId_receivedAt_idx" ON "Complaint"("technicianId", "receivedAt");

-- CreateIndex
CREATE INDEX "Complaint_status_idx" ON "Complaint"("status");

-- CreateIndex
CREATE INDEX "Escalation_acknowledgedAt_nextEscalationAt_idx" ON "Escalation"("acknowledgedAt", "nextEscalationAt");

-- CreateIndex
CREATE INDEX "Escalation_ticketId_idx" ON "Escalation"("ticketId");

-- CreateIndex
CREATE INDEX "EscalationMessage_escalationId_idx" ON "EscalationMessage"("escalationId");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationMessage_channelId_ts_key" ON "EscalationMessage"("channelId", "ts");

-- CreateIndex
CREATE INDEX "EscalationSnooze_escalationId_staffId_idx" ON "EscalationSnooze"("escalationId", "staffId");

-- CreateIndex
CREATE UNIQUE INDEX "DailyWorkReport_technicianId_workDate_key" ON "DailyWorkReport"("technicianId", "workDate");

-- CreateIndex
CREATE UNIQUE INDEX "DirectorReport_branchId_reportDate_key" ON "DirectorReport"("branchId", "reportDate");

-- CreateIndex
CREATE INDEX "TicketNote_ticketId_createdAt_idx" ON "TicketNote"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_ticketId_at_idx" ON "AuditLog"("ticketId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "JobRun_startedAt_idx" ON "JobRun"("startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_periodKey_key" ON "JobRun"("job", "periodKey");

-- CreateIndex
CREATE INDEX "SlackDelivery_receivedAt_idx" ON "SlackDelivery"("receivedAt");

-- CreateIndex
CREATE INDEX "_ContractToEquipment_B_index" ON "_ContractToEquipment"("B");

-- AddForeignKey
ALTER TABLE "WorkingHours" ADD CONSTRAINT "WorkingHours_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Holiday" ADD CONSTRAINT "Holiday_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Staff" ADD CONSTRAINT "Staff_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Equipment" ADD CONSTRAINT "Equipment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_renewalAssigneeId_fkey" FOREIGN KEY ("renewalAssigneeId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_equipmentId_fkey" FOREIGN KEY ("equipmentId") REFERENCES "Equipment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_registeredById_fkey" FOREIGN KEY ("registeredById") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_assignedTechnicianId_fkey" FOREIGN KEY ("assignedTechnicianId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_technicianId_fkey" FOREIGN KEY ("technicianId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitReport" ADD CONSTRAINT "VisitReport_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitReport" ADD CONSTRAINT "VisitReport_technicianId_fkey" FOREIGN KEY ("technicianId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkLog" ADD CONSTRAINT "WorkLog_technicianId_fkey" FOREIGN KEY ("technicianId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkLog" ADD CONSTRAINT "WorkLog_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkLog" ADD CONSTRAINT "WorkLog_visitReportId_fkey" FOREIGN KEY ("visitReportId") REFERENCES "VisitReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartStock" ADD CONSTRAINT "PartStock_partId_fkey" FOREIGN KEY ("partId") REFERENCES "Part"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartStock" ADD CONSTRAINT "PartStock_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartUsage" ADD CONSTRAINT "PartUsage_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartUsage" ADD CONSTRAINT "PartUsage_partId_fkey" FOREIGN KEY ("partId") REFERENCES "Part"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartUsage" ADD CONSTRAINT "PartUsage_technicianId_fkey" FOREIGN KEY ("technicianId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartUsage" ADD CONSTRAINT "PartUsage_visitReportId_fkey" FOREIGN KEY ("visitReportId") REFERENCES "VisitReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartLoan" ADD CONSTRAINT "PartLoan_partId_fkey" FOREIGN KEY ("partId") REFERENCES "Part"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartLoan" ADD CONSTRAINT "PartLoan_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartLoan" ADD CONSTRAINT "PartLoan_technicianId_fkey" FOREIGN KEY ("technicianId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustodyReceipt" ADD CONSTRAINT "CustodyReceipt_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustodyReceipt" ADD CONSTRAINT "CustodyReceipt_receivedById_fkey" FOREIGN KEY ("receivedById") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodsMovement" ADD CONSTRAINT "GoodsMovement_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "CustodyReceipt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Charge" ADD CONSTRAINT "Charge_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Charge" ADD CONSTRAINT "Charge_visitReportId_fkey" FOREIGN KEY ("visitReportId") REFERENCES "VisitReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_technicianId_fkey" FOREIGN KEY ("technicianId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_technicianId_fkey" FOREIGN KEY ("technicianId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_handlerId_fkey" FOREIGN KEY ("handlerId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationMessage" ADD CONSTRAINT "EscalationMessage_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationSnooze" ADD CONSTRAINT "EscalationSnooze_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationSnooze" ADD CONSTRAINT "EscalationSnooze_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyWorkReport" ADD CONSTRAINT "DailyWorkReport_technicianId_fkey" FOREIGN KEY ("technicianId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectorReport" ADD CONSTRAINT "DirectorReport_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectorReport" ADD CONSTRAINT "DirectorReport_signedOffById_fkey" FOREIGN KEY ("signedOffById") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketNote" ADD CONSTRAINT "TicketNote_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketNote" ADD CONSTRAINT "TicketNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ContractToEquipment" ADD CONSTRAINT "_ContractToEquipment_A_fkey" FOREIGN KEY ("A") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ContractToEquipment" ADD CONSTRAINT "_ContractToEquipment_B_fkey" FOREIGN KEY ("B") REFERENCES "Equipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: invariants the application also checks, kept by the database as the last word.
ALTER TABLE "PartStock" ADD CONSTRAINT "PartStock_quantity_nonnegative" CHECK ("quantity" >= 0);
ALTER TABLE "WorkLog" ADD CONSTRAINT "WorkLog_hours_positive" CHECK ("hours" > 0);
ALTER TABLE "WorkingHours" ADD CONSTRAINT "WorkingHours_interval_valid" CHECK ("weekday" BETWEEN 0 AND 6 AND "opensAt" >= 0 AND "opensAt" < "closesAt" AND "closesAt" <= 1440);
