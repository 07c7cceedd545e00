import type { Clock } from "../../clock";
import type { DbOrTx } from "../../db";
import { isOverdue } from "../../domain/deadline";
import { OPEN_STATUSES } from "../../domain/ticket-status";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import type { Actor } from "../staff/resolve-actor";
import { assertCan } from "./authorize";
import type { TicketListFilter, TicketListItem } from "./models";
import { personRef } from "./ticket-rows";

/**
 * `/repair list …`: the actor's branch, most urgent first — carried-over calls (R8), then the
 * earliest deadline (none last), then the customer's grade A→C (R23), then the oldest call.
 * open: not closed or cancelled; unassigned: registered, waiting for a technician; overdue: past
 * the deadline without an arrival (R7); mine: open and assigned to or registered by the actor;
 * incomplete: waiting for information (R3).
 */
export async function listTickets(
  deps: { db: DbOrTx; clock: Clock },
  options: { actor: Actor; filter: TicketListFilter; limit?: number },
): Promise<TicketListItem[]> {
  const { db, clock } = deps;
  const { actor, filter, limit = 25 } = options;
  if (actor.branchId === null) {
    throw new AppError("NOT_REGISTERED", { message: "listing needs a branch", details: { slackUserId: actor.slackUserId } });
  }
  assertCan(actor, "ticket.view", { branchId: actor.branchId });
  const now = clock.now();
  const open = { status: { in: [...OPEN_STATUSES] } };
  const where: Record<TicketListFilter, Prisma.TicketWhereInput> = {
    open,
    unassigned: { status: "REGISTERED" },
    overdue: { ...open, arrivedAt: null, arrivalDeadline: { lt: now } },
    mine: { ...open, OR: [{ assignedTechnicianId: actor.staffId ?? -1 }, { registeredById: actor.staffId ?? -1 }] },
    incomplete: { status: "INCOMPLETE" },
  };
  const rows = await db.ticket.findMany({
    where: { branchId: actor.branchId, ...where[filter] },
    orderBy: [
      { priority: "desc" },
      { arrivalDeadline: { sort: "asc", nulls: "last" } },
      { customer: { grade: "asc" } },
      { receivedAt: "asc" },
      { id: "asc" },
    ],
    take: limit,
    select: {
      id: true,
      voucherNo: true,
      status: true,
      area: true,
      faultDescription: true,
      receivedAt: true,
      arrivalDeadline: true,
      arrivedAt: true,
      priority: true,
      slackChannelId: true,
      slackMessageTs: true,
      customer: { select: { name: true, grade: true } },
      assignedTechnician: { select: { id: true, slackUserId: true, name: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    voucherNo: row.voucherNo,
    status: row.status,
    customerName: row.customer.name,
    grade: row.customer.grade,
    area: row.area,
    faultDescription: row.faultDescription,
    receivedAt: row.receivedAt,
    arrivalDeadline: row.arrivalDeadline,
    overdue: row.arrivalDeadline !== null && OPEN_STATUSES.includes(row.status) && isOverdue({ deadline: row.arrivalDeadline, arrivedAt: row.arrivedAt, now }),
    priority: row.priority,
    technician: personRef(row.assignedTechnician),
    slackMessage: row.slackChannelId && row.slackMessageTs ? { channelId: row.slackChannelId, ts: row.slackMessageTs } : null,
  }));
}
