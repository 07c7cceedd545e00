import { computeArrivalDeadline } from "../../domain/deadline";
import { localDate } from "../../domain/working-calendar";
import { Prisma } from "../../generated/prisma/client";
import { recordAudit } from "../audit";
import type { Actor } from "../staff/resolve-actor";
import { allocateVoucherNumber } from "./allocate-voucher-number";
import { assertRoleFor, auditActor } from "./authorize";
import { historyActor } from "./history";
import type { DeadlineDeps } from "./deps";
import type { IntakeInput } from "./models";
import { planIntake, plannedTicketFields, requireComplete, writeIntakeParties } from "./intake-plan";

export interface RegisterTicketResult {
  ticketId: number;
  /** False when `intakeKey` had already made a ticket: nothing was written this time. */
  created: boolean;
}

/**
 * R2–R4, R6: registers a repair call. A call missing required information is saved INCOMPLETE
 * (R3) when asked to, with a voucher number but no deadline; otherwise it is REGISTERED with its
 * R6 arrival deadline counted from when the customer called (`input.calledAt`, default now; seed
 * 000 §19: "from the repair request"). `intakeKey` (one per modal submission) makes repeats and
 * Slack retries return the first ticket, even when they race.
 */
export async function registerTicket(
  deps: DeadlineDeps,
  options: { actor: Actor; input: IntakeInput; intakeKey: string },
): Promise<RegisterTicketResult> {
  const { db, clock, arrivalLimits } = deps;
  const { actor, input, intakeKey } = options;
  // Refuse people who may register nowhere before reading anything; the branch is checked in planIntake.
  assertRoleFor(actor, "ticket.register");

  const existing = await db.ticket.findUnique({ where: { intakeKey }, select: { id: true } });
  if (existing) return { ticketId: existing.id, created: false };

  const receivedAt = clock.now();
  const calledAt = input.calledAt ?? receivedAt;
  const plan = await planIntake(db, { actor, action: "ticket.register", input, callAt: calledAt, checkCalledAtAgainst: receivedAt });
  const incomplete = plan.missingFields.length > 0;
  if (incomplete && !input.saveAsIncomplete) requireComplete(plan);
  const arrivalDeadline = incomplete
    ? null
    : computeArrivalDeadline({ calendar: plan.calendar, calledAt, area: plan.area, limits: arrivalLimits });
  const year = Number(localDate({ timeZone: plan.timeZone }, receivedAt).slice(0, 4));
  // R4: the number is taken in a statement of its own, so the year's counter row is locked for that
  // statement only, not for the whole transaction of every concurrent intake (see allocateVoucherNumber).
  const voucherNo = await allocateVoucherNumber(db, year);

  try {
    const ticketId = await db.$transaction(async (tx) => {
      const parties = await writeIntakeParties(tx, plan, { voucherNo });
      const ticket = await tx.ticket.create({
        data: {
          voucherNo,
          branchId: plan.branchId,
          customerId: parties.customerId,
          equipmentId: parties.equipmentId,
          status: incomplete ? "INCOMPLETE" : "REGISTERED",
          ...plannedTicketFields(plan),
          missingFields: plan.missingFields,
          receivedAt,
          calledAt,
          arrivalDeadline,
          registeredById: actor.staffId,
          intakeKey,
          sourceMessageLink: input.sourceMessageLink?.trim() || null,
        },
      });
      await recordAudit(
        tx,
        {
          ...auditActor(actor),
          action: "ticket.register",
          entity: "Ticket",
          entityId: ticket.id,
          ticketId: ticket.id,
          at: receivedAt,
          data: {
            voucherNo,
            status: ticket.status,
            calledAt: calledAt.toISOString(),
            category: ticket.category,
            suggestedCategory: ticket.suggestedCategory,
            categoryOverrideReason: ticket.categoryOverrideReason,
            missingFields: plan.missingFields,
            createdCustomer: parties.createdCustomer,
            createdEquipment: parties.createdEquipment,
          },
        },
        { threadLines: [{ kind: "entry", entry: { at: receivedAt, actor: historyActor(actor), event: { kind: "registered" } } }] },
      );
      return ticket.id;
    });
    return { ticketId, created: true };
  } catch (error) {
    // A concurrent submission with the same key won the race: its ticket is the answer.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await db.ticket.findUnique({ where: { intakeKey }, select: { id: true } });
      if (winner) return { ticketId: winner.id, created: false };
    }
    throw error;
  }
}
