// R21: registering a complaint (or suggestion). It gets its number, its message and thread (through
// the outbox) and is routed at once: a serious one to the managers (an escalation with Acknowledge,
// at the managers' level from the start), a general one to the branch's directors by DM.
// `registerComplaintInTx` runs inside a caller's transaction, so that a survey's dissatisfied
// answer (R20) and its complaint are recorded together.
import type { Clock } from "../../clock";
import type { Db, DbOrTx } from "../../db";
import { MAX_COMPLAINT_TEXT, type ComplaintKind, type ComplaintSeverity, type ComplaintSource } from "../../domain/complaints";
import { parseVoucherNumber } from "../../domain/voucher";
import { AppError } from "../../errors";
import { recordAudit } from "../audit";
import { enqueueSlackEffect, enqueueTicketLine } from "../outbox/enqueue";
import { escalationRecipients } from "../escalations/recipients";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, assertRoleFor, auditActor } from "../tickets/authorize";
import { allocateComplaintNumber } from "./allocate-complaint-number";
import { enqueueComplaintChange } from "./enqueue";

export interface ComplaintInTxInput {
  /** Who registers it: a person (audit and registeredBy), or `system:<job>` for a survey's answer. */
  by: { actor: string; staffId: number | null };
  customerId: number;
  ticketId?: number | null;
  technicianId?: number | null;
  surveyId?: number | null;
  source: ComplaintSource;
  kind: ComplaintKind;
  severity: ComplaintSeverity;
  description: string;
  registerKey?: string | null;
}

export interface RegisteredComplaint {
  complaintId: number;
  number: string;
  branchId: number;
}

/**
 * Records the complaint, its audit row and its Slack effects in the caller's transaction. The
 * caller has checked the input (customer, call and technician exist and belong together).
 */
export async function registerComplaintInTx(tx: DbOrTx, deps: { clock: Clock }, input: ComplaintInTxInput): Promise<RegisteredComplaint> {
  const now = deps.clock.now();
  const description = input.description.trim().slice(0, MAX_COMPLAINT_TEXT);
  const ticket = input.ticketId ? await tx.ticket.findUniqueOrThrow({ where: { id: input.ticketId }, select: { branchId: true } }) : null;
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: input.customerId }, select: { branchId: true } });
  const branchId = ticket?.branchId ?? customer.branchId;
  const number = await allocateComplaintNumber(tx, now.getUTCFullYear());
  const complaint = await tx.complaint.create({
    data: {
      number,
      customerId: input.customerId,
      ticketId: input.ticketId ?? null,
      technicianId: input.technicianId ?? null,
      surveyId: input.surveyId ?? null,
      source: input.source,
      kind: input.kind,
      severity: input.severity,
      description,
      receivedAt: now,
      registeredById: input.by.staffId,
      branchId,
      registerKey: input.registerKey ?? null,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    at: now,
    actor: input.by.actor,
    actorStaffId: input.by.staffId,
    action: "complaint.register",
    entity: "Complaint",
    entityId: complaint.id,
    data: { number, severity: input.severity, kind: input.kind, source: input.source, ticketId: input.ticketId ?? null, technicianId: input.technicianId ?? null, surveyId: input.surveyId ?? null },
  });
  // The call's own thread says so too: whoever reads the call sees that a complaint is about it.
  if (input.ticketId) {
    await enqueueTicketLine(tx, {
      ticketId: input.ticketId,
      line: { kind: "complaint", number, complaintKind: input.kind, severity: input.severity, source: input.source, by: input.by.actor, at: now },
    });
  }
  await enqueueComplaintChange(tx, complaint.id, { event: "registered", by: input.by.actor, at: now, severity: input.severity, source: input.source });
  if (input.severity === "SERIOUS") {
    // R21: serious → the managers at once, on the ladder's top rung (nothing above it to climb to).
    const managers = await escalationRecipients({ db: tx }, { role: "MANAGER" });
    const escalation = await tx.escalation.create({
      data: { kind: "COMPLAINT", level: "MANAGER", branchId, complaintId: complaint.id, reason: "SERIOUS", raisedAt: now, nextEscalationAt: null, sentToAdminsFor: managers.sentToAdminsFor ? [managers.sentToAdminsFor] : [] },
      select: { id: true },
    });
    await recordAudit(tx, { at: now, actor: input.by.actor, actorStaffId: input.by.staffId, action: "complaint.escalate", entity: "Escalation", entityId: escalation.id, data: { complaintId: complaint.id, cause: "SERIOUS", level: "MANAGER" } });
    await enqueueSlackEffect(tx, { kind: "complaint-escalation", complaintId: complaint.id, escalationId: escalation.id, audience: "MANAGER" }, { key: `escalation:${escalation.id}:MANAGER`, keyMode: "dedupe" });
  } else {
    await enqueueSlackEffect(tx, { kind: "complaint-routed", complaintId: complaint.id }, { key: `complaint:${complaint.id}:routed`, keyMode: "dedupe" });
  }
  return { complaintId: complaint.id, number, branchId };
}

export interface ComplaintFormInput {
  customerId: number | null;
  /** The related call, by voucher number (SV-…), when there is one. */
  voucherNo: string | null;
  /** The technician concerned, by their Slack user id, when there is one. */
  technicianSlackUserId: string | null;
  source: ComplaintSource;
  kind: ComplaintKind;
  severity: ComplaintSeverity;
  description: string;
}

/** `/repair complaint`, the ticket's Complaint button and the message shortcut: the modal's submission. */
export async function registerComplaint(deps: { db: Db; clock: Clock }, options: { actor: Actor; input: ComplaintFormInput; registerKey?: string }): Promise<RegisteredComplaint> {
  const { actor, input } = options;
  assertRoleFor(actor, "complaint.register");
  if (options.registerKey) {
    const earlier = await deps.db.complaint.findUnique({ where: { registerKey: options.registerKey }, select: { id: true, number: true, branchId: true } });
    if (earlier) return { complaintId: earlier.id, number: earlier.number ?? "", branchId: earlier.branchId ?? 0 };
  }
  const fieldErrors: Record<string, string> = {};
  const description = input.description.trim();
  if (!description) fieldErrors.description = "required";
  else if (description.length > MAX_COMPLAINT_TEXT) fieldErrors.description = "too-long";

  let ticket: { id: number; customerId: number; branchId: number; assignedTechnicianId: number | null } | null = null;
  if (input.voucherNo) {
    const voucherNo = parseVoucherNumber(input.voucherNo.trim().toLowerCase()) ? input.voucherNo.trim().toUpperCase() : null;
    ticket = voucherNo ? await deps.db.ticket.findUnique({ where: { voucherNo }, select: { id: true, customerId: true, branchId: true, assignedTechnicianId: true } }) : null;
    if (!ticket) fieldErrors.call = "not-found";
  }
  const customerId = input.customerId ?? ticket?.customerId ?? null;
  if (customerId === null) fieldErrors.customer = "required";
  else if (ticket && ticket.customerId !== customerId) fieldErrors.call = "other-customer";
  const customer = customerId !== null ? await deps.db.customer.findUnique({ where: { id: customerId }, select: { id: true, branchId: true } }) : null;
  if (customerId !== null && !customer) fieldErrors.customer = "not-found";

  let technicianId: number | null = null;
  if (input.technicianSlackUserId) {
    const technician = await deps.db.staff.findUnique({ where: { slackUserId: input.technicianSlackUserId }, select: { id: true, roles: true } });
    if (!technician || !technician.roles.includes("TECHNICIAN")) fieldErrors.technician = "not-a-technician";
    else technicianId = technician.id;
  } else if (ticket?.assignedTechnicianId) {
    technicianId = ticket.assignedTechnicianId;
  }
  if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION", { message: "complaint input", fieldErrors });
  assertCan(actor, "complaint.register", { branchId: ticket?.branchId ?? customer!.branchId });

  const register = () => deps.db.$transaction((tx) =>
    registerComplaintInTx(tx, deps, {
      by: { actor: auditActor(actor).actor, staffId: actor.staffId },
      customerId: customerId!,
      ticketId: ticket?.id ?? null,
      technicianId,
      source: input.source,
      kind: input.kind,
      severity: input.severity,
      description,
      registerKey: options.registerKey ?? null,
    }),
  );
  try {
    return await register();
  } catch (error) {
    // The same modal delivered twice at once: the other delivery registered it; answer with that one.
    const earlier = options.registerKey && isUniqueViolation(error) ? await deps.db.complaint.findUnique({ where: { registerKey: options.registerKey }, select: { id: true, number: true, branchId: true } }) : null;
    if (!earlier) throw error;
    return { complaintId: earlier.id, number: earlier.number ?? "", branchId: earlier.branchId ?? 0 };
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
