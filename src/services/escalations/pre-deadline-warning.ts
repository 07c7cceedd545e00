// R7: a call whose arrival deadline is near (in WORKING minutes, R6) gets one warning before it
// becomes overdue. The warning is marked (preWarningSentAt) in a conditional statement, with its
// audit row, before Slack is told, so two scans at once warn once.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { workingMinutesBetween, type WorkingCalendar } from "../../domain/working-calendar";
import { recordAudit } from "../audit";
import { loadBranchCalendar } from "../tickets/load-branch-calendar";
import type { SlackMessageRef } from "./models";

const OPEN_STATUSES = ["REGISTERED", "ASSIGNED", "ACCEPTED"] as const;

export interface PreDeadlineWarning {
  ticketId: number;
  voucherNo: string;
  customerName: string;
  arrivalDeadline: Date;
  timeZone: string;
  /** Working minutes left until the deadline (rounded up). */
  minutesLeft: number;
  technicianSlackUserId: string | null;
  ticketMessage: SlackMessageRef | null;
  dispatchChannelId: string | null;
  /** The branch's active dispatchers, addressed when nobody is assigned. */
  dispatcherSlackUserIds: string[];
}

export async function warnBeforeDeadlines(deps: { db: Db; clock: Clock }, options: { actor: string; preWarningMinutes: number }): Promise<PreDeadlineWarning[]> {
  const now = deps.clock.now();
  const candidates = await deps.db.ticket.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, arrivedAt: null, preWarningSentAt: null, overdueAlertedAt: null, arrivalDeadline: { gt: now } },
    orderBy: [{ arrivalDeadline: "asc" }, { id: "asc" }],
    select: { id: true, branchId: true, arrivalDeadline: true },
  });
  const calendars = new Map<number, WorkingCalendar>();
  const warnings: PreDeadlineWarning[] = [];
  for (const candidate of candidates) {
    if (!candidate.arrivalDeadline) continue;
    let calendar = calendars.get(candidate.branchId);
    if (!calendar) {
      calendar = await loadBranchCalendar(deps.db, candidate.branchId);
      calendars.set(candidate.branchId, calendar);
    }
    const left = workingMinutesBetween(calendar, now, candidate.arrivalDeadline);
    if (left > options.preWarningMinutes) continue;
    const marked = await deps.db.$transaction(async (tx) => {
      const updated = await tx.ticket.updateMany({
        where: { id: candidate.id, status: { in: [...OPEN_STATUSES] }, arrivedAt: null, preWarningSentAt: null },
        data: { preWarningSentAt: now },
      });
      if (updated.count === 0) return false;
      await recordAudit(tx, { at: now, actor: options.actor, action: "ticket.pre-warning", entity: "Ticket", entityId: candidate.id, ticketId: candidate.id, data: { minutesLeft: Math.ceil(left) } });
      return true;
    });
    if (!marked) continue;
    const ticket = await deps.db.ticket.findUniqueOrThrow({
      where: { id: candidate.id },
      select: {
        voucherNo: true,
        slackChannelId: true,
        slackMessageTs: true,
        customer: { select: { name: true } },
        assignedTechnician: { select: { slackUserId: true } },
        branch: { select: { timeZone: true, dispatchChannelId: true } },
      },
    });
    const dispatchers = ticket.assignedTechnician
      ? []
      : await deps.db.staff.findMany({ where: { branchId: candidate.branchId, active: true, roles: { has: "DISPATCHER" } }, orderBy: { id: "asc" }, select: { slackUserId: true } });
    warnings.push({
      ticketId: candidate.id,
      voucherNo: ticket.voucherNo,
      customerName: ticket.customer.name,
      arrivalDeadline: candidate.arrivalDeadline,
      timeZone: ticket.branch.timeZone,
      minutesLeft: Math.ceil(left),
      technicianSlackUserId: ticket.assignedTechnician?.slackUserId ?? null,
      ticketMessage: ticket.slackChannelId && ticket.slackMessageTs ? { channelId: ticket.slackChannelId, ts: ticket.slackMessageTs } : null,
      dispatchChannelId: ticket.branch.dispatchChannelId,
      dispatcherSlackUserIds: dispatchers.map((d) => d.slackUserId),
    });
  }
  return warnings;
}
