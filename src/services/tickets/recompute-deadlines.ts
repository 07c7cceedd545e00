// R6/R7: a branch's working calendar changed (a holiday imported or removed, new opening hours), so
// the open calls still waiting for a technician are due at a different time. Their deadlines are
// counted again from when the customer called, inside the transaction that changed the calendar,
// each with its audit row and a line for its Slack thread (queued for the outbox; the running bot posts it).
import type { Tx } from "../../db";
import { alertsAfterDeadlineMove, computeArrivalDeadline, type ArrivalLimits } from "../../domain/deadline";
import { recordAudit } from "../audit";
import { loadBranchCalendar } from "./load-branch-calendar";
import { queueHistory } from "./history";

/** Calls still waiting for the technician's arrival; later statuses have one, earlier ones no deadline. */
const WAITING_FOR_ARRIVAL = ["REGISTERED", "ASSIGNED", "ACCEPTED"] as const;

export interface MovedDeadline {
  ticketId: number;
  voucherNo: string;
  from: Date;
  to: Date;
}

export async function recomputeBranchDeadlines(
  tx: Tx,
  options: { branchId: number; now: Date; actor: string; arrivalLimits: ArrivalLimits },
): Promise<MovedDeadline[]> {
  const { branchId, now, actor, arrivalLimits } = options;
  const calendar = await loadBranchCalendar(tx, branchId);
  const tickets = await tx.ticket.findMany({
    where: { branchId, status: { in: [...WAITING_FOR_ARRIVAL] }, arrivedAt: null, arrivalDeadline: { not: null } },
    orderBy: { id: "asc" },
    select: { id: true, voucherNo: true, calledAt: true, area: true, arrivalDeadline: true, preWarningSentAt: true, overdueAlertedAt: true },
  });
  const moved: MovedDeadline[] = [];
  for (const ticket of tickets) {
    const from = ticket.arrivalDeadline!;
    const to = computeArrivalDeadline({ calendar, calledAt: ticket.calledAt, area: ticket.area, limits: arrivalLimits });
    if (to.getTime() === from.getTime()) continue;
    const alerts = alertsAfterDeadlineMove({ from, to, now, alerts: { preWarningSentAt: ticket.preWarningSentAt, overdueAlertedAt: ticket.overdueAlertedAt } });
    await tx.ticket.update({
      where: { id: ticket.id },
      data: { arrivalDeadline: to, preWarningSentAt: alerts.preWarningSentAt, overdueAlertedAt: alerts.overdueAlertedAt },
    });
    if (alerts.withdrawOverdue) {
      // No longer overdue: its alert stops climbing to the managers (R7); a new one comes if the new deadline passes.
      await tx.escalation.updateMany({ where: { ticketId: ticket.id, kind: "OVERDUE", acknowledgedAt: null }, data: { nextEscalationAt: null } });
    }
    const data = { from: from.toISOString(), to: to.toISOString() };
    await recordAudit(tx, { at: now, actor, action: "ticket.deadline-moved", entity: "Ticket", entityId: ticket.id, ticketId: ticket.id, data: { ...data, withdrewOverdue: alerts.withdrawOverdue } });
    // The CLI has no Slack client: the outbox of the running bot writes the line.
    await queueHistory(tx, { ticketId: ticket.id, at: now, actor: { system: actor }, event: { kind: "deadline-moved", from, to } });
    moved.push({ ticketId: ticket.id, voucherNo: ticket.voucherNo, from, to });
  }
  return moved;
}
