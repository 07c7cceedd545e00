// Closing a resolved call: the resolution is recorded, the technician's assignment ends. An item
// still in the workshop (R11: a custody receipt neither returned nor void) keeps the call open.
import { canTransition } from "../../domain/ticket-status";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { resolveEndedEscalations } from "../escalations/resolve-ended";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, auditActor } from "./authorize";
import type { TicketDeps } from "./deps";
import { statusConflict } from "./ticket-rows";
import { dmOf, lockForTechnician, type AssignmentDm } from "./technician-action-rows";
import { enqueueTicketLine } from "../outbox/enqueue";
import { lineActor } from "./history";

export const MAX_RESOLUTION = 2000;

export interface CloseTicketResult {
  ticketId: number;
  voucherNo: string;
  /** already: closed before (closedAt, closedBy = then), nothing changed. */
  change: "closed" | "already";
  closedAt: Date;
  closedBy: { slackUserId: string } | null;
  resolution: string | null;
  dm: AssignmentDm | null;
}

/** The text the Close modal starts from: the last report's diagnosis and notes. */
export async function lastReportSummary(deps: Pick<TicketDeps, "db">, options: { ticketId: number }): Promise<string | null> {
  const report = await deps.db.visitReport.findFirst({ where: { ticketId: options.ticketId }, orderBy: { id: "desc" } });
  if (!report) return null;
  const text = [report.diagnosis, report.notes].filter(Boolean).join("\n");
  return text ? text.slice(0, MAX_RESOLUTION) : null;
}

export async function closeTicket(deps: TicketDeps, options: { actor: Actor; ticketId: number; resolution: string }): Promise<CloseTicketResult> {
  const { db, clock } = deps;
  const { actor, ticketId } = options;
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const { ticket, assignment } = await lockForTechnician(tx, ticketId);
    assertCan(actor, "ticket.close", { branchId: ticket.branchId, assignedTechnicianId: ticket.assignedTechnicianId });
    if (ticket.status === "CLOSED" && ticket.closedAt) {
      const audit = await tx.auditLog.findFirst({ where: { ticketId, action: "ticket.close" }, orderBy: { at: "desc" } });
      return {
        ticketId,
        voucherNo: ticket.voucherNo,
        change: "already" as const,
        closedAt: ticket.closedAt,
        closedBy: audit ? { slackUserId: audit.actor } : null,
        resolution: ticket.resolution,
        dm: dmOf(await tx.assignment.findFirst({ where: { ticketId }, orderBy: { assignedAt: "desc" } })),
      };
    }
    if (ticket.status !== "RESOLVED" || !canTransition(ticket.status, "CLOSED")) throw statusConflict(ticket.status, "ticket.close");
    const resolution = options.resolution.trim();
    if (!resolution) throw new AppError("VALIDATION", { message: "resolution required", fieldErrors: { resolution: "resolution-required" } });
    if (resolution.length > MAX_RESOLUTION) throw new AppError("VALIDATION", { message: "resolution too long", fieldErrors: { resolution: "too-long" } });
    const openReceipt = await tx.custodyReceipt.findFirst({ where: { ticketId, returnedAt: null, voidedAt: null, state: { not: "RETURNED" } } });
    if (openReceipt) {
      throw new AppError("CONFLICT", { message: "item still in the workshop", details: { reason: "custody-open", receiptNumber: openReceipt.number, status: ticket.status, action: "ticket.close" } });
    }
    await tx.ticket.update({ where: { id: ticketId }, data: { status: "CLOSED", closedAt: now, resolution } });
    if (assignment) await tx.assignment.update({ where: { id: assignment.id }, data: { endedAt: now } });
    await recordAudit(tx, {
      ...auditActor(actor),
      action: "ticket.close",
      entity: "Ticket",
      entityId: ticketId,
      ticketId,
      at: now,
      data: { fromStatus: ticket.status, resolution, assignmentId: assignment?.id ?? null },
    });
    await resolveEndedEscalations(tx, { ticketId, now, ...auditActor(actor) });
    await enqueueTicketLine(tx, { ticketId, line: { kind: "closed", actor: lineActor(actor), resolution, closedAt: now } });
    return { ticketId, voucherNo: ticket.voucherNo, change: "closed" as const, closedAt: now, closedBy: { slackUserId: actor.slackUserId }, resolution, dm: dmOf(assignment) };
  });
}
