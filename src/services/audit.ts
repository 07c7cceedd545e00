import type { Prisma } from "../generated/prisma/client";
import type { DbOrTx } from "../db";
import type { TicketLine } from "./outbox/effects";
import { enqueueSlackEffects, enqueueTicketRefresh } from "./outbox/enqueue";

export interface AuditEntry {
  /** Slack user id of the person, or `system:<job>` for scheduled work. */
  actor: string;
  actorStaffId?: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  ticketId?: number | null;
  data?: Prisma.InputJsonValue;
  at: Date;
}

/**
 * Call inside the transaction that makes the change, so the change and its record stand or fall
 * together. A change to a call also queues the refresh of its Slack message in that transaction:
 * whatever changed it, the message in the channel catches up. `threadLines` (lines without a
 * dedupe key) are queued with the refresh, in one statement.
 */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry, options: { threadLines?: TicketLine[] } = {}): Promise<void> {
  await tx.auditLog.create({
    data: {
      at: entry.at,
      actor: entry.actor,
      actorStaffId: entry.actorStaffId ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      ticketId: entry.ticketId ?? null,
      data: entry.data,
    },
  });
  if (!entry.ticketId) return;
  const lines = options.threadLines ?? [];
  if (!lines.length) return void (await enqueueTicketRefresh(tx, entry.ticketId));
  // The refresh and the change's thread lines in one statement, in that order (a line is posted under the message).
  const ticketId = entry.ticketId;
  await enqueueSlackEffects(tx, [{ kind: "ticket-message", ticketId }, ...lines.map((line) => ({ kind: "ticket-line" as const, ticketId, line }))]);
}
