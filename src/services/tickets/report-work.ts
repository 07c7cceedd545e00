// R9–R14: the technician's report of a visit (or of the workshop repair): person-hours per category,
// parts used (booked from loans, then stock), the outcome that moves the call on, and for paid
// work (R10) the fee lines and how they are settled. One transaction under the ticket's row lock.
import type { ServiceCategory } from "../../domain/category";
import { computeCharges, formatCents, settlementProblem, totalCents, type ChargeKind, type ChargeReason, type Settlement } from "../../domain/fees";
import { localDayBounds } from "../../domain/local-day";
import { canTransition, type TicketStatus } from "../../domain/ticket-status";
import { DEFAULT_WORKSHOP_TURNAROUND, turnaroundDue, type WorkshopTurnaround } from "../../domain/workshop-turnaround";
import { AppError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { recordAudit } from "../audit";
import { resolveEndedEscalations } from "../escalations/resolve-ended";
import { bookPartsUsed, type PartLine } from "../parts/book-parts-used";
import type { Actor } from "../staff/resolve-actor";
import { issueCustodyReceipt, type IssuedCustodyReceipt } from "../workshop/issue-custody-receipt";
import { requestInvoice, type RequestedInvoice } from "../invoices/request-invoice";
import { assertCan, auditActor, requireStaffId } from "./authorize";
import type { TicketDeps } from "./deps";
import { loadBranchCalendar } from "./load-branch-calendar";
import { dateColumn, statusConflict, ticketNotFound } from "./ticket-rows";
import { loadFeePolicy } from "./fee-policy";
import { dmOf, lockForTechnician, type AssignmentDm } from "./technician-action-rows";
import type { TicketLine } from "../outbox/effects";
import { lineActor } from "./history";
import type { WorkReportFacts } from "../outbox/effects";

export type VisitOutcome = "FIXED_ON_SITE" | "TAKEN_TO_WORKSHOP" | "RESCHEDULED" | "HANDED_OVER" | "REPLACEMENT_RECOMMENDED";
export type SettlementKind = Settlement;
export const VISIT_OUTCOMES: readonly VisitOutcome[] = ["FIXED_ON_SITE", "TAKEN_TO_WORKSHOP", "RESCHEDULED", "HANDED_OVER", "REPLACEMENT_RECOMMENDED"];
export const REPORTABLE_STATUSES: readonly TicketStatus[] = ["ON_SITE", "IN_WORKSHOP", "ON_HOLD"];
export const MAX_HOURS_PER_CATEGORY = 24;

export interface ReportWorkInput {
  actor: Actor;
  ticketId: number;
  /** The modal's view id: a resubmission returns the report it made. */
  submissionKey: string;
  hours: { category: ServiceCategory; hours: number }[];
  parts: PartLine[];
  outcome: VisitOutcome;
  diagnosis?: string | null;
  notes?: string | null;
  /** R10: travel, meals and lodging (seed 001 §4.5.2) where the call charges them, in the branch's currency. */
  fee?: { travel: number; lodging: number; meals?: number } | null;
  settlement: SettlementKind;
  feeAgreed: boolean;
  signedByName?: string | null;
  signedAt?: Date | null;
  custody?: { items: string; condition: string; accessories?: string | null } | null;
  /**
   * R12: when the parked call (rescheduled, handed over, taken to the workshop) is expected to be
   * finished, as told to the customer. Taken to the workshop, it defaults to the turnaround target.
   */
  expectedCompletionAt?: Date | null;
}

/** R9/R12: the outcomes that park a call (ON_HOLD, IN_WORKSHOP), which must say when it will be finished. */
export const PARKING_OUTCOMES: readonly VisitOutcome[] = ["TAKEN_TO_WORKSHOP", "RESCHEDULED", "HANDED_OVER"];

export type ReportWorkDeps = TicketDeps & { workshopTurnaround?: WorkshopTurnaround };

export interface ReportedCharge {
  kind: ChargeKind;
  /** Why it is charged (R10): paid service, not covered by the contract, a wearing part. */
  reason: ChargeReason;
  amount: string;
}

export interface ReportWorkResult {
  ticketId: number;
  voucherNo: string;
  change: "reported" | "already";
  reportId: number;
  at: Date;
  outcome: VisitOutcome;
  fromStatus: TicketStatus;
  status: TicketStatus;
  hours: { category: ServiceCategory; hours: number }[];
  parts: { partNo: string; name: string; quantity: number }[];
  charges: ReportedCharge[];
  feeTotal: string;
  currency: string;
  settlement: SettlementKind;
  signedByName: string | null;
  receipt: IssuedCustodyReceipt | null;
  /** R10: the accountant's invoice request this report made (null when collected, nothing charged, or deferred to the workshop return). */
  invoiceRequest: RequestedInvoice | null;
  /** In the workshop, "fixed" marks the open receipt repaired: its number. */
  repairedReceiptNumber: string | null;
  /** R12: the expected completion stored with a parking outcome; null otherwise. */
  expectedCompletionAt: Date | null;
  dm: AssignmentDm | null;
}

function validation(fieldErrors: Record<string, string>): AppError {
  return new AppError("VALIDATION", { message: `report refused: ${Object.keys(fieldErrors).join(", ")}`, fieldErrors });
}

/** Field problems that need no database: hours, signature, custody, fee. Keys are semantic field names. */
export function checkReportInput(
  input: Omit<ReportWorkInput, "actor" | "ticketId" | "submissionKey">,
  context: { chargeable: boolean; status: TicketStatus; settledLater?: boolean; now: Date },
): Record<string, string> {
  const errors: Record<string, string> = {};
  const hours = input.hours.filter((line) => line.hours !== 0);
  if (hours.some((line) => !Number.isFinite(line.hours) || line.hours < 0 || line.hours > MAX_HOURS_PER_CATEGORY || Math.round(line.hours * 4) !== line.hours * 4)) {
    errors.hours = "hours-invalid";
  } else if (!hours.length) errors.hours = "hours-required";
  input.parts.forEach((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0 || line.quantity > 999) errors[`part:${index}`] = "bad-quantity";
  });
  const inWorkshop = context.status === "IN_WORKSHOP";
  if (input.outcome === "FIXED_ON_SITE" && !inWorkshop && !input.signedByName?.trim()) errors.signedByName = "signature-required";
  if (input.outcome === "TAKEN_TO_WORKSHOP") {
    if (inWorkshop) errors.outcome = "already-in-workshop";
    if (!input.custody?.items?.trim()) errors.custodyItems = "custody-items-required";
    if (!input.custody?.condition?.trim()) errors.custodyCondition = "custody-condition-required";
  }
  // R12: the customer is told how long; taken to the workshop, the turnaround target is the default.
  if (PARKING_OUTCOMES.includes(input.outcome)) {
    if (!input.expectedCompletionAt) {
      if (input.outcome !== "TAKEN_TO_WORKSHOP") errors.expectedCompletion = "expected-completion-required";
    } else if (input.expectedCompletionAt.getTime() <= context.now.getTime()) errors.expectedCompletion = "expected-completion-past";
  }
  // Paid work is always quoted and settled (R10); other calls only when something is charged (checked once the lines are known).
  if (context.chargeable && !context.settledLater) {
    if (input.settlement === "NONE") errors.settlement = "settlement-required";
    if (!input.feeAgreed) errors.feeAgreed = "fee-agreed-required";
  }
  const fee = input.fee ?? { travel: 0, lodging: 0, meals: 0 };
  if (!Number.isFinite(fee.travel) || fee.travel < 0) errors.travel = "amount-invalid";
  if (!Number.isFinite(fee.lodging) || fee.lodging < 0) errors.lodging = "amount-invalid";
  if (!Number.isFinite(fee.meals ?? 0) || (fee.meals ?? 0) < 0) errors.meals = "amount-invalid";
  return errors;
}

/** R9: where each outcome takes the call from `from`; null when it stays where it is. */
export function statusAfter(outcome: VisitOutcome, from: TicketStatus): TicketStatus | null {
  switch (outcome) {
    case "FIXED_ON_SITE":
      // In the workshop "fixed" is the repair card: the call resolves when the item goes back.
      return from === "IN_WORKSHOP" ? null : "RESOLVED";
    case "TAKEN_TO_WORKSHOP":
      return "IN_WORKSHOP";
    case "RESCHEDULED":
    case "HANDED_OVER":
      return from === "ON_HOLD" ? null : "ON_HOLD";
    case "REPLACEMENT_RECOMMENDED":
      return "RESOLVED";
  }
}

/** R11/R12: the expected completion a Report work modal offers when the item goes to the workshop: the turnaround target from now. */
export async function defaultWorkshopCompletion(deps: ReportWorkDeps, options: { ticketId: number }): Promise<Date> {
  const ticket = await deps.db.ticket.findUnique({ where: { id: options.ticketId }, select: { branchId: true } });
  if (!ticket) throw ticketNotFound(options.ticketId);
  const turnaround = deps.workshopTurnaround ?? DEFAULT_WORKSHOP_TURNAROUND;
  return turnaroundDue(await loadBranchCalendar(deps.db, ticket.branchId), deps.clock.now(), turnaround.days);
}

export async function reportWork(deps: ReportWorkDeps, input: ReportWorkInput): Promise<ReportWorkResult> {
  const { db, clock } = deps;
  const { actor, ticketId } = input;
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const { ticket, assignee, assignment } = await lockForTechnician(tx, ticketId);
    assertCan(actor, "ticket.report-work", { branchId: ticket.branchId, assignedTechnicianId: ticket.assignedTechnicianId });
    const branch = await tx.branch.findUniqueOrThrow({ where: { id: ticket.branchId } });

    const existing = await tx.visitReport.findUnique({ where: { submissionKey: input.submissionKey }, include: { workLogs: true, partUsages: { include: { part: true } }, charges: true } });
    if (existing) {
      if (existing.ticketId !== ticketId) throw new AppError("CONFLICT", { message: "submission key belongs to another ticket", details: { submissionKey: input.submissionKey } });
      const receipt = existing.outcome === "TAKEN_TO_WORKSHOP" ? await tx.custodyReceipt.findFirst({ where: { ticketId, receivedAt: existing.createdAt } }) : null;
      return {
        ticketId,
        voucherNo: ticket.voucherNo,
        change: "already" as const,
        reportId: existing.id,
        at: existing.createdAt,
        outcome: existing.outcome,
        fromStatus: ticket.status,
        status: ticket.status,
        hours: existing.workLogs.map((log) => ({ category: log.category, hours: Number(log.hours) })),
        parts: existing.partUsages.map((usage) => ({ partNo: usage.part.partNo, name: usage.part.name, quantity: usage.quantity })),
        charges: existing.charges.map((charge) => ({ kind: charge.kind as ChargeKind, reason: (charge.reason ?? "PAID_SERVICE") as ChargeReason, amount: charge.amount.toFixed(2) })),
        feeTotal: existing.charges.reduce((sum, charge) => sum.add(charge.amount), new Prisma.Decimal(0)).toFixed(2),
        currency: branch.currency,
        settlement: existing.settlement,
        signedByName: existing.signedByName,
        receipt: receipt
          ? { id: receipt.id, number: receipt.number, items: receipt.items, condition: receipt.condition, accessories: receipt.accessories, receivedAt: receipt.receivedAt }
          : null,
        invoiceRequest: null,
        repairedReceiptNumber: null,
        expectedCompletionAt: PARKING_OUTCOMES.includes(existing.outcome) ? ticket.expectedCompletionAt : null,
        dm: dmOf(assignment),
      };
    }

    if (!REPORTABLE_STATUSES.includes(ticket.status)) throw statusConflict(ticket.status, "ticket.report-work");
    const chargeable = ticket.category === "A_PAID";
    const policy = await loadFeePolicy(tx, ticket);
    // R10 / seed 000 §13: while the item is in the workshop its charges wait for the day it goes back.
    const openReceipts = await tx.custodyReceipt.count({ where: { ticketId, state: { not: "RETURNED" } } });
    const settledLater = input.outcome === "TAKEN_TO_WORKSHOP" || openReceipts > 0;
    const fieldErrors = checkReportInput(input, { chargeable, status: ticket.status, settledLater, now });
    if (Object.keys(fieldErrors).length) throw validation(fieldErrors);
    const target = statusAfter(input.outcome, ticket.status);
    if (target && !canTransition(ticket.status, target)) throw statusConflict(ticket.status, "ticket.report-work");

    const technicianId = assignee?.staffId ?? requireStaffId(actor);
    const fixedOnSite = input.outcome === "FIXED_ON_SITE" && ticket.status !== "IN_WORKSHOP";
    const report = await tx.visitReport.create({
      data: {
        ticketId,
        technicianId,
        outcome: input.outcome,
        diagnosis: input.diagnosis?.trim() || null,
        notes: input.notes?.trim() || null,
        feeAgreedAt: null,
        settlement: "NONE",
        signedByName: fixedOnSite ? input.signedByName!.trim() : input.signedByName?.trim() || null,
        signedAt: fixedOnSite || input.signedByName?.trim() ? (input.signedAt ?? now) : null,
        submissionKey: input.submissionKey,
        createdAt: now,
      },
    });

    const hours = input.hours.filter((line) => line.hours > 0);
    const workDate = dateColumn(localDayBounds(branch.timeZone, now).date)!;
    await tx.workLog.createMany({
      data: hours.map((line) => ({ technicianId, ticketId, visitReportId: report.id, workDate, category: line.category, hours: new Prisma.Decimal(line.hours) })),
    });

    const { booked, takeStock } = await bookPartsUsed(tx, { branchId: ticket.branchId, technicianId, ticketId, visitReportId: report.id, lines: input.parts, at: now });

    // R10: the lines this visit charges and why; a workshop job is invoiced on the day the item goes back.
    const lines = computeCharges(policy, {
      labourRate: Number(branch.labourRate),
      labourHours: hours.filter((line) => line.category === ticket.category).reduce((sum, line) => sum + line.hours, 0),
      parts: booked.map((line) => ({ unitPrice: Number(line.unitPrice), quantity: line.quantity, wearing: line.wearing })),
      travel: input.fee?.travel ?? 0,
      meals: input.fee?.meals ?? 0,
      lodging: input.fee?.lodging ?? 0,
    });
    const total = totalCents(lines);
    const settlement: Settlement = settledLater || (total === 0 && !chargeable) ? "NONE" : input.settlement;
    if (total > 0 && !settledLater) {
      const problems: Record<string, string> = {};
      const settlementIssue = settlementProblem(input.settlement, total, Number(branch.onSiteCollectionLimit));
      if (settlementIssue) problems.settlement = settlementIssue;
      if (!input.feeAgreed) problems.feeAgreed = "fee-agreed-required";
      // Collected on site against the customer's signed receipt (seed 001 §4.5.5).
      if (input.settlement === "COLLECTED_ON_SITE" && !input.signedByName?.trim()) problems.signedByName = "signature-required";
      if (Object.keys(problems).length) throw validation(problems);
    }
    const charges: ReportedCharge[] = lines.map((line) => ({ kind: line.kind, reason: line.reason, amount: formatCents(line.cents) }));
    await tx.charge.createMany({
      data: charges.map((charge) => ({ ticketId, visitReportId: report.id, kind: charge.kind, reason: charge.reason, amount: new Prisma.Decimal(charge.amount), settlement, createdAt: now })),
    });
    if (settlement !== "NONE" || (total > 0 && input.feeAgreed)) {
      await tx.visitReport.update({ where: { id: report.id }, data: { settlement, feeAgreedAt: input.feeAgreed ? now : null } });
    }
    const invoiceRequest =
      settlement === "INVOICE_REQUESTED" ? await requestInvoice(tx, { ticketId, branchId: branch.id, source: "report", visitReportId: report.id, actor, at: now }) : null;

    let receipt: IssuedCustodyReceipt | null = null;
    if (input.outcome === "TAKEN_TO_WORKSHOP") {
      receipt = await issueCustodyReceipt(tx, {
        ticketId,
        voucherNo: ticket.voucherNo,
        receivedById: technicianId,
        actorSlackUserId: actor.slackUserId,
        receipt: { items: input.custody!.items, condition: input.custody!.condition, accessories: input.custody!.accessories },
        at: now,
      });
    }
    let repairedReceiptNumber: string | null = null;
    if (input.outcome === "FIXED_ON_SITE" && ticket.status === "IN_WORKSHOP") {
      const open = await tx.custodyReceipt.findFirst({ where: { ticketId, voidedAt: null, returnedAt: null, state: { not: "RETURNED" } }, orderBy: { id: "desc" } });
      if (open) {
        await tx.custodyReceipt.update({ where: { id: open.id }, data: { state: "REPAIRED" } });
        repairedReceiptNumber = open.number;
      }
    }

    const status = target ?? ticket.status;
    const resolved = status === "RESOLVED";
    const turnaround = deps.workshopTurnaround ?? DEFAULT_WORKSHOP_TURNAROUND;
    const expectedCompletionAt = !PARKING_OUTCOMES.includes(input.outcome)
      ? null
      : (input.expectedCompletionAt ?? turnaroundDue(await loadBranchCalendar(tx, ticket.branchId), now, turnaround.days));
    await tx.ticket.update({
      where: { id: ticketId },
      data: {
        status,
        outcome: input.outcome,
        ...(resolved ? { resolvedAt: now } : {}),
        // R12: a new expected completion can be escalated again when it passes.
        ...(expectedCompletionAt ? { expectedCompletionAt, completionAlertedAt: null } : {}),
      },
    });
    const feeTotal = formatCents(total);
    const result = {
      ticketId,
      voucherNo: ticket.voucherNo,
      change: "reported" as const,
      reportId: report.id,
      at: now,
      outcome: input.outcome,
      fromStatus: ticket.status,
      status,
      hours: hours.map((line) => ({ category: line.category, hours: line.hours })),
      parts: booked.map((line) => ({ partNo: line.partNo, name: line.name, quantity: line.quantity })),
      charges,
      feeTotal,
      currency: branch.currency,
      settlement,
      signedByName: report.signedByName,
      receipt,
      invoiceRequest,
      repairedReceiptNumber,
      expectedCompletionAt,
      dm: dmOf(assignment),
    };
    // The thread says what was reported (and shows the custody receipt), queued with the report.
    const threadLines: TicketLine[] = [{ kind: "work-report", actor: lineActor(actor), at: now, report: workReportFacts(result) }];
    if (receipt) threadLines.push({ kind: "custody-receipt", receipt });
    await recordAudit(
      tx,
      {
        ...auditActor(actor),
        action: "ticket.report-work",
        entity: "VisitReport",
        entityId: report.id,
        ticketId,
        at: now,
        data: {
          fromStatus: ticket.status,
          toStatus: status,
          outcome: input.outcome,
          hours: hours.map((line) => ({ category: line.category, hours: line.hours })),
          parts: booked.map((line) => ({ partId: line.partId, quantity: line.quantity, fromLoans: line.fromLoans })),
          charges: charges.map((charge) => ({ kind: charge.kind, reason: charge.reason, amount: charge.amount })),
          settlement,
          invoiceRequestId: invoiceRequest?.id ?? null,
          receipt: receipt?.number ?? null,
          repairedReceipt: repairedReceiptNumber,
          expectedCompletionAt: expectedCompletionAt?.toISOString() ?? null,
        },
      },
      { threadLines },
    );
    if (resolved) await resolveEndedEscalations(tx, { ticketId, now, ...auditActor(actor) });
    // Last, so that a part's stock row is locked only until the commit that follows.
    await takeStock();
    return result;
  });
}

function workReportFacts(result: Omit<WorkReportFacts, "charges" | "invoiceRequest"> & { charges: { kind: string; reason: string; amount: string }[]; invoiceRequest: { amount: string; currency: string } | null }): WorkReportFacts {
  return {
    outcome: result.outcome,
    fromStatus: result.fromStatus,
    status: result.status,
    hours: result.hours,
    parts: result.parts,
    feeTotal: result.feeTotal,
    currency: result.currency,
    settlement: result.settlement,
    charges: result.charges.map(({ kind, reason, amount }) => ({ kind, reason, amount })),
    invoiceRequest: result.invoiceRequest ? { amount: result.invoiceRequest.amount, currency: result.invoiceRequest.currency } : null,
    signedByName: result.signedByName,
    receipt: result.receipt ? { number: result.receipt.number } : null,
    repairedReceiptNumber: result.repairedReceiptNumber,
    expectedCompletionAt: result.expectedCompletionAt ?? null,
  };
}
