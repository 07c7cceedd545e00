// R7/R12: what every copy of an escalation's alert shows, read when the outbox renders it: the alert,
// where it stands now (open, escalated, acknowledged, resolved) and where its copies are.
import type { Db } from "../../db";
import type { EscalationEnd } from "../../domain/escalation-end";
import { escalationRecipients, type EscalationRecipients } from "./recipients";
import { overdueAlertSelect, toOverdueAlertSummary, type EscalationMessageRef, type OverdueAlertSummary } from "./models";

export type EscalationStanding =
  | { kind: "open" }
  | { kind: "escalated"; at: Date }
  | { kind: "acknowledged"; by: string; at: Date }
  | { kind: "resolved"; because: EscalationEnd; at: Date };

export interface EscalationDisplay {
  alert: OverdueAlertSummary;
  standing: EscalationStanding;
  /** Still waiting for someone (neither acknowledged nor resolved). */
  open: boolean;
  /** Every recorded copy: thread, channel, each DM (`staffId` set). */
  messages: EscalationMessageRef[];
}

export async function getEscalationDisplay(deps: { db: Db }, options: { escalationId: number }): Promise<EscalationDisplay> {
  const row = await deps.db.escalation.findUniqueOrThrow({ where: { id: options.escalationId }, select: overdueAlertSelect });
  let standing: EscalationStanding = { kind: "open" };
  if (row.acknowledgedAt) standing = { kind: "acknowledged", by: row.acknowledgedBy?.slackUserId ?? "", at: row.acknowledgedAt };
  else if (row.resolvedAt && row.resolvedBecause) standing = { kind: "resolved", because: row.resolvedBecause, at: row.resolvedAt };
  else if (row.level === "MANAGER") {
    const climb = await deps.db.auditLog.findFirst({ where: { action: "escalation.climb", entity: "Escalation", entityId: String(row.id) }, orderBy: { at: "desc" }, select: { at: true } });
    standing = { kind: "escalated", at: climb?.at ?? row.raisedAt };
  }
  return { alert: toOverdueAlertSummary(row), standing, open: !row.acknowledgedAt && !row.resolvedAt, messages: row.messages };
}

/** Who a climbed escalation goes to now: the active managers, or the admins standing in. */
export async function climbRecipients(deps: { db: Db }): Promise<EscalationRecipients> {
  return escalationRecipients(deps, { role: "MANAGER" });
}
