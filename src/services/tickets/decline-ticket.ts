import { canTransition } from "../../domain/ticket-status";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { enqueueTicketLine } from "../outbox/enqueue";
import { historyActor, queueHistory } from "./history";
import type { Actor } from "../staff/resolve-actor";
import { assertAssignee, auditActor } from "./authorize";
import type { TicketDeps } from "./deps";
import type { PersonRef } from "./models";
import { statusConflict } from "./ticket-rows";
import { dmOf, lockForTechnician, type AssignmentDm } from "./technician-action-rows";

export interface DeclineTicketResult {
  ticketId: number;
  reason: string;
  /** Who declined (the assignee), for the history and their DM. */
  technician: PersonRef;
  dm: AssignmentDm | null;
}

/**
 * R5: the assigned technician declines the call with a reason (required). The call goes back to
 * the dispatcher's queue: REGISTERED, no technician, the assignment ended with the reason.
 */
export async function declineTicket(deps: TicketDeps, options: { actor: Actor; ticketId: number; reason: string }): Promise<DeclineTicketResult> {
  const { db, clock } = deps;
  const { actor, ticketId } = options;
  const reason = options.reason?.trim();
  if (!reason) throw new AppError("VALIDATION", { message: "a decline needs a reason", fieldErrors: { reason: "required" } });

  return db.$transaction(async (tx) => {
    const now = clock.now();
    const { ticket, assignee, assignment } = await lockForTechnician(tx, ticketId);
    assertAssignee(actor, "ticket.decline", { branchId: ticket.branchId, assignee });
    if (!assignment || !assignee || !["ASSIGNED", "ACCEPTED"].includes(ticket.status) || !canTransition(ticket.status, "REGISTERED")) {
      throw statusConflict(ticket.status, "ticket.decline");
    }
    await tx.assignment.update({ where: { id: assignment.id }, data: { declinedAt: now, declineReason: reason, endedAt: now } });
    await tx.ticket.update({ where: { id: ticketId }, data: { status: "REGISTERED", assignedTechnicianId: null } });
    await recordAudit(tx, {
      ...auditActor(actor),
      action: "ticket.decline",
      entity: "Ticket",
      entityId: ticketId,
      ticketId,
      at: now,
      data: { fromStatus: ticket.status, assignmentId: assignment.id, technicianId: assignment.technicianId, reason },
    });
    await queueHistory(tx, { ticketId, at: now, actor: historyActor(actor), event: { kind: "declined", reason } });
    await enqueueTicketLine(tx, { ticketId, line: { kind: "needs-technician" } });
    return { ticketId, reason, technician: assignee, dm: dmOf(assignment) };
  });
}
