import type { Prisma } from "../generated/prisma/client";
import type { DbOrTx } from "../db";
import { enqueueTicketRefresh } from "./outbox/enqueue";

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
 * whatever changed it, the message in the channel catches up.
 */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
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
  if (entry.ticketId) await enqueueTicketRefresh(tx, entry.ticketId);
}
