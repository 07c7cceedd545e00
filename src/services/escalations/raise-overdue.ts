// R7: a call past its arrival deadline without an arrival is overdue; the dispatch channel and the
// branch's directors are alerted once per call. Unacknowledged, it climbs to the managers after
// ESCALATE_AFTER_MINUTES working minutes (nextEscalationAt; see escalate.ts).
import type { Clock } from "../../clock";
import type { Db, DbOrTx, Tx } from "../../db";
import { isOverdue } from "../../domain/deadline";
import { addWorkingMinutes } from "../../domain/working-calendar";
import { recordAudit } from "../audit";
import { loadBranchCalendar } from "../tickets/load-branch-calendar";
import { escalationRecipients, type EscalationRecipients } from "./recipients";
import { overdueAlertSelect, toOverdueAlertSummary, type OverdueAlertSummary, type SlackMessageRef } from "./models";
import { enqueueSlackEffect } from "../outbox/enqueue";

/** Calls still waiting for the technician; later statuses have an arrival or no visit to make. */
const OPEN_STATUSES = ["REGISTERED", "ASSIGNED", "ACCEPTED"] as const;

export interface RaisedOverdue {
  alert: OverdueAlertSummary;
  dispatchChannelId: string | null;
  /** Active directors of the branch (the admins when it has none), who get the alert with the Acknowledge button. */
  directorSlackUserIds: string[];
  /** The same directors with their staff ids, so each DM is recorded against its recipient. */
  directors: { staffId: number; slackUserId: string }[];
}

/** Working minutes an unacknowledged escalation waits before it climbs to the managers (ESCALATE_AFTER_MINUTES). */
export const DEFAULT_ESCALATE_AFTER_MINUTES = 30;

/**
 * Raises one OVERDUE escalation per call that is past its deadline, not arrived, still open and not
 * yet alerted. Each call is marked in one conditional statement (`overdueAlertedAt IS NULL`), in
 * the transaction that creates its escalation and audit row, so two scans at once raise it once.
 */
export async function raiseOverdueEscalations(deps: { db: Db; clock: Clock }, options: { actor: string; escalateAfterMinutes?: number }): Promise<RaisedOverdue[]> {
  const now = deps.clock.now();
  const candidates = await deps.db.ticket.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, arrivedAt: null, overdueAlertedAt: null, arrivalDeadline: { lt: now } },
    orderBy: [{ arrivalDeadline: "asc" }, { id: "asc" }],
    select: { id: true, branchId: true, arrivalDeadline: true, arrivedAt: true },
  });
  const raised: RaisedOverdue[] = [];
  // The query narrows by index; the rule itself is domain/deadline.ts's, the one behind the
  // arrival's lateness and the on-time rate, so the three cannot disagree.
  for (const candidate of candidates.filter((c) => c.arrivalDeadline !== null && isOverdue({ deadline: c.arrivalDeadline, arrivedAt: c.arrivedAt, now }))) {
    const nextEscalationAt = addWorkingMinutes(await loadBranchCalendar(deps.db, candidate.branchId), now, options.escalateAfterMinutes ?? DEFAULT_ESCALATE_AFTER_MINUTES);
    const recipients = await escalationRecipients(deps, { role: "DIRECTOR", branchId: candidate.branchId });
    const escalationId = await deps.db.$transaction(async (tx) => {
      const marked = await tx.ticket.updateMany({
        where: { id: candidate.id, status: { in: [...OPEN_STATUSES] }, arrivedAt: null, overdueAlertedAt: null, arrivalDeadline: { lt: now } },
        data: { overdueAlertedAt: now },
      });
      if (marked.count === 0) return null;
      return createDirectorEscalation(tx, {
        kind: "OVERDUE",
        branchId: candidate.branchId,
        ticketId: candidate.id,
        at: now,
        nextEscalationAt,
        recipients,
        actor: options.actor,
        auditData: recipients.sentToAdminsFor ? { sentToAdminsFor: recipients.sentToAdminsFor } : {},
      });
    });
    if (escalationId === null) continue;
    raised.push(await raisedAlert(deps.db, escalationId, recipients));
  }
  return raised;
}

/** A new director-level escalation and its audit row, in the caller's transaction (R7, R12); its id. */
export async function createDirectorEscalation(
  tx: Tx,
  options: {
    kind: "OVERDUE" | "COMPLETION_OVERDUE";
    branchId: number;
    ticketId: number;
    expectedBy?: Date;
    at: Date;
    nextEscalationAt: Date;
    recipients: EscalationRecipients;
    actor: string;
    auditData: Record<string, unknown>;
  },
): Promise<number> {
  const { kind, branchId, ticketId, at, nextEscalationAt, recipients } = options;
  const escalation = await tx.escalation.create({
    data: { kind, level: "DIRECTOR", branchId, ticketId, ...(options.expectedBy ? { expectedBy: options.expectedBy } : {}), raisedAt: at, nextEscalationAt, sentToAdminsFor: recipients.sentToAdminsFor ? [recipients.sentToAdminsFor] : [] },
    select: { id: true },
  });
  await recordAudit(tx, { at, actor: options.actor, action: "escalation.raise", entity: "Escalation", entityId: escalation.id, ticketId, data: { kind, level: "DIRECTOR", ...options.auditData } });
  await enqueueSlackEffect(tx, { kind: "escalation-raised", ticketId, escalationId: escalation.id });
  return escalation.id;
}

/** Where an escalation is shown in Slack, so acknowledging updates every copy. Not audited: delivery, not a change. */
export async function recordEscalationMessage(deps: { db: DbOrTx }, options: { escalationId: number; staffId?: number | null } & SlackMessageRef): Promise<void> {
  await deps.db.escalationMessage.create({ data: { escalationId: options.escalationId, channelId: options.channelId, ts: options.ts, staffId: options.staffId ?? null } });
}

/**
 * A raised escalation as the outbox delivers it: the alert, where it goes, who gets a DM (the
 * branch's directors now, or the admins), and the copies already posted (an earlier try's).
 */
export async function getRaisedEscalation(deps: { db: Db }, options: { escalationId: number }): Promise<RaisedOverdue & { posted: Array<{ channelId: string; ts: string; staffId: number | null }> }> {
  const { branchId } = await deps.db.escalation.findUniqueOrThrow({ where: { id: options.escalationId }, select: { branchId: true } });
  const raised = await raisedAlert(deps.db, options.escalationId, await escalationRecipients(deps, { role: "DIRECTOR", branchId }));
  const posted = await deps.db.escalationMessage.findMany({ where: { escalationId: options.escalationId }, select: { channelId: true, ts: true, staffId: true } });
  return { ...raised, posted };
}

/** A new escalation as its publisher needs it: the alert, where it goes, and who gets a DM. */
export async function raisedAlert(db: Db, escalationId: number, recipients: EscalationRecipients): Promise<RaisedOverdue> {
  const row = await db.escalation.findUniqueOrThrow({ where: { id: escalationId }, select: overdueAlertSelect });
  return {
    alert: toOverdueAlertSummary(row),
    dispatchChannelId: row.branch.dispatchChannelId,
    directorSlackUserIds: recipients.people.map((d) => d.slackUserId),
    directors: recipients.people,
  };
}
