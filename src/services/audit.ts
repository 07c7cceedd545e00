import type { Prisma } from "../generated/prisma/client";
import type { DbOrTx } from "../db";

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

/** Call inside the transaction that makes the change, so the change and its record stand or fall together. */
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
}
