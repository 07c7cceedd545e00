import { computeArrivalDeadline } from "../../domain/deadline";
import { EDITABLE_STATUSES } from "../../domain/ticket-status";
import { recordAudit } from "../audit";
import { historyActor, queueHistory } from "./history";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, assertRoleFor, auditActor } from "./authorize";
import type { DeadlineDeps } from "./deps";
import { planIntake, plannedTicketFields, requireComplete, writeIntakeParties } from "./intake-plan";
import type { IntakeInput } from "./models";
import { lockTicket, statusConflict, ticketNotFound } from "./ticket-rows";

/** The names `editTicket` reports, for the "edited" history line. */
export type EditedField =
  | "customer"
  | "equipment"
  | "contactName"
  | "contactPhone"
  | "siteAddress"
  | "faultDescription"
  | "requestedServiceAt"
  | "area"
  | "category";

export interface EditTicketResult {
  ticketId: number;
  /** Empty when the submission changed nothing (then nothing was written). */
  changedFields: EditedField[];
  arrivalDeadline: Date | null;
}

/**
 * Changes an open, dispatched call from the full intake form. The call must stay complete (R3:
 * VALIDATION on missing fields); an INCOMPLETE call is completed with completeIntake instead
 * (CONFLICT here). R1 is re-applied on the call's date; a new area recomputes the R6 deadline
 * from when the customer called (calledAt).
 */
export async function editTicket(deps: DeadlineDeps, options: { actor: Actor; ticketId: number; input: IntakeInput }): Promise<EditTicketResult> {
  const { db, clock, arrivalLimits } = deps;
  const { actor, ticketId, input } = options;
  assertRoleFor(actor, "ticket.edit");
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, include: { customer: true } });
  if (!ticket) throw ticketNotFound(ticketId);
  assertCan(actor, "ticket.edit", { branchId: ticket.branchId, assignedTechnicianId: ticket.assignedTechnicianId });
  if (!EDITABLE_STATUSES.includes(ticket.status)) throw statusConflict(ticket.status, "ticket.edit");

  const plan = await planIntake(db, { actor, action: "ticket.edit", input, callAt: ticket.calledAt, branchId: ticket.branchId, voucherNo: ticket.voucherNo });
  requireComplete(plan);

  const changed: EditedField[] = [];
  if (plan.customer.kind === "existing") {
    if (plan.customer.row.id !== ticket.customerId) changed.push("customer");
  } else {
    // A new-customer submission updates the customer this call created (see writeIntakeParties).
    const data = plan.customer.data;
    const same = (Object.keys(data) as (keyof typeof data)[]).every((key) => data[key] === ticket.customer[key]);
    if (plan.customer.ownCustomerId !== ticket.customerId || !same) changed.push("customer");
  }
  if (plan.equipment.kind === "new" || (plan.equipment.kind === "existing" ? plan.equipment.row.id : null) !== ticket.equipmentId) changed.push("equipment");
  for (const field of ["contactName", "contactPhone", "siteAddress", "faultDescription"] as const) {
    if (plan.ticket[field] !== ticket[field]) changed.push(field);
  }
  if ((plan.ticket.requestedServiceAt?.getTime() ?? null) !== (ticket.requestedServiceAt?.getTime() ?? null)) changed.push("requestedServiceAt");
  if (plan.area !== ticket.area) changed.push("area");
  if (plan.category.category !== ticket.category || plan.category.overrideReason !== ticket.categoryOverrideReason) changed.push("category");
  if (changed.length === 0) return { ticketId, changedFields: [], arrivalDeadline: ticket.arrivalDeadline };

  const arrivalDeadline = changed.includes("area")
    ? computeArrivalDeadline({ calendar: plan.calendar, calledAt: ticket.calledAt, area: plan.area, limits: arrivalLimits })
    : ticket.arrivalDeadline;

  return db.$transaction(async (tx) => {
    const locked = await lockTicket(tx, ticketId);
    if (!EDITABLE_STATUSES.includes(locked.status)) throw statusConflict(locked.status, "ticket.edit");
    const parties = await writeIntakeParties(tx, plan, { voucherNo: locked.voucherNo });
    await tx.ticket.update({
      where: { id: ticketId },
      data: {
        customerId: parties.customerId,
        equipmentId: parties.equipmentId,
        ...plannedTicketFields(plan),
        arrivalDeadline,
      },
    });
    await recordAudit(tx, {
      ...auditActor(actor),
      action: "ticket.edit",
      entity: "Ticket",
      entityId: ticketId,
      ticketId,
      at: clock.now(),
      data: { changedFields: changed, arrivalDeadline: arrivalDeadline?.toISOString() ?? null },
    });
    await queueHistory(tx, { ticketId, at: clock.now(), actor: historyActor(actor), event: { kind: "edited", fields: changed } });
    return { ticketId, changedFields: changed, arrivalDeadline };
  });
}
