// Slack effects the outbox gave up on, for the admins: listed in `/repair jobs` and App Home, and
// queued again by Resend once the cause (an archived channel, the bot not invited) is fixed.
import type { Db, DbOrTx } from "../../db";
import { AppError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { recordAudit } from "../audit";
import type { Actor } from "../staff/resolve-actor";
import { assertCan } from "../tickets/authorize";
import { coalescingKey, enqueueSlackEffect } from "./enqueue";
import { encodeEffect, reviveEffect, ticketOf, type SlackEffect } from "./effects";

export interface SlackFailureLine {
  id: number;
  kind: SlackEffect["kind"];
  ticketId: number | null;
  voucherNo: string | null;
  error: string;
  attempts: number;
  failedAt: Date;
}

/** Called by the outbox worker: not audited, it records a delivery, not a change. */
export async function recordSlackFailure(deps: { db: DbOrTx }, options: { effect: SlackEffect; error: string; attempts: number; at: Date }): Promise<void> {
  await deps.db.slackEffectFailure.create({
    data: {
      // Stored as queued (dates tagged), so a resend queues exactly the same effect.
      effect: JSON.parse(encodeEffect(options.effect)) as Prisma.InputJsonValue,
      ticketId: ticketOf(options.effect),
      error: options.error.slice(0, 500),
      attempts: options.attempts,
      failedAt: options.at,
    },
  });
}

/** The failures not resent yet, newest first, with how many there are in all. */
export async function listSlackFailures(deps: { db: Db }, options: { actor: Actor; limit?: number }): Promise<{ failures: SlackFailureLine[]; total: number }> {
  assertCan(options.actor, "admin.view-job-runs");
  const where = { resentAt: null };
  const [rows, total] = await Promise.all([
    deps.db.slackEffectFailure.findMany({ where, orderBy: [{ failedAt: "desc" }, { id: "desc" }], take: options.limit ?? 10 }),
    deps.db.slackEffectFailure.count({ where }),
  ]);
  const ticketIds = [...new Set(rows.flatMap((row) => (row.ticketId === null ? [] : [row.ticketId])))];
  const tickets = ticketIds.length ? await deps.db.ticket.findMany({ where: { id: { in: ticketIds } }, select: { id: true, voucherNo: true } }) : [];
  const voucherOf = new Map(tickets.map((ticket) => [ticket.id, ticket.voucherNo]));
  const failures = rows.map((row) => ({
    id: row.id,
    kind: reviveEffect(row.effect).kind,
    ticketId: row.ticketId,
    voucherNo: row.ticketId === null ? null : (voucherOf.get(row.ticketId) ?? null),
    error: row.error,
    attempts: row.attempts,
    failedAt: row.failedAt,
  }));
  return { failures, total };
}

/**
 * Queues the effect again (the ticket's message is rendered from its state then, so a resend is
 * never stale). `already` when someone resent it first.
 */
export async function resendSlackFailure(deps: { db: Db; clock: { now(): Date } }, options: { actor: Actor; failureId: number }): Promise<{ change: "resent" | "already"; voucherNo: string | null }> {
  assertCan(options.actor, "admin.resend-slack");
  return deps.db.$transaction(async (tx) => {
    const now = deps.clock.now();
    const claimed = await tx.slackEffectFailure.updateMany({ where: { id: options.failureId, resentAt: null }, data: { resentAt: now, resentBy: options.actor.slackUserId } });
    const row = await tx.slackEffectFailure.findUnique({ where: { id: options.failureId } });
    if (!row) throw new AppError("NOT_FOUND", { message: `Slack failure ${options.failureId} not found`, details: { entity: "SlackEffectFailure", id: options.failureId } });
    const voucherNo = row.ticketId === null ? null : ((await tx.ticket.findUnique({ where: { id: row.ticketId }, select: { voucherNo: true } }))?.voucherNo ?? null);
    if (claimed.count === 0) return { change: "already" as const, voucherNo };
    const effect = reviveEffect(row.effect);
    await enqueueSlackEffect(tx, effect, coalescingKey(effect));
    await recordAudit(tx, { actor: options.actor.slackUserId, actorStaffId: options.actor.staffId, action: "slack.resend", entity: "SlackEffectFailure", entityId: row.id, data: { kind: effect.kind, error: row.error }, at: now });
    return { change: "resent" as const, voucherNo };
  });
}
