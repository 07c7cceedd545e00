// R21: a complaint's escalations, on the same ladder as R7/R12: serious at the managers at once; a
// missed clock (first response in 24 hours, resolution in a month) at the branch's directors, climbing
// to the managers when nobody acknowledges within ESCALATE_AFTER_MINUTES working minutes. The
// ticket ladder (escalations/escalate.ts) renders ticket alerts only; this one renders complaints'.
import type { Clock } from "../../clock";
import type { Db, DbOrTx } from "../../db";
import type { ComplaintEscalationCause } from "../../domain/complaints";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { escalationRecipients, type EscalationRecipients } from "../escalations/recipients";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, auditActor, requireStaffId } from "../tickets/authorize";
import { enqueueComplaintEscalationCopies } from "./enqueue";
import { enqueueSlackEffect } from "../outbox/enqueue";
import { getComplaintCard } from "./get-complaint";
import type { ComplaintCard } from "./models";

export type ComplaintAlertStanding = { kind: "open" } | { kind: "escalated"; at: Date } | { kind: "acknowledged"; by: string; at: Date } | { kind: "resolved"; because: "RESOLVED" | "CLOSED"; at: Date };

export interface ComplaintAlert {
  escalationId: number;
  cause: ComplaintEscalationCause;
  level: "DIRECTOR" | "MANAGER";
  raisedAt: Date;
  standing: ComplaintAlertStanding;
  open: boolean;
  sentToAdmins: boolean;
  complaint: ComplaintCard;
  messages: { channelId: string; ts: string; staffId: number | null }[];
}

const CAUSES: readonly ComplaintEscalationCause[] = ["SERIOUS", "RESPONSE", "RESOLUTION"];

export async function getComplaintAlert(deps: { db: DbOrTx }, options: { escalationId: number }): Promise<ComplaintAlert> {
  const row = await deps.db.escalation.findUniqueOrThrow({
    where: { id: options.escalationId },
    select: {
      id: true,
      complaintId: true,
      reason: true,
      level: true,
      raisedAt: true,
      acknowledgedAt: true,
      acknowledgedBy: { select: { slackUserId: true } },
      resolvedAt: true,
      resolvedBecause: true,
      sentToAdminsFor: true,
      messages: { select: { channelId: true, ts: true, staffId: true }, orderBy: { id: "asc" } },
    },
  });
  if (row.complaintId === null) throw new Error(`escalation ${row.id} is not about a complaint`);
  const cause = CAUSES.find((c) => c === row.reason) ?? "SERIOUS";
  let standing: ComplaintAlertStanding = { kind: "open" };
  if (row.acknowledgedAt) standing = { kind: "acknowledged", by: row.acknowledgedBy?.slackUserId ?? "", at: row.acknowledgedAt };
  else if (row.resolvedAt) standing = { kind: "resolved", because: row.resolvedBecause === "CLOSED" ? "CLOSED" : "RESOLVED", at: row.resolvedAt };
  else if (row.level === "MANAGER" && cause !== "SERIOUS") {
    const climb = await deps.db.auditLog.findFirst({ where: { action: "escalation.climb", entity: "Escalation", entityId: String(row.id) }, orderBy: { at: "desc" }, select: { at: true } });
    standing = { kind: "escalated", at: climb?.at ?? row.raisedAt };
  }
  return {
    escalationId: row.id,
    cause,
    level: row.level,
    raisedAt: row.raisedAt,
    standing,
    open: !row.acknowledgedAt && !row.resolvedAt,
    sentToAdmins: row.sentToAdminsFor.length > 0,
    complaint: await getComplaintCard(deps, { complaintId: row.complaintId }),
    messages: row.messages,
  };
}

/** Who gets a complaint's escalation by DM: the branch's directors, or the managers (the admins standing in for either). */
export async function complaintEscalationRecipients(deps: { db: DbOrTx }, options: { escalationId: number; audience: "DIRECTOR" | "MANAGER" }): Promise<EscalationRecipients> {
  const row = await deps.db.escalation.findUniqueOrThrow({ where: { id: options.escalationId }, select: { branchId: true } });
  return escalationRecipients(deps, options.audience === "DIRECTOR" ? { role: "DIRECTOR", branchId: row.branchId } : { role: "MANAGER" });
}

export async function recordComplaintEscalationMessage(deps: { db: DbOrTx }, options: { escalationId: number; channelId: string; ts: string; staffId: number | null }): Promise<void> {
  await deps.db.escalationMessage.upsert({
    where: { channelId_ts: { channelId: options.channelId, ts: options.ts } },
    create: { escalationId: options.escalationId, channelId: options.channelId, ts: options.ts, staffId: options.staffId },
    update: {},
  });
}

/** R21: a director of the branch (or a manager) acknowledges; the ladder stops and every copy says who. */
export async function acknowledgeComplaintEscalation(deps: { db: Db; clock: Clock }, options: { actor: Actor; escalationId: number }): Promise<void> {
  const found = await deps.db.escalation.findUnique({ where: { id: options.escalationId }, select: { id: true, branchId: true, complaintId: true, kind: true } });
  if (!found || found.kind !== "COMPLAINT" || found.complaintId === null) throw new AppError("NOT_FOUND", { message: `complaint escalation ${options.escalationId} not found`, details: { entity: "Escalation" } });
  assertCan(options.actor, "escalation.acknowledge", { branchId: found.branchId });
  const staffId = requireStaffId(options.actor);
  const now = deps.clock.now();
  const complaintId = found.complaintId;
  const won = await deps.db.$transaction(async (tx) => {
    const updated = await tx.escalation.updateMany({ where: { id: found.id, acknowledgedAt: null, resolvedAt: null }, data: { acknowledgedById: staffId, acknowledgedAt: now, nextEscalationAt: null } });
    if (updated.count === 0) return false;
    await recordAudit(tx, { at: now, ...auditActor(options.actor), action: "escalation.acknowledge", entity: "Escalation", entityId: found.id, data: { complaintId } });
    await enqueueComplaintEscalationCopies(tx, complaintId, found.id);
    await enqueueSlackEffect(tx, { kind: "complaint-line", complaintId, entry: { event: "acknowledged", by: options.actor.slackUserId, at: now } });
    return true;
  });
  if (won) return;
  const row = await deps.db.escalation.findUniqueOrThrow({ where: { id: found.id }, select: { acknowledgedAt: true, acknowledgedBy: { select: { slackUserId: true } }, resolvedAt: true, branch: { select: { timeZone: true } } } });
  if (!row.acknowledgedAt && row.resolvedAt) {
    throw new AppError("ALREADY_DONE", { message: `escalation ${found.id} resolved by itself`, details: { action: "escalation.resolved", at: row.resolvedAt.toISOString(), timeZone: row.branch.timeZone } });
  }
  throw new AppError("ALREADY_DONE", {
    message: `escalation ${found.id} was already acknowledged`,
    details: { action: "escalation.acknowledge", by: row.acknowledgedBy?.slackUserId ?? null, at: row.acknowledgedAt?.toISOString() ?? null, timeZone: row.branch.timeZone },
  });
}
