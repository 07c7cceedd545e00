// R7/R12: an escalation nobody acknowledged within ESCALATE_AFTER_MINUTES working minutes climbs
// from the branch's directors to the managers (any branch). The climb is one conditional statement
// (level DIRECTOR, unacknowledged, unresolved, nextEscalationAt ≤ now), so two replicas climb it
// once. Before climbing it re-reads the ticket under its row lock: an escalation whose cause ended
// (the technician arrived, the call was cancelled or closed) resolves instead and nobody is told.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { recordAudit } from "../audit";
import { enqueueEscalationCopies, enqueueSlackEffect } from "../outbox/enqueue";
import { lockTicket } from "../tickets/ticket-rows";
import { escalationRecipients, type EscalationRecipients } from "./recipients";
import { resolveEndedEscalations } from "./resolve-ended";
import { overdueAlertSelect, TICKET_ESCALATION_KINDS, toOverdueAlertSummary, type EscalationMessageRef, type OverdueAlertSummary } from "./models";

export interface ClimbedEscalation {
  alert: OverdueAlertSummary;
  escalatedAt: Date;
  /** Active managers (any branch), or the admins when there are none, who get the alert with the Acknowledge button. */
  managers: { staffId: number; slackUserId: string }[];
  /** MANAGER when nobody active is a manager and the admins stand in. */
  sentToAdminsFor: EscalationRecipients["sentToAdminsFor"];
  /** Every copy posted before the climb, to be updated to say it was escalated. */
  earlierMessages: EscalationMessageRef[];
}

export async function climbDueEscalations(deps: { db: Db; clock: Clock }, options: { actor: string }): Promise<ClimbedEscalation[]> {
  const now = deps.clock.now();
  const due = await deps.db.escalation.findMany({
    // Complaints (R19+) have their own alert; this ladder renders ticket alerts only.
    where: { kind: { in: [...TICKET_ESCALATION_KINDS] }, acknowledgedAt: null, resolvedAt: null, level: "DIRECTOR", nextEscalationAt: { lte: now } },
    orderBy: [{ nextEscalationAt: "asc" }, { id: "asc" }],
    select: { id: true, ticketId: true },
  });
  const climbed: ClimbedEscalation[] = [];
  if (!due.length) return climbed;
  // Managers oversee every branch: the same people for every escalation that climbs now.
  const recipients = await escalationRecipients(deps, { role: "MANAGER" });
  for (const escalation of due) {
    const won = await deps.db.$transaction(async (tx) => {
      if (escalation.ticketId !== null) {
        await lockTicket(tx, escalation.ticketId);
        const ended = await resolveEndedEscalations(tx, { ticketId: escalation.ticketId, now, actor: options.actor });
        if (ended.some((one) => one.escalationId === escalation.id)) return false;
      }
      const updated = await tx.escalation.updateMany({
        where: { id: escalation.id, acknowledgedAt: null, resolvedAt: null, level: "DIRECTOR", nextEscalationAt: { lte: now } },
        data: { level: "MANAGER", nextEscalationAt: null, ...(recipients.sentToAdminsFor ? { sentToAdminsFor: { push: recipients.sentToAdminsFor } } : {}) },
      });
      if (updated.count === 0) return false;
      await recordAudit(tx, { at: now, actor: options.actor, action: "escalation.climb", entity: "Escalation", entityId: escalation.id, ticketId: escalation.ticketId, data: { level: "MANAGER", ...(recipients.sentToAdminsFor ? { sentToAdminsFor: recipients.sentToAdminsFor } : {}) } });
      if (escalation.ticketId !== null) {
        // The managers' DMs first, then every earlier copy says it was escalated.
        await enqueueSlackEffect(tx, { kind: "escalation-climbed", ticketId: escalation.ticketId, escalationId: escalation.id }, { key: `escalation:${escalation.id}:climbed`, keyMode: "dedupe" });
        await enqueueEscalationCopies(tx, { ticketId: escalation.ticketId, escalationId: escalation.id });
      }
      return true;
    });
    if (!won) continue;
    const row = await deps.db.escalation.findUniqueOrThrow({ where: { id: escalation.id }, select: overdueAlertSelect });
    climbed.push({
      alert: toOverdueAlertSummary(row),
      escalatedAt: now,
      managers: recipients.people,
      sentToAdminsFor: recipients.sentToAdminsFor,
      earlierMessages: row.messages,
    });
  }
  return climbed;
}
