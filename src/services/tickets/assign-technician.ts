import { awaitsCategoryConfirmation } from "../../domain/category";
import { ASSIGNABLE_STATUSES } from "../../domain/ticket-status";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { enqueueSlackEffect } from "../outbox/enqueue";
import { historyActor, queueHistory } from "./history";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, assertRoleFor, auditActor, requireStaffId } from "./authorize";
import type { TicketDeps } from "./deps";
import type { PersonRef } from "./models";
import { localDateText, lockTicket, personRef, statusConflict } from "./ticket-rows";

export interface AssignTechnicianResult {
  ticketId: number;
  technician: PersonRef;
  /** The technician taken off the call by a re-assignment, to be told; null otherwise. */
  previous: PersonRef | null;
  assignmentId: number;
  /** assigned: first technician; reassigned: another one took over; updated: same technician, new note or appointment. */
  change: "assigned" | "reassigned" | "updated";
}

/** Checks an appointment window: VALIDATION on "appointment" unless both are dates and end is after start. */
export function checkAppointment(appointment: { start: Date; end: Date }): void {
  const start = new Date(appointment.start).getTime();
  const end = new Date(appointment.end).getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) {
    throw new AppError("VALIDATION", { message: "appointment is not a date", fieldErrors: { appointment: "invalid" } });
  }
  if (end <= start) {
    throw new AppError("VALIDATION", { message: "appointment ends before it starts", fieldErrors: { appointment: "end-before-start" } });
  }
}

/**
 * R5: puts a technician on the call, keeping the history in Assignment rows. Re-assigning ends
 * the open assignment and starts another; choosing the technician already assigned only updates
 * the note and the appointment (no second history row, status unchanged). The appointment is the
 * window agreed with the customer, kept apart from the R6 deadline; omitted, the ticket keeps the
 * one it has. R3: an INCOMPLETE call cannot be assigned (CONFLICT, details.status).
 *
 * The ticket row is locked for the transaction, so two dispatchers assigning at once are applied
 * one after the other (the second re-assigns), never leaving two open assignments.
 */
export async function assignTechnician(
  deps: TicketDeps,
  options: { actor: Actor; ticketId: number; technicianStaffId: number; note?: string; appointment?: { start: Date; end: Date } },
): Promise<AssignTechnicianResult> {
  const { db, clock } = deps;
  const { actor, ticketId, technicianStaffId, appointment } = options;
  assertRoleFor(actor, "ticket.assign");
  const assignedById = requireStaffId(actor);
  if (appointment) checkAppointment(appointment);
  const note = options.note?.trim() || null;

  return db.$transaction(async (tx) => {
    const now = clock.now();
    const ticket = await lockTicket(tx, ticketId);
    assertCan(actor, "ticket.assign", { branchId: ticket.branchId, assignedTechnicianId: ticket.assignedTechnicianId });
    if (!ASSIGNABLE_STATUSES.includes(ticket.status)) throw statusConflict(ticket.status, "ticket.assign");
    // R1 / seed 001 §4.4.1: a paid call of unknown warranty is not dispatched until the dispatcher
    // sets the warranty end or confirms the category with a reason.
    if (ticket.status === "REGISTERED" && ticket.category === "A_PAID" && !ticket.contractId && !ticket.categoryOverrideReason) {
      const equipment = ticket.equipmentId ? await tx.equipment.findUnique({ where: { id: ticket.equipmentId }, select: { warrantyEnd: true } }) : null;
      const waiting = awaitsCategoryConfirmation({ category: ticket.category, warrantyEnd: localDateText(equipment?.warrantyEnd), contractId: ticket.contractId, overrideReason: ticket.categoryOverrideReason });
      if (waiting) throw new AppError("CONFLICT", { message: "warranty unknown: confirm the category first", details: { reason: "warranty-unknown", voucherNo: ticket.voucherNo, action: "ticket.assign" } });
    }

    const technician = await tx.staff.findUnique({ where: { id: technicianStaffId } });
    if (!technician || !technician.active || !technician.roles.includes("TECHNICIAN") || technician.branchId !== ticket.branchId) {
      throw new AppError("VALIDATION", {
        message: `staff ${technicianStaffId} is not an active technician of branch ${ticket.branchId}`,
        fieldErrors: { technician: "not-a-technician" },
        details: { technicianStaffId },
      });
    }
    const technicianRef = personRef(technician)!;
    const appointmentFields = appointment ? { appointmentStart: appointment.start, appointmentEnd: appointment.end } : {};
    const current = await tx.assignment.findFirst({ where: { ticketId, endedAt: null }, include: { technician: true } });

    if (current && current.technicianId === technician.id) {
      await tx.assignment.update({
        where: { id: current.id },
        data: { ...(options.note !== undefined ? { note } : {}), ...appointmentFields },
      });
      if (appointment) await tx.ticket.update({ where: { id: ticketId }, data: appointmentFields });
      await recordAudit(tx, {
        ...auditActor(actor),
        action: "ticket.assign",
        entity: "Ticket",
        entityId: ticketId,
        ticketId,
        at: now,
        data: { change: "updated", assignmentId: current.id, technicianId: technician.id, note, appointment: appointment ? { start: appointment.start.toISOString(), end: appointment.end.toISOString() } : null },
      });
      return { ticketId, technician: technicianRef, previous: null, assignmentId: current.id, change: "updated" as const };
    }

    if (current) await tx.assignment.update({ where: { id: current.id }, data: { endedAt: now } });
    const assignment = await tx.assignment.create({
      data: { ticketId, technicianId: technician.id, assignedById, assignedAt: now, note, ...appointmentFields },
    });
    await tx.ticket.update({
      where: { id: ticketId },
      data: { status: "ASSIGNED", assignedTechnicianId: technician.id, ...appointmentFields },
    });
    const change = current ? ("reassigned" as const) : ("assigned" as const);
    await recordAudit(tx, {
      ...auditActor(actor),
      action: "ticket.assign",
      entity: "Ticket",
      entityId: ticketId,
      ticketId,
      at: now,
      data: {
        change,
        assignmentId: assignment.id,
        technicianId: technician.id,
        previousTechnicianId: current?.technicianId ?? null,
        fromStatus: ticket.status,
        note,
        appointment: appointment ? { start: appointment.start.toISOString(), end: appointment.end.toISOString() } : null,
      },
    });
    // R5: the thread says who has it, the technician hears of it, a replaced technician hears they are off it.
    const previous = personRef(current?.technician);
    await queueHistory(tx, { ticketId, at: now, actor: historyActor(actor), event: { kind: "assigned", technician: technicianRef, previous, note } });
    await enqueueSlackEffect(tx, { kind: "assignment-dm", ticketId, assignmentId: assignment.id, previous }, { key: `assignment:${assignment.id}:dm`, keyMode: "dedupe" });
    if (previous && previous.staffId !== technicianRef.staffId) await enqueueSlackEffect(tx, { kind: "unassigned-dm", ticketId, previous, technician: technicianRef });
    return { ticketId, technician: technicianRef, previous, assignmentId: assignment.id, change };
  });
}
