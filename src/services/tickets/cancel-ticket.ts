import { canTransition } from "../../domain/ticket-status";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { historyActor, queueHistory } from "./history";
import { resolveEndedEscalations } from "../escalations/resolve-ended";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, assertRoleFor, auditActor } from "./authorize";
import type { TicketDeps } from "./deps";
import type { PersonRef } from "./models";
import { lockTicket, personRef, statusConflict } from "./ticket-rows";

export interface CancelTicketResult {
  ticketId: number;
  reason: string;
  /** The technician who was on the call, to be told; null if none. */
  technician: PersonRef | null;
}

/** Cancels an open call with a reason (required); its open assignment ends with it. */
export async function cancelTicket(deps: TicketDeps, options: { actor: Actor; ticketId: number; reason: string }): Promise<CancelTicketResult> {
  const { db, clock } = deps;
  const { actor, ticketId } = options;
  assertRoleFor(actor, "ticket.cancel");
  const reason = options.reason?.trim();
  if (!reason) throw new AppError("VALIDATION", { message: "a cancellation needs a reason", fieldErrors: { reason: "required" } });

  return db.$transaction(async (tx) => {
    const now = clock.now();
    const ticket = await lockTicket(tx, ticketId);
    assertCan(actor, "ticket.cancel", { branchId: ticket.branchId, assignedTechnicianId: ticket.assignedTechnicianId });
    if (!canTransition(ticket.status, "CANCELLED")) throw statusConflict(ticket.status, "ticket.cancel");
    // R11: the customer's item goes back (and signs for it) before the call may end.
    const openReceipt = await tx.custodyReceipt.findFirst({ where: { ticketId, state: { not: "RETURNED" } }, orderBy: { id: "asc" } });
    if (openReceipt) {
      throw new AppError("CONFLICT", { message: "item still in the workshop", details: { reason: "custody-open", receiptNumber: openReceipt.number, status: ticket.status, action: "ticket.cancel" } });
    }
    const open = await tx.assignment.findFirst({ where: { ticketId, endedAt: null }, include: { technician: true } });
    if (open) await tx.assignment.update({ where: { id: open.id }, data: { endedAt: now } });
    await tx.ticket.update({ where: { id: ticketId }, data: { status: "CANCELLED", cancelledAt: now, cancelReason: reason } });
    await recordAudit(tx, {
      ...auditActor(actor),
      action: "ticket.cancel",
      entity: "Ticket",
      entityId: ticketId,
      ticketId,
      at: now,
      data: { fromStatus: ticket.status, reason, endedAssignmentId: open?.id ?? null },
    });
    await resolveEndedEscalations(tx, { ticketId, now, ...auditActor(actor) });
    await queueHistory(tx, { ticketId, at: now, actor: historyActor(actor), event: { kind: "cancelled", reason } });
    return { ticketId, reason, technician: personRef(open?.technician) };
  });
}
