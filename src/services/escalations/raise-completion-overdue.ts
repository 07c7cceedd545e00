// R12: a parked call (ON_HOLD: rescheduled, handed over, waiting for parts; IN_WORKSHOP) has an
// arrival, so neither the warning nor the overdue scan looks at it again. When its expected
// completion (told to the customer) passes without a result, the directors get the same kind of
// escalation as "cannot finish", on the same ladder; once per expected completion (a new one is
// set with completionAlertedAt cleared, so it can be raised again).
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { addWorkingMinutes } from "../../domain/working-calendar";
import { loadBranchCalendar } from "../tickets/load-branch-calendar";
import { createDirectorEscalation, DEFAULT_ESCALATE_AFTER_MINUTES, raisedAlert, type RaisedOverdue } from "./raise-overdue";
import { escalationRecipients } from "./recipients";

export const PARKED_STATUSES = ["ON_HOLD", "IN_WORKSHOP"] as const;

export async function raiseCompletionOverdue(deps: { db: Db; clock: Clock }, options: { actor: string; escalateAfterMinutes?: number }): Promise<RaisedOverdue[]> {
  const now = deps.clock.now();
  const candidates = await deps.db.ticket.findMany({
    where: { status: { in: [...PARKED_STATUSES] }, completionAlertedAt: null, expectedCompletionAt: { lt: now } },
    orderBy: [{ expectedCompletionAt: "asc" }, { id: "asc" }],
    select: { id: true, branchId: true, expectedCompletionAt: true, status: true },
  });
  const raised: RaisedOverdue[] = [];
  for (const candidate of candidates) {
    const expectedBy = candidate.expectedCompletionAt!;
    const nextEscalationAt = addWorkingMinutes(await loadBranchCalendar(deps.db, candidate.branchId), now, options.escalateAfterMinutes ?? DEFAULT_ESCALATE_AFTER_MINUTES);
    const recipients = await escalationRecipients(deps, { role: "DIRECTOR", branchId: candidate.branchId });
    const escalationId = await deps.db.$transaction(async (tx) => {
      // The same expected completion, still parked and not yet alerted: two scans at once raise it once.
      const marked = await tx.ticket.updateMany({
        where: { id: candidate.id, status: { in: [...PARKED_STATUSES] }, completionAlertedAt: null, expectedCompletionAt: expectedBy },
        data: { completionAlertedAt: now },
      });
      if (marked.count === 0) return null;
      return createDirectorEscalation(tx, {
        kind: "COMPLETION_OVERDUE",
        branchId: candidate.branchId,
        ticketId: candidate.id,
        expectedBy,
        at: now,
        nextEscalationAt,
        recipients,
        actor: options.actor,
        auditData: { expectedBy: expectedBy.toISOString(), status: candidate.status },
      });
    });
    if (escalationId === null) continue;
    raised.push(await raisedAlert(deps.db, escalationId, recipients));
  }
  return raised;
}
