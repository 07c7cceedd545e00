// R7: a call whose arrival deadline is near (in WORKING minutes, R6) gets one warning before it
// becomes overdue. The warning is marked (preWarningSentAt) in a conditional statement, with its
// audit row and the outbox's effect that tells Slack, so two scans at once warn once.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { workingMinutesBetween, type WorkingCalendar } from "../../domain/working-calendar";
import { recordAudit } from "../audit";
import { enqueueSlackEffect } from "../outbox/enqueue";
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
      await enqueueSlackEffect(tx, { kind: "pre-deadline-warning", ticketId: candidate.id, minutesLeft: Math.ceil(left) }, { key: `ticket:${candidate.id}:pre-warning`, keyMode: "dedupe" });
      return true;
    });
    if (!marked) continue;
    warnings.push(await getPreDeadlineWarning(deps, { ticketId: candidate.id, minutesLeft: Math.ceil(left) }));
  }
  return warnings;
}

/** The warning's facts as the call reads now (the outbox renders them when it delivers the warning). */
export async function getPreDeadlineWarning(deps: { db: Db }, options: { ticketId: number; minutesLeft: number }): Promise<PreDeadlineWarning> {
  const ticket = await deps.db.ticket.findUniqueOrThrow({
    where: { id: options.ticketId },
    select: {
      branchId: true,
      voucherNo: true,
      arrivalDeadline: true,
      slackChannelId: true,
      slackMessageTs: true,
      customer: { select: { name: true } },
      assignedTechnician: { select: { slackUserId: true } },
      branch: { select: { timeZone: true, dispatchChannelId: true } },
    },
  });
  const dispatchers = ticket.assignedTechnician
    ? []
    : await deps.db.staff.findMany({ where: { branchId: ticket.branchId, active: true, roles: { has: "DISPATCHER" } }, orderBy: { id: "asc" }, select: { slackUserId: true } });
  return {
    ticketId: options.ticketId,
    voucherNo: ticket.voucherNo,
    customerName: ticket.customer.name,
    arrivalDeadline: ticket.arrivalDeadline ?? new Date(0),
    timeZone: ticket.branch.timeZone,
    minutesLeft: options.minutesLeft,
    technicianSlackUserId: ticket.assignedTechnician?.slackUserId ?? null,
    ticketMessage: ticket.slackChannelId && ticket.slackMessageTs ? { channelId: ticket.slackChannelId, ts: ticket.slackMessageTs } : null,
    dispatchChannelId: ticket.branch.dispatchChannelId,
    dispatcherSlackUserIds: dispatchers.map((d) => d.slackUserId),
  };
}
