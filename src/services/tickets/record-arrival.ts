import { lateness } from "../../domain/deadline";
import { canTransition } from "../../domain/ticket-status";
import { recordAudit } from "../audit";
import { historyActor, queueHistory } from "./history";
import { resolveEndedEscalations } from "../escalations/resolve-ended";
import type { Actor } from "../staff/resolve-actor";
import { assertAssignee, auditActor } from "./authorize";
import type { TicketDeps } from "./deps";
import { statusConflict } from "./ticket-rows";
import { dmOf, lockForTechnician, type AssignmentDm } from "./technician-action-rows";

export interface RecordArrivalResult {
  ticketId: number;
  /** arrived: now; already: an earlier click recorded it (arrivedAt = then), nothing changed. */
  change: "arrived" | "already";
  arrivedAt: Date;
  /** R6: minutes past the deadline (domain/deadline.ts `lateness`), 0 when on time; null when the call has no deadline. */
  lateByMinutes: number | null;
  /** R9: back on site for a rescheduled visit (from ON_HOLD); the R6 arrival stays the first one. */
  revisit: boolean;
  dm: AssignmentDm | null;
}

/**
 * R9/R6: the assigned technician is on site (ON_SITE). The arrival stops the R6 clock: a late one
 * is stored with how late it was, in minutes past the deadline. A second click changes nothing.
 */
export async function recordArrival(deps: TicketDeps, options: { actor: Actor; ticketId: number }): Promise<RecordArrivalResult> {
  const { db, clock } = deps;
  const { actor, ticketId } = options;
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const { ticket, assignee, assignment } = await lockForTechnician(tx, ticketId);
    assertAssignee(actor, "ticket.arrive", { branchId: ticket.branchId, assignee });
    // R9: the next visit of a rescheduled call, or the first visit of the technician it was handed
    // over to. The R6 clock stopped at the first arrival; that one stays.
    const revisit = assignment !== null && (ticket.status === "ON_HOLD" || (ticket.arrivedAt !== null && ["ASSIGNED", "ACCEPTED"].includes(ticket.status)));
    if (!revisit && ticket.arrivedAt) {
      return { ticketId, change: "already" as const, arrivedAt: ticket.arrivedAt, lateByMinutes: ticket.lateByMinutes, revisit: false, dm: dmOf(assignment) };
    }
    if (!assignment || !(revisit || ["ASSIGNED", "ACCEPTED"].includes(ticket.status)) || !canTransition(ticket.status, "ON_SITE")) {
      throw statusConflict(ticket.status, "ticket.arrive");
    }
    const lateByMinutes = !revisit && ticket.arrivalDeadline ? lateness({ deadline: ticket.arrivalDeadline, at: now }) : null;
    await tx.ticket.update({ where: { id: ticketId }, data: revisit ? { status: "ON_SITE" } : { status: "ON_SITE", arrivedAt: now, lateByMinutes } });
    await recordAudit(tx, {
      ...auditActor(actor),
      action: "ticket.arrive",
      entity: "Ticket",
      entityId: ticketId,
      ticketId,
      at: now,
      data: { fromStatus: ticket.status, assignmentId: assignment.id, arrivedAt: now.toISOString(), ...(revisit ? { revisit: true } : { lateByMinutes }) },
    });
    // R7: the arrival ends the overdue alert: it resolves now and never climbs.
    await resolveEndedEscalations(tx, { ticketId, now, ...auditActor(actor) });
    await queueHistory(tx, { ticketId, at: now, actor: historyActor(actor), event: revisit ? { kind: "back-on-site" } : { kind: "arrived", lateByMinutes } });
    return { ticketId, change: "arrived" as const, arrivedAt: now, lateByMinutes, revisit, dm: dmOf(assignment) };
  });
}
