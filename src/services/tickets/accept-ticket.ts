import { canTransition } from "../../domain/ticket-status";
import { recordAudit } from "../audit";
import { historyActor, queueHistory } from "./history";
import type { Actor } from "../staff/resolve-actor";
import { assertAssignee, auditActor } from "./authorize";
import type { TicketDeps } from "./deps";
import { statusConflict } from "./ticket-rows";
import { dmOf, lockForTechnician, type AssignmentDm } from "./technician-action-rows";

export interface AcceptTicketResult {
  ticketId: number;
  /** accepted: now; already: an earlier click did it (at = then), nothing changed. */
  change: "accepted" | "already";
  at: Date;
  dm: AssignmentDm | null;
}

/**
 * R5/R9: the assigned technician takes the call (ASSIGNED → ACCEPTED, Assignment.acceptedAt).
 * A second click changes nothing and says when it was accepted.
 */
export async function acceptTicket(deps: TicketDeps, options: { actor: Actor; ticketId: number }): Promise<AcceptTicketResult> {
  const { db, clock } = deps;
  const { actor, ticketId } = options;
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const { ticket, assignee, assignment } = await lockForTechnician(tx, ticketId);
    assertAssignee(actor, "ticket.accept", { branchId: ticket.branchId, assignee });
    if (assignment?.acceptedAt) return { ticketId, change: "already" as const, at: assignment.acceptedAt, dm: dmOf(assignment) };
    if (!assignment || ticket.status !== "ASSIGNED" || !canTransition(ticket.status, "ACCEPTED")) {
      throw statusConflict(ticket.status, "ticket.accept");
    }
    await tx.assignment.update({ where: { id: assignment.id }, data: { acceptedAt: now } });
    await tx.ticket.update({ where: { id: ticketId }, data: { status: "ACCEPTED" } });
    await recordAudit(tx, {
      ...auditActor(actor),
      action: "ticket.accept",
      entity: "Ticket",
      entityId: ticketId,
      ticketId,
      at: now,
      data: { fromStatus: ticket.status, assignmentId: assignment.id },
    });
    await queueHistory(tx, { ticketId, at: now, actor: historyActor(actor), event: { kind: "accepted" } });
    return { ticketId, change: "accepted" as const, at: now, dm: dmOf(assignment) };
  });
}
