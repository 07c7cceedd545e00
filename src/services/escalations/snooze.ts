// R7/R12: "Remind me in…" on an escalation DM. Only people who may acknowledge it may snooze; a
// snooze reminds that person once when it runs out and never moves the ladder (nextEscalationAt).
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { enqueueSlackEffect } from "../outbox/enqueue";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, auditActor, requireStaffId } from "../tickets/authorize";
import { TICKET_ESCALATION_KINDS } from "./models";

export const SNOOZE_MINUTES = [15, 30, 60] as const;

export async function snoozeEscalation(deps: { db: Db; clock: Clock }, options: { actor: Actor; escalationId: number; minutes: number }): Promise<{ until: Date; timeZone: string }> {
  if (!(SNOOZE_MINUTES as readonly number[]).includes(options.minutes)) {
    throw new AppError("VALIDATION", { message: `snooze of ${options.minutes} min is not offered`, details: { minutes: options.minutes } });
  }
  const found = await deps.db.escalation.findUnique({ where: { id: options.escalationId }, select: { id: true, branchId: true, ticketId: true, acknowledgedAt: true, acknowledgedBy: { select: { slackUserId: true } }, branch: { select: { timeZone: true } } } });
  if (!found) throw new AppError("NOT_FOUND", { message: `escalation ${options.escalationId} not found`, details: { entity: "Escalation", escalationId: options.escalationId } });
  assertCan(options.actor, "escalation.acknowledge", { branchId: found.branchId });
  const staffId = requireStaffId(options.actor);
  if (found.acknowledgedAt) {
    throw new AppError("ALREADY_DONE", {
      message: `escalation ${found.id} was already acknowledged`,
      details: { action: "escalation.acknowledge", by: found.acknowledgedBy?.slackUserId ?? null, at: found.acknowledgedAt.toISOString(), timeZone: found.branch.timeZone },
    });
  }
  const now = deps.clock.now();
  const until = new Date(now.getTime() + options.minutes * 60_000);
  await deps.db.$transaction(async (tx) => {
    const snooze = await tx.escalationSnooze.create({ data: { escalationId: found.id, staffId, until }, select: { id: true } });
    await recordAudit(tx, { at: now, ...auditActor(options.actor), action: "escalation.snooze", entity: "EscalationSnooze", entityId: snooze.id, ticketId: found.ticketId, data: { escalationId: found.id, minutes: options.minutes } });
  });
  return { until, timeZone: found.branch.timeZone };
}

/**
 * Snoozes that ran out on escalations still unacknowledged: each is claimed once (remindedAt) and its
 * reminder DM queued for the outbox in the same transaction. Returns how many were due.
 */
export async function takeDueSnoozeReminders(deps: { db: Db; clock: Clock }): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db.escalationSnooze.findMany({
    where: { remindedAt: null, until: { lte: now }, escalation: { acknowledgedAt: null, resolvedAt: null, kind: { in: [...TICKET_ESCALATION_KINDS] } } },
    orderBy: [{ until: "asc" }, { id: "asc" }],
    select: { id: true, escalationId: true, staffId: true, staff: { select: { slackUserId: true } }, escalation: { select: { ticketId: true } } },
  });
  let taken = 0;
  for (const snooze of due) {
    const ticketId = snooze.escalation.ticketId;
    if (ticketId === null) continue;
    const claimed = await deps.db.$transaction(async (tx) => {
      const updated = await tx.escalationSnooze.updateMany({ where: { id: snooze.id, remindedAt: null }, data: { remindedAt: now } });
      if (updated.count === 0) return false;
      await enqueueSlackEffect(tx, { kind: "escalation-reminder", ticketId, escalationId: snooze.escalationId, snoozeId: snooze.id, staffId: snooze.staffId, slackUserId: snooze.staff.slackUserId });
      return true;
    });
    if (claimed) taken += 1;
  }
  return taken;
}
