// R7/R12: an escalation whose cause ended (the technician arrived; the call was cancelled, closed or
// resolved) resolves by itself: it is marked in the transaction that ends the cause, with its audit
// row, and never climbs or reminds anyone after. The ladder re-checks the same rule before it
// climbs (sweepEndedEscalations), so a change that raced it still stops the climb.
import type { Clock } from "../../clock";
import type { Db, DbOrTx } from "../../db";
import { escalationEnd, type EscalationEnd } from "../../domain/escalation-end";
import { recordAudit } from "../audit";
import { enqueueEscalationCopies } from "../outbox/enqueue";
import { lockTicket } from "../tickets/ticket-rows";
import { TICKET_ESCALATION_KINDS } from "./models";

export interface ResolvedEscalation {
  escalationId: number;
  because: EscalationEnd;
  at: Date;
}

/**
 * Resolves the ticket's open escalations (unacknowledged, unresolved) whose cause has ended, as
 * the ticket reads now. Call it inside the transaction that changed the ticket, after the change.
 */
export async function resolveEndedEscalations(
  tx: DbOrTx,
  options: { ticketId: number; now: Date; actor: string; actorStaffId?: number | null },
): Promise<ResolvedEscalation[]> {
  const open = await tx.escalation.findMany({
    where: { ticketId: options.ticketId, kind: { in: [...TICKET_ESCALATION_KINDS] }, acknowledgedAt: null, resolvedAt: null },
    orderBy: { id: "asc" },
    select: { id: true, kind: true },
  });
  if (!open.length) return [];
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: options.ticketId },
    select: { status: true, arrivedAt: true, resolvedAt: true, closedAt: true, cancelledAt: true },
  });
  const resolved: ResolvedEscalation[] = [];
  for (const escalation of open) {
    const end = escalationEnd(escalation.kind as (typeof TICKET_ESCALATION_KINDS)[number], ticket);
    if (!end) continue;
    const at = end.at ?? options.now;
    const updated = await tx.escalation.updateMany({
      where: { id: escalation.id, acknowledgedAt: null, resolvedAt: null },
      data: { resolvedAt: at, resolvedBecause: end.because, nextEscalationAt: null },
    });
    if (updated.count === 0) continue;
    await recordAudit(tx, {
      at: options.now,
      actor: options.actor,
      actorStaffId: options.actorStaffId ?? null,
      action: "escalation.resolve",
      entity: "Escalation",
      entityId: escalation.id,
      ticketId: options.ticketId,
      data: { kind: escalation.kind, because: end.because, at: at.toISOString() },
    });
    // Every copy (thread, channel, each DM) will say why, without buttons.
    await enqueueEscalationCopies(tx, { ticketId: options.ticketId, escalationId: escalation.id });
    resolved.push({ escalationId: escalation.id, because: end.because, at });
  }
  return resolved;
}

/**
 * The ladder's own check: open escalations whose ticket has moved past their cause (a change made
 * by a path that did not resolve them, or one that raced the climb) are resolved under the
 * ticket's row lock, so a concurrent climb of the same escalation waits for it.
 */
export async function sweepEndedEscalations(deps: { db: Db; clock: Clock }, options: { actor: string }): Promise<ResolvedEscalation[]> {
  const now = deps.clock.now();
  const candidates = await deps.db.escalation.findMany({
    where: {
      kind: { in: [...TICKET_ESCALATION_KINDS] },
      acknowledgedAt: null,
      resolvedAt: null,
      ticket: { OR: [{ arrivedAt: { not: null } }, { status: { in: ["RESOLVED", "CLOSED", "CANCELLED"] } }] },
    },
    distinct: ["ticketId"],
    select: { ticketId: true },
  });
  const resolved: ResolvedEscalation[] = [];
  for (const { ticketId } of candidates) {
    if (ticketId === null) continue;
    resolved.push(
      ...(await deps.db.$transaction(async (tx) => {
        await lockTicket(tx, ticketId);
        return resolveEndedEscalations(tx, { ticketId, now, actor: options.actor });
      })),
    );
  }
  return resolved;
}
