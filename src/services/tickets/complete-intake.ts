import { computeArrivalDeadline } from "../../domain/deadline";
import { recordAudit } from "../audit";
import { historyActor, queueHistory } from "./history";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, assertRoleFor, auditActor } from "./authorize";
import type { DeadlineDeps } from "./deps";
import { planIntake, plannedTicketFields, requireComplete, writeIntakeParties } from "./intake-plan";
import type { IntakeInput } from "./models";
import { lockTicket, statusConflict, ticketNotFound } from "./ticket-rows";

export interface CompleteIntakeResult {
  ticketId: number;
  /** REGISTERED once nothing is missing; INCOMPLETE when saved again as incomplete. */
  status: "REGISTERED" | "INCOMPLETE";
  missingFields: string[];
  arrivalDeadline: Date | null;
}

/**
 * R3: the dispatcher completes an incomplete call after calling the customer back; it becomes
 * REGISTERED and may be assigned. R6 counts from the call, not from the completion, so the
 * deadline runs from the ORIGINAL calledAt (a call completed late may be due, or overdue, at
 * once — which is what the procedure measures). Still missing something, it may be saved again
 * as incomplete (`saveAsIncomplete`), otherwise VALIDATION names the missing fields.
 */
export async function completeIntake(
  deps: DeadlineDeps,
  options: { actor: Actor; ticketId: number; input: IntakeInput },
): Promise<CompleteIntakeResult> {
  const { db, clock, arrivalLimits } = deps;
  const { actor, ticketId, input } = options;
  assertRoleFor(actor, "ticket.complete-intake");
  const ticket = await db.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) throw ticketNotFound(ticketId);
  assertCan(actor, "ticket.complete-intake", { branchId: ticket.branchId, assignedTechnicianId: ticket.assignedTechnicianId });
  if (ticket.status !== "INCOMPLETE") throw statusConflict(ticket.status, "ticket.complete-intake");

  const plan = await planIntake(db, { actor, action: "ticket.complete-intake", input, callAt: ticket.calledAt, branchId: ticket.branchId, voucherNo: ticket.voucherNo });
  const incomplete = plan.missingFields.length > 0;
  if (incomplete && !input.saveAsIncomplete) requireComplete(plan);
  const arrivalDeadline = incomplete
    ? null
    : computeArrivalDeadline({ calendar: plan.calendar, calledAt: ticket.calledAt, area: plan.area, limits: arrivalLimits });
  const status = incomplete ? ("INCOMPLETE" as const) : ("REGISTERED" as const);

  return db.$transaction(async (tx) => {
    const locked = await lockTicket(tx, ticketId);
    if (locked.status !== "INCOMPLETE") throw statusConflict(locked.status, "ticket.complete-intake");
    const parties = await writeIntakeParties(tx, plan, { voucherNo: locked.voucherNo });
    await tx.ticket.update({
      where: { id: ticketId },
      data: {
        status,
        customerId: parties.customerId,
        equipmentId: parties.equipmentId,
        ...plannedTicketFields(plan),
        missingFields: plan.missingFields,
        arrivalDeadline,
      },
    });
    await recordAudit(tx, {
      ...auditActor(actor),
      action: "ticket.complete-intake",
      entity: "Ticket",
      entityId: ticketId,
      ticketId,
      at: clock.now(),
      data: { status, missingFields: plan.missingFields, category: plan.category.category, arrivalDeadline: arrivalDeadline?.toISOString() ?? null },
    });
    await queueHistory(tx, { ticketId, at: clock.now(), actor: historyActor(actor), event: { kind: "completed-intake" } });
    return { ticketId, status, missingFields: plan.missingFields, arrivalDeadline };
  });
}
