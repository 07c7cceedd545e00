// R12: the assigned technician cannot finish on schedule. One transaction records a CANNOT_FINISH
// escalation (reason, new expected completion), moves Ticket.expectedCompletionAt and audits it; the
// directors are alerted at once and the same ladder as R7 applies (nextEscalationAt).
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { addWorkingMinutes } from "../../domain/working-calendar";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import type { Actor } from "../staff/resolve-actor";
import { loadBranchCalendar } from "../tickets/load-branch-calendar";
import { assertCan, auditActor, requireStaffId } from "../tickets/authorize";
import { escalationRecipients } from "./recipients";
import { overdueAlertSelect, toOverdueAlertSummary } from "./models";
import { DEFAULT_ESCALATE_AFTER_MINUTES, type RaisedOverdue } from "./raise-overdue";
import { ticketNotFound } from "../tickets/ticket-rows";
import { enqueueSlackEffect } from "../outbox/enqueue";

export const MAX_CANNOT_FINISH_REASON = 500;
const WORKING_STATUSES = ["ON_SITE", "IN_WORKSHOP"] as const;

export async function reportCannotFinish(
  deps: { db: Db; clock: Clock },
  options: { actor: Actor; ticketId: number; reason: string; expectedBy: Date; escalateAfterMinutes?: number },
): Promise<RaisedOverdue> {
  const now = deps.clock.now();
  const reason = options.reason.trim();
  if (!reason) throw new AppError("VALIDATION", { message: "reason required", fieldErrors: { reason: "reasonRequired" } });
  if (reason.length > MAX_CANNOT_FINISH_REASON) throw new AppError("VALIDATION", { message: "reason too long", fieldErrors: { reason: "tooLong" } });
  if (options.expectedBy.getTime() <= now.getTime()) throw new AppError("VALIDATION", { message: "expected completion in the past", fieldErrors: { expectedBy: "expectedInPast" } });
  const ticket = await deps.db.ticket.findUnique({ where: { id: options.ticketId }, select: { id: true, branchId: true, status: true, assignedTechnicianId: true } });
  if (!ticket) throw ticketNotFound(options.ticketId);
  assertCan(options.actor, "ticket.cannot-finish", { branchId: ticket.branchId, assignedTechnicianId: ticket.assignedTechnicianId });
  requireStaffId(options.actor);
  const nextEscalationAt = addWorkingMinutes(await loadBranchCalendar(deps.db, ticket.branchId), now, options.escalateAfterMinutes ?? DEFAULT_ESCALATE_AFTER_MINUTES);

  const recipients = await escalationRecipients(deps, { role: "DIRECTOR", branchId: ticket.branchId });
  const escalationId = await deps.db.$transaction(async (tx) => {
    const moved = await tx.ticket.updateMany({
      where: { id: ticket.id, status: { in: [...WORKING_STATUSES] }, assignedTechnicianId: ticket.assignedTechnicianId },
      data: { expectedCompletionAt: options.expectedBy },
    });
    if (moved.count === 0) throw new AppError("CONFLICT", { message: `ticket ${ticket.id} is not on site or in the workshop`, details: { action: "ticket.cannot-finish", status: ticket.status } });
    const escalation = await tx.escalation.create({
      data: { kind: "CANNOT_FINISH", level: "DIRECTOR", branchId: ticket.branchId, ticketId: ticket.id, reason, expectedBy: options.expectedBy, raisedAt: now, nextEscalationAt, sentToAdminsFor: recipients.sentToAdminsFor ? [recipients.sentToAdminsFor] : [] },
      select: { id: true },
    });
    await recordAudit(tx, {
      at: now,
      ...auditActor(options.actor),
      action: "ticket.cannot-finish",
      entity: "Escalation",
      entityId: escalation.id,
      ticketId: ticket.id,
      data: { kind: "CANNOT_FINISH", reason, expectedBy: options.expectedBy.toISOString() },
    });
    await enqueueSlackEffect(tx, { kind: "escalation-raised", ticketId: ticket.id, escalationId: escalation.id });
    return escalation.id;
  });

  const row = await deps.db.escalation.findUniqueOrThrow({ where: { id: escalationId }, select: overdueAlertSelect });
  return {
    alert: toOverdueAlertSummary(row),
    dispatchChannelId: row.branch.dispatchChannelId,
    directorSlackUserIds: recipients.people.map((d) => d.slackUserId),
    directors: recipients.people,
  };
}
