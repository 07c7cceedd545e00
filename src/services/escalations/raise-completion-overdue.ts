// R12: a parked call (ON_HOLD: rescheduled, handed over, waiting for parts; IN_WORKSHOP) has an
// arrival, so neither the warning nor the overdue scan looks at it again. When its expected
// completion (told to the customer) passes without a result, the directors get the same kind of
// escalation as "cannot finish", on the same ladder; once per expected completion (a new one is
// set with completionAlertedAt cleared, so it can be raised again).
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { createDirectorEscalations, planDirectorEscalations, raisedAlerts, type RaisedOverdue } from "./raise-overdue";

export const PARKED_STATUSES = ["ON_HOLD", "IN_WORKSHOP"] as const;

export async function raiseCompletionOverdue(deps: { db: Db; clock: Clock }, options: { actor: string; escalateAfterMinutes?: number }): Promise<RaisedOverdue[]> {
  const now = deps.clock.now();
  const candidates = await deps.db.ticket.findMany({
    where: { status: { in: [...PARKED_STATUSES] }, completionAlertedAt: null, expectedCompletionAt: { lt: now } },
    orderBy: [{ expectedCompletionAt: "asc" }, { id: "asc" }],
    select: { id: true, branchId: true },
  });
  if (candidates.length === 0) return [];
  const plans = await planDirectorEscalations(deps.db, { branchIds: candidates.map((c) => c.branchId), now, escalateAfterMinutes: options.escalateAfterMinutes });
  const escalationIds = await deps.db.$transaction(async (tx) => {
    // Still parked, past and not yet alerted, read under the row lock: the escalation names the
    // expected completion that passed. Two scans at once raise it once (SKIP LOCKED: the other's).
    const marked = await tx.$queryRaw<Array<{ id: number; status: string; expectedCompletionAt: Date }>>`
      UPDATE "Ticket" AS t SET "completionAlertedAt" = ${now}, "updatedAt" = ${now}
      FROM (
        SELECT id FROM "Ticket"
        WHERE id = ANY(${candidates.map((c) => c.id)}) AND status = ANY(${[...PARKED_STATUSES]}::"TicketStatus"[])
          AND "completionAlertedAt" IS NULL AND "expectedCompletionAt" < ${now}
        ORDER BY id FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE t.id = due.id
      RETURNING t.id, t.status::text AS status, t."expectedCompletionAt"`;
    const markedById = new Map(marked.map((row) => [row.id, row]));
    return createDirectorEscalations(tx, {
      kind: "COMPLETION_OVERDUE",
      at: now,
      actor: options.actor,
      plans,
      calls: candidates.flatMap((c) => {
        const row = markedById.get(c.id);
        if (!row) return [];
        const expectedBy = row.expectedCompletionAt;
        return [{ ticketId: c.id, branchId: c.branchId, expectedBy, auditData: { expectedBy: expectedBy.toISOString(), status: row.status } }];
      }),
    });
  });
  return raisedAlerts(deps.db, escalationIds, plans);
}
