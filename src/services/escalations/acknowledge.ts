// R7/R12: a director of the branch (or a manager) acknowledges an escalation; it stops there: the
// ladder (nextEscalationAt cleared) and any snooze reminders (they only go out while unacknowledged).
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { enqueueEscalationCopies } from "../outbox/enqueue";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, auditActor, requireStaffId } from "../tickets/authorize";
import { overdueAlertSelect, toOverdueAlertSummary, type OverdueAlertSummary, type SlackMessageRef } from "./models";

export interface AcknowledgedEscalation {
  alert: OverdueAlertSummary;
  acknowledgedBy: string;
  acknowledgedAt: Date;
  /** Every Slack message showing the escalation, to be updated in place. */
  messages: SlackMessageRef[];
}

/**
 * Records who acknowledged, in one conditional statement (`acknowledgedAt IS NULL`): of two people
 * clicking at once exactly one wins; the other gets ALREADY_DONE naming the winner.
 */
export async function acknowledgeEscalation(deps: { db: Db; clock: Clock }, options: { actor: Actor; escalationId: number }): Promise<AcknowledgedEscalation> {
  const found = await deps.db.escalation.findUnique({ where: { id: options.escalationId }, select: { id: true, branchId: true, ticketId: true, kind: true } });
  // R21: a complaint's escalation has its own Acknowledge (services/complaints/escalations.ts).
  if (!found || found.kind === "COMPLAINT") throw new AppError("NOT_FOUND", { message: `escalation ${options.escalationId} not found`, details: { entity: "Escalation", escalationId: options.escalationId } });
  assertCan(options.actor, "escalation.acknowledge", { branchId: found.branchId });
  const staffId = requireStaffId(options.actor);
  const now = deps.clock.now();

  const won = await deps.db.$transaction(async (tx) => {
    const updated = await tx.escalation.updateMany({
      where: { id: found.id, acknowledgedAt: null, resolvedAt: null },
      data: { acknowledgedById: staffId, acknowledgedAt: now, nextEscalationAt: null },
    });
    if (updated.count === 0) return false;
    await recordAudit(tx, { at: now, ...auditActor(options.actor), action: "escalation.acknowledge", entity: "Escalation", entityId: found.id, ticketId: found.ticketId });
    if (found.ticketId !== null) await enqueueEscalationCopies(tx, { ticketId: found.ticketId, escalationId: found.id });
    return true;
  });

  const row = await deps.db.escalation.findUniqueOrThrow({ where: { id: found.id }, select: overdueAlertSelect });
  if (!won && !row.acknowledgedAt && row.resolvedAt) {
    // Its cause ended first (R7: the technician arrived; the call was cancelled or closed).
    throw new AppError("ALREADY_DONE", {
      message: `escalation ${found.id} resolved by itself`,
      details: { action: "escalation.resolved", at: row.resolvedAt.toISOString(), timeZone: row.branch.timeZone },
    });
  }
  if (!won || !row.acknowledgedAt) {
    throw new AppError("ALREADY_DONE", {
      message: `escalation ${found.id} was already acknowledged`,
      details: {
        action: "escalation.acknowledge",
        by: row.acknowledgedBy?.slackUserId ?? null,
        at: row.acknowledgedAt?.toISOString() ?? null,
        timeZone: row.branch.timeZone,
      },
    });
  }
  return {
    alert: toOverdueAlertSummary(row),
    acknowledgedBy: row.acknowledgedBy?.slackUserId ?? options.actor.slackUserId,
    acknowledgedAt: row.acknowledgedAt,
    messages: row.messages,
  };
}
