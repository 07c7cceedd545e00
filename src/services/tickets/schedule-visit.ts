import { SCHEDULABLE_STATUSES } from "../../domain/ticket-status";
import { recordAudit } from "../audit";
import { historyActor, queueHistory } from "./history";
import type { Actor } from "../staff/resolve-actor";
import { checkAppointment } from "./assign-technician";
import { assertCan, auditActor } from "./authorize";
import type { TicketDeps } from "./deps";
import type { PersonRef } from "./models";
import { lockTicket, personRef, statusConflict } from "./ticket-rows";

export interface ScheduleVisitResult {
  ticketId: number;
  start: Date;
  end: Date;
  /** The technician on the call, to be told; null before assignment. */
  technician: PersonRef | null;
}

/**
 * R5: the appointment window agreed with the customer, kept apart from the R6 deadline. Stored
 * on the ticket and on its open assignment; the status does not change.
 */
export async function scheduleVisit(
  deps: TicketDeps,
  options: { actor: Actor; ticketId: number; start: Date; end: Date },
): Promise<ScheduleVisitResult> {
  const { db, clock } = deps;
  const { actor, ticketId, start, end } = options;
  checkAppointment({ start, end });

  return db.$transaction(async (tx) => {
    const ticket = await lockTicket(tx, ticketId);
    assertCan(actor, "ticket.schedule-visit", { branchId: ticket.branchId, assignedTechnicianId: ticket.assignedTechnicianId });
    if (!SCHEDULABLE_STATUSES.includes(ticket.status)) throw statusConflict(ticket.status, "ticket.schedule-visit");
    await tx.ticket.update({ where: { id: ticketId }, data: { appointmentStart: start, appointmentEnd: end } });
    await tx.assignment.updateMany({ where: { ticketId, endedAt: null }, data: { appointmentStart: start, appointmentEnd: end } });
    const technician = ticket.assignedTechnicianId ? await tx.staff.findUnique({ where: { id: ticket.assignedTechnicianId } }) : null;
    await recordAudit(tx, {
      ...auditActor(actor),
      action: "ticket.schedule-visit",
      entity: "Ticket",
      entityId: ticketId,
      ticketId,
      at: clock.now(),
      data: {
        start: start.toISOString(),
        end: end.toISOString(),
        previous: ticket.appointmentStart && ticket.appointmentEnd ? { start: ticket.appointmentStart.toISOString(), end: ticket.appointmentEnd.toISOString() } : null,
      },
    });
    await queueHistory(tx, { ticketId, at: clock.now(), actor: historyActor(actor), event: { kind: "visit-scheduled", start, end } });
    return { ticketId, start, end, technician: personRef(technician) };
  });
}
