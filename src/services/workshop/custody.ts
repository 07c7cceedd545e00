// R11: the goods-in/goods-out register. Items taken back to the workshop (custody receipts not yet
// returned) move between waiting for repair, waiting for parts and repaired; when an item goes back
// to the customer, the return time and the customer's signature are logged, a goods-out line is
// written, the receipt is void, and the call is resolved.
import type { Tx } from "../../db";
import { canTransition, isFinal } from "../../domain/ticket-status";
import { DEFAULT_WORKSHOP_TURNAROUND, workshopDue, type WorkshopTurnaround } from "../../domain/workshop-turnaround";
import { loadBranchCalendar } from "../tickets/load-branch-calendar";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { enqueueTicketLine } from "../outbox/enqueue";
import { resolveEndedEscalations } from "../escalations/resolve-ended";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, assertRoleFor, auditActor } from "../tickets/authorize";
import type { TicketDeps } from "../tickets/deps";
import { lockTicket, statusConflict } from "../tickets/ticket-rows";
import { requestInvoice, type RequestedInvoice } from "../invoices/request-invoice";

export const WORKSHOP_STATES = ["WAITING_REPAIR", "WAITING_PARTS", "REPAIRED"] as const;
export type WorkshopState = (typeof WORKSHOP_STATES)[number];

export interface RepairCard {
  /** Hours logged to the ticket since the item was received. */
  hours: number;
  parts: { partNo: string; name: string; quantity: number }[];
}

export interface RegisterItem {
  receiptId: number;
  number: string;
  ticketId: number;
  voucherNo: string;
  customerName: string;
  items: string;
  condition: string;
  state: "WAITING_REPAIR" | "WAITING_PARTS" | "REPAIRED" | "RETURNED";
  receivedAt: Date;
  returnedAt: Date | null;
  returnSignedBy: string | null;
  card: RepairCard;
  /** R11/R12: due out by the turnaround target, and by the special-items limit; past either is marked. */
  dueAt: Date;
  specialDueAt: Date;
  pastDue: boolean;
  pastSpecialLimit: boolean;
}

export interface GoodsRegister {
  branchId: number;
  timeZone: string;
  turnaround: WorkshopTurnaround;
  inWorkshop: RegisterItem[];
  /** Items returned in the last 7 days, newest first. */
  returned: RegisterItem[];
}

const RETURNED_WINDOW_MS = 7 * 86_400_000;

function branchOf(actor: Actor): number {
  if (actor.branchId === null) throw new AppError("NOT_REGISTERED", { message: "the register is per branch" });
  return actor.branchId;
}

/** `/repair register`: what is in the actor's branch workshop, with each item's repair card. */
export async function listGoodsRegister(deps: TicketDeps & { workshopTurnaround?: WorkshopTurnaround }, options: { actor: Actor }): Promise<GoodsRegister> {
  const { db, clock } = deps;
  const turnaround = deps.workshopTurnaround ?? DEFAULT_WORKSHOP_TURNAROUND;
  const now = clock.now();
  assertRoleFor(options.actor, "custody.view");
  const branchId = branchOf(options.actor);
  assertCan(options.actor, "custody.view", { branchId });
  const since = new Date(now.getTime() - RETURNED_WINDOW_MS);
  const calendar = await loadBranchCalendar(db, branchId);
  const branch = await db.branch.findUniqueOrThrow({ where: { id: branchId }, select: { timeZone: true } });
  const receipts = await db.custodyReceipt.findMany({
    where: { ticket: { branchId }, OR: [{ state: { not: "RETURNED" } }, { returnedAt: { gte: since } }] },
    include: { ticket: { select: { voucherNo: true, customer: { select: { name: true } } } } },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  const ticketIds = [...new Set(receipts.map((r) => r.ticketId))];
  const [logs, usages] = await Promise.all([
    db.workLog.findMany({ where: { ticketId: { in: ticketIds } }, select: { ticketId: true, hours: true, workDate: true, createdAt: true } }),
    db.partUsage.findMany({ where: { ticketId: { in: ticketIds } }, include: { part: { select: { partNo: true, name: true } } } }),
  ]);
  const items = receipts.map((receipt): RegisterItem => {
    const until = receipt.returnedAt ?? new Date(8.64e15);
    const hours = logs
      .filter((log) => log.ticketId === receipt.ticketId && log.createdAt >= receipt.receivedAt && log.createdAt <= until)
      .reduce((sum, log) => sum + Number(log.hours), 0);
    const parts = new Map<string, { partNo: string; name: string; quantity: number }>();
    for (const usage of usages) {
      if (usage.ticketId !== receipt.ticketId || usage.usedAt < receipt.receivedAt || usage.usedAt > until) continue;
      const entry = parts.get(usage.part.partNo) ?? { partNo: usage.part.partNo, name: usage.part.name, quantity: 0 };
      entry.quantity += usage.quantity;
      parts.set(usage.part.partNo, entry);
    }
    const { dueAt, specialDueAt } = workshopDue(calendar, receipt.receivedAt, turnaround);
    const out = receipt.returnedAt ?? now;
    return {
      dueAt,
      specialDueAt,
      pastDue: out.getTime() > dueAt.getTime(),
      pastSpecialLimit: out.getTime() > specialDueAt.getTime(),
      receiptId: receipt.id,
      number: receipt.number,
      ticketId: receipt.ticketId,
      voucherNo: receipt.ticket.voucherNo,
      customerName: receipt.ticket.customer.name,
      items: receipt.items,
      condition: receipt.condition,
      state: receipt.state,
      receivedAt: receipt.receivedAt,
      returnedAt: receipt.returnedAt,
      returnSignedBy: receipt.returnSignedBy,
      card: { hours: Math.round(hours * 100) / 100, parts: [...parts.values()] },
    };
  });
  return {
    branchId,
    timeZone: branch.timeZone,
    turnaround,
    inWorkshop: items.filter((item) => item.state !== "RETURNED"),
    returned: items.filter((item) => item.state === "RETURNED").sort((a, b) => b.returnedAt!.getTime() - a.returnedAt!.getTime()),
  };
}

async function lockReceipt(tx: Tx, receiptId: number) {
  const head = await tx.custodyReceipt.findUnique({ where: { id: receiptId }, select: { ticketId: true } });
  if (!head) throw new AppError("NOT_FOUND", { message: `custody receipt ${receiptId} not found`, details: { entity: "CustodyReceipt", receiptId } });
  const ticket = await lockTicket(tx, head.ticketId);
  const receipt = await tx.custodyReceipt.findUniqueOrThrow({ where: { id: receiptId } });
  return { ticket, receipt };
}

export interface CustodyStateChange {
  receiptId: number;
  number: string;
  ticketId: number;
  change: "changed" | "already";
  from: string;
  to: WorkshopState;
  at: Date;
}

/** Moves an item in the workshop between waiting for repair, waiting for parts and repaired. */
export async function setCustodyState(deps: TicketDeps, options: { actor: Actor; receiptId: number; state: WorkshopState }): Promise<CustodyStateChange> {
  const { db, clock } = deps;
  const { actor, receiptId, state } = options;
  assertRoleFor(actor, "custody.update");
  if (!WORKSHOP_STATES.includes(state)) throw new AppError("VALIDATION", { message: `not a workshop state: ${String(state)}`, fieldErrors: { state: "bad-state" } });
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const { ticket, receipt } = await lockReceipt(tx, receiptId);
    assertCan(actor, "custody.update", { branchId: ticket.branchId, assignedTechnicianId: ticket.assignedTechnicianId });
    if (receipt.state === "RETURNED") throw statusConflict("RETURNED", "custody.update");
    const base = { receiptId, number: receipt.number, ticketId: ticket.id, from: receipt.state, to: state, at: now };
    if (receipt.state === state) return { ...base, change: "already" as const };
    await tx.custodyReceipt.update({ where: { id: receiptId }, data: { state } });
    await recordAudit(tx, {
      ...auditActor(actor),
      action: "custody.state",
      entity: "CustodyReceipt",
      entityId: receiptId,
      ticketId: ticket.id,
      at: now,
      data: { number: receipt.number, from: receipt.state, to: state },
    });
    await enqueueTicketLine(tx, { ticketId: ticket.id, line: { kind: "custody-state", number: receipt.number, to: state } });
    return { ...base, change: "changed" as const };
  });
}

export interface CustodyReturn {
  ticketId: number;
  returnedAt: Date;
  signedBy: string;
  receipts: { id: number; number: string; stateBefore: string }[];
  /** Some item went back not repaired (the customer took it back as it was). */
  unrepaired: boolean;
  /** The return moved the call to RESOLVED (false when it already was, or cannot be from its status). */
  resolved: boolean;
  /** R10: the invoice requested for the charges that waited for the return; null when nothing was charged. */
  invoiceRequest: RequestedInvoice | null;
}

/**
 * R11: the ticket's items in the workshop go back to the customer, who signs. The receipts are
 * void, a goods-out line is written, and the call is resolved (from the workshop or on hold).
 */
export async function returnCustodyItem(
  deps: TicketDeps,
  options: { actor: Actor; ticketId: number; returnedAt?: Date | null; signedBy: string; note?: string | null },
): Promise<CustodyReturn> {
  const { db, clock } = deps;
  const { actor, ticketId } = options;
  assertRoleFor(actor, "custody.return");
  const signedBy = options.signedBy.trim();
  if (!signedBy) throw new AppError("VALIDATION", { message: "the customer's signature is required", fieldErrors: { signedBy: "required" } });
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const returnedAt = options.returnedAt ?? now;
    if (returnedAt.getTime() > now.getTime() + 60_000) {
      throw new AppError("VALIDATION", { message: "a return cannot be in the future", fieldErrors: { returnedAt: "future" } });
    }
    const ticket = await lockTicket(tx, ticketId);
    assertCan(actor, "custody.return", { branchId: ticket.branchId, assignedTechnicianId: ticket.assignedTechnicianId });
    if (isFinal(ticket.status)) throw statusConflict(ticket.status, "custody.return");
    const open = await tx.custodyReceipt.findMany({ where: { ticketId, state: { not: "RETURNED" } }, orderBy: { id: "asc" } });
    if (!open.length) throw new AppError("CONFLICT", { message: "nothing of this call is in the workshop", details: { status: ticket.status, action: "custody.return" } });
    // Whatever the last outcome (fixed, replacement recommended, rescheduled, taken back as it was),
    // the item's return settles the call: it resolves unless it already is (or cannot be yet).
    const resolves = ticket.status !== "RESOLVED" && canTransition(ticket.status, "RESOLVED");
    const note = options.note?.trim() || null;
    for (const receipt of open) {
      await tx.custodyReceipt.update({ where: { id: receipt.id }, data: { state: "RETURNED", returnedAt, returnSignedBy: signedBy, voidedAt: now } });
      await tx.goodsMovement.create({ data: { receiptId: receipt.id, direction: "OUT", at: returnedAt, note } });
      await recordAudit(tx, {
        ...auditActor(actor),
        action: "custody.return",
        entity: "CustodyReceipt",
        entityId: receipt.id,
        ticketId,
        at: now,
        data: { number: receipt.number, stateBefore: receipt.state, returnedAt: returnedAt.toISOString(), signedBy, note },
      });
    }
    // Seed 000 §13: a workshop item's charges are invoiced on the day it goes back.
    const invoiceRequest = await requestInvoice(tx, { ticketId, branchId: ticket.branchId, source: "workshop-return", actor, at: now });
    if (resolves) {
      await tx.ticket.update({ where: { id: ticketId }, data: { status: "RESOLVED", resolvedAt: now } });
      await recordAudit(tx, {
        ...auditActor(actor),
        action: "ticket.resolve",
        entity: "Ticket",
        entityId: ticketId,
        ticketId,
        at: now,
        data: { fromStatus: ticket.status, via: "custody.return" },
      });
    }
    await resolveEndedEscalations(tx, { ticketId, now, ...auditActor(actor) });
    await enqueueTicketLine(tx, {
      ticketId,
      line: { kind: "custody-returned", receipts: open.map((r) => ({ number: r.number })), signedBy, returnedAt, unrepaired: open.some((r) => r.state !== "REPAIRED"), resolved: resolves, note: note ?? null },
    });
    return {
      ticketId,
      returnedAt,
      signedBy,
      receipts: open.map((r) => ({ id: r.id, number: r.number, stateBefore: r.state })),
      unrepaired: open.some((r) => r.state !== "REPAIRED"),
      resolved: resolves,
      invoiceRequest,
    };
  });
}

/** The ticket's receipts still in the workshop (for the Return to customer modal). */
export async function openCustodyReceipts(deps: TicketDeps, options: { ticketId: number }): Promise<{ id: number; number: string; state: string }[]> {
  return deps.db.custodyReceipt.findMany({
    where: { ticketId: options.ticketId, state: { not: "RETURNED" } },
    select: { id: true, number: true, state: true },
    orderBy: { id: "asc" },
  });
}
