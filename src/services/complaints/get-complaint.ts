// R21: reading a complaint for its message and modals, and recording where its message is.
import type { DbOrTx } from "../../db";
import { AppError } from "../../errors";
import type { Actor } from "../staff/resolve-actor";
import { complaintStepRefusal, type ComplaintStep } from "../../domain/complaints";
import { assertCan, assertRoleFor } from "../tickets/authorize";
import { complaintCardSelect, complaintNotFound, toComplaintCard, type ComplaintCard } from "./models";

export async function getComplaintCard(deps: { db: DbOrTx }, options: { complaintId: number }): Promise<ComplaintCard> {
  const row = await deps.db.complaint.findUnique({ where: { id: options.complaintId }, select: complaintCardSelect });
  if (!row) throw complaintNotFound(options.complaintId);
  return toComplaintCard(row);
}

/** The outbox is about to post the message: returns when an earlier attempt started (to look for its post first). */
export async function markComplaintPostStarted(deps: { db: DbOrTx }, options: { complaintId: number; at: Date }): Promise<{ earlier: Date | null }> {
  const row = await deps.db.complaint.findUniqueOrThrow({ where: { id: options.complaintId }, select: { postStartedAt: true } });
  if (!row.postStartedAt) await deps.db.complaint.update({ where: { id: options.complaintId }, data: { postStartedAt: options.at } });
  return { earlier: row.postStartedAt };
}

/** Where the complaint's message is, so later changes update it in place. Not audited: delivery, not a change. */
export async function recordComplaintMessage(deps: { db: DbOrTx }, options: { complaintId: number; channelId: string; ts: string }): Promise<void> {
  const { count } = await deps.db.complaint.updateMany({ where: { id: options.complaintId }, data: { slackChannelId: options.channelId, slackMessageTs: options.ts } });
  if (count === 0) throw complaintNotFound(options.complaintId);
}

/** What the registration modal opens with: the call's customer and technician, from a voucher number or a ticket. */
export interface ComplaintPrefill {
  customer: { id: number; name: string } | null;
  voucherNo: string | null;
  technicianSlackUserId: string | null;
  description?: string;
}

export async function complaintPrefill(deps: { db: DbOrTx }, options: { actor: Actor; voucherNo?: string | null; ticketId?: number | null }): Promise<ComplaintPrefill> {
  assertRoleFor(options.actor, "complaint.register");
  if (!options.voucherNo && !options.ticketId) return { customer: null, voucherNo: null, technicianSlackUserId: null };
  const ticket = await deps.db.ticket.findUnique({
    where: options.ticketId ? { id: options.ticketId } : { voucherNo: options.voucherNo!.toUpperCase() },
    select: { voucherNo: true, branchId: true, customer: { select: { id: true, name: true } }, assignedTechnician: { select: { slackUserId: true } } },
  });
  if (!ticket) throw new AppError("NOT_FOUND", { message: "no such ticket", details: { voucherNo: options.voucherNo ?? undefined } });
  // Another branch's call shows nothing of its customer to a person who may not register its complaints.
  assertCan(options.actor, "complaint.register", { branchId: ticket.branchId });
  return { customer: ticket.customer, voucherNo: ticket.voucherNo, technicianSlackUserId: ticket.assignedTechnician?.slackUserId ?? null };
}

/** The directors of the complaint's branch (the admins when there is none), for the general complaint's DM. */
export async function complaintDirectors(deps: { db: DbOrTx }, options: { complaintId: number }): Promise<{ slackUserIds: string[]; toAdmins: boolean }> {
  const row = await deps.db.complaint.findUniqueOrThrow({ where: { id: options.complaintId }, select: { branchId: true } });
  const directors = await deps.db.staff.findMany({ where: { branchId: row.branchId ?? -1, active: true, roles: { has: "DIRECTOR" } }, orderBy: { id: "asc" }, select: { slackUserId: true } });
  if (directors.length) return { slackUserIds: directors.map((d) => d.slackUserId), toAdmins: false };
  const admins = await deps.db.staff.findMany({ where: { active: true, roles: { has: "ADMIN" } }, orderBy: { id: "asc" }, select: { slackUserId: true } });
  return { slackUserIds: admins.map((a) => a.slackUserId), toAdmins: true };
}

/**
 * The complaint, once the person may take this step on it now (a modal opens only then): assigning
 * is for the branch's directors and the managers; recording also for its handler; nothing once closed.
 */
export async function complaintForStep(deps: { db: DbOrTx }, options: { actor: Actor; complaintId: number; step: "assign" | ComplaintStep }): Promise<ComplaintCard> {
  const card = await getComplaintCard(deps, { complaintId: options.complaintId });
  if (options.step === "assign") assertCan(options.actor, "complaint.assign", { branchId: card.branch.id });
  else if (!(options.actor.staffId !== null && card.handler?.staffId === options.actor.staffId)) assertCan(options.actor, "complaint.record", { branchId: card.branch.id });
  const refusal = complaintStepRefusal(options.step === "assign" ? "respond" : options.step, { status: card.status, resolvedAt: card.outcome?.at ?? null, customerInformedAt: card.customerInformed?.at ?? null });
  if (refusal) throw new AppError("CONFLICT", { message: `complaint ${card.id}: ${refusal}`, details: { complaintRefusal: refusal, complaintNumber: card.number } });
  return card;
}
