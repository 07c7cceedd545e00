// R21: a complaint's handling, one use case per exported function below, each one transaction with
// its audit row and its Slack effects: a director handles it or assigns someone; the response
// (how, when, what was said); the outcome, substantiated or not (R22 counts the substantiated ones
// against the technician); the customer told (how, when); and closing, only once the customer was told.
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { can } from "../../domain/permissions";
import { complaintStepRefusal, MAX_COMPLAINT_TEXT, statusAfter, type ComplaintContact, type ComplaintStep } from "../../domain/complaints";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { recordAudit } from "../audit";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, auditActor, forbidden, permissionActor, requireStaffId } from "../tickets/authorize";
import { enqueueSlackEffect } from "../outbox/enqueue";
import { enqueueComplaintChange, enqueueComplaintEscalationCopies } from "./enqueue";
import { complaintNotFound, type ComplaintLineEntry } from "./models";
import { countSubstantiatedLevel } from "./technician-level";

type Deps = { db: Db; clock: Clock };
type Tx = Prisma.TransactionClient;

const stepRow = { id: true, number: true, status: true, branchId: true, handlerId: true, technicianId: true, receivedAt: true, resolvedAt: true, customerInformedAt: true, kind: true, substantiated: true } as const;
type StepRow = Prisma.ComplaintGetPayload<{ select: typeof stepRow }>;

/** R21: the handler, the branch's directors and the managers record; others are refused, naming who may. */
function assertMayRecord(actor: Actor, complaint: StepRow): void {
  if (actor.staffId !== null && complaint.handlerId === actor.staffId && actor.active) return;
  assertCan(actor, "complaint.record", { branchId: complaint.branchId ?? -1 });
}

/**
 * Runs one step: reads the complaint under its row lock, checks who and when, applies `change`,
 * writes the audit row and queues the message's refresh with the thread line.
 */
async function runStep(
  deps: Deps,
  options: { actor: Actor; complaintId: number; step: ComplaintStep | "assign"; action: string },
  change: (tx: Tx, complaint: StepRow, now: Date) => Promise<{ data: Prisma.ComplaintUpdateInput; audit: Prisma.InputJsonValue; line: ComplaintLineEntry }>,
): Promise<{ number: string }> {
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Complaint" WHERE id = ${options.complaintId} FOR UPDATE`;
    const complaint = await tx.complaint.findUnique({ where: { id: options.complaintId }, select: stepRow });
    if (!complaint) throw complaintNotFound(options.complaintId);
    if (options.step === "assign") assertCan(options.actor, "complaint.assign", { branchId: complaint.branchId ?? -1 });
    else assertMayRecord(options.actor, complaint);
    const refusal = complaintStepRefusal(options.step === "assign" ? "respond" : options.step, complaint);
    if (refusal) throw new AppError("CONFLICT", { message: `complaint ${complaint.id}: ${refusal}`, details: { complaintRefusal: refusal, complaintNumber: complaint.number } });
    const { data, audit, line } = await change(tx, complaint, now);
    await tx.complaint.update({ where: { id: complaint.id }, data });
    await recordAudit(tx, { at: now, ...auditActor(options.actor), action: options.action, entity: "Complaint", entityId: complaint.id, data: audit });
    await enqueueComplaintChange(tx, complaint.id, line);
    return { number: complaint.number ?? "" };
  });
}

/** R21: a director handles it (themselves) or assigns someone of the branch; the person is told by DM. */
export async function assignComplaintHandler(deps: Deps, options: { actor: Actor; complaintId: number; handlerSlackUserId: string }): Promise<{ number: string }> {
  requireStaffId(options.actor);
  const handler = await deps.db.staff.findUnique({ where: { slackUserId: options.handlerSlackUserId }, select: { id: true, active: true, branchId: true, roles: true, slackUserId: true } });
  if (!handler || !handler.active) throw new AppError("VALIDATION", { message: "handler is not active staff", fieldErrors: { handler: "not-staff" } });
  return runStep(deps, { ...options, step: "assign", action: "complaint.assign" }, async (tx, complaint, now) => {
    // A manager oversees every branch; anyone else handles their own branch's complaints.
    if (handler.branchId !== complaint.branchId && !handler.roles.includes("MANAGER")) throw new AppError("VALIDATION", { message: "handler of another branch", fieldErrors: { handler: "other-branch" } });
    await enqueueSlackEffect(tx, { kind: "complaint-assigned", complaintId: complaint.id, staffId: handler.id });
    return { data: { handler: { connect: { id: handler.id } } }, audit: { handlerId: handler.id }, line: { event: "assigned", by: options.actor.slackUserId, at: now, handler: handler.slackUserId } };
  });
}

function checkText(field: string, text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new AppError("VALIDATION", { message: `${field} required`, fieldErrors: { [field]: "required" } });
  if (trimmed.length > MAX_COMPLAINT_TEXT) throw new AppError("VALIDATION", { message: `${field} too long`, fieldErrors: { [field]: "too-long" } });
  return trimmed;
}

function checkWhen(field: string, at: Date, complaint: StepRow, now: Date): void {
  if (at.getTime() > now.getTime() + 60_000) throw new AppError("VALIDATION", { message: `${field} in the future`, fieldErrors: { [field]: "in-future" } });
  if (at.getTime() < complaint.receivedAt.getTime() - 60_000) throw new AppError("VALIDATION", { message: `${field} before registration`, fieldErrors: { [field]: "before-received" } });
}

/** Open escalations of these causes end: their clock stopped (RESOLVED) or the complaint closed (CLOSED). */
async function resolveComplaintEscalations(tx: Tx, complaintId: number, causes: string[], because: "RESOLVED" | "CLOSED", now: Date, actor: Actor): Promise<void> {
  const open = await tx.escalation.findMany({ where: { complaintId, kind: "COMPLAINT", reason: { in: causes }, acknowledgedAt: null, resolvedAt: null }, select: { id: true } });
  for (const escalation of open) {
    await tx.escalation.update({ where: { id: escalation.id }, data: { resolvedAt: now, resolvedBecause: because, nextEscalationAt: null } });
    await recordAudit(tx, { at: now, ...auditActor(actor), action: "escalation.resolve", entity: "Escalation", entityId: escalation.id, data: { complaintId, because } });
    await enqueueComplaintEscalationCopies(tx, complaintId, escalation.id);
  }
}

/** R21: the first (or a later) response to the customer; the 24-hour clock stops at the first. */
export async function recordComplaintResponse(deps: Deps, options: { actor: Actor; complaintId: number; how: ComplaintContact; at: Date; note: string }): Promise<{ number: string }> {
  const note = checkText("note", options.note);
  return runStep(deps, { ...options, step: "respond", action: "complaint.respond" }, async (tx, complaint, now) => {
    checkWhen("at", options.at, complaint, now);
    await resolveComplaintEscalations(tx, complaint.id, ["RESPONSE"], "RESOLVED", now, options.actor);
    return {
      data: { status: statusAfter("respond", complaint.status), respondedAt: options.at, responseHow: options.how, responseNote: note },
      audit: { how: options.how, at: options.at.toISOString() },
      line: { event: "responded", by: options.actor.slackUserId, at: now, how: options.how, respondedAt: options.at, note },
    };
  });
}

/** R21/R22: the outcome, substantiated or not; a substantiated complaint against a technician counts toward R22's levels. */
export async function recordComplaintOutcome(
  deps: Deps & { complaintWindowMonths: number },
  options: { actor: Actor; complaintId: number; outcome: string; substantiated: boolean },
): Promise<{ number: string }> {
  const outcome = checkText("outcome", options.outcome);
  return runStep(deps, { ...options, step: "resolve", action: "complaint.resolve" }, async (tx, complaint, now) => {
    await resolveComplaintEscalations(tx, complaint.id, ["RESPONSE", "RESOLUTION"], "RESOLVED", now, options.actor);
    const data: Prisma.ComplaintUpdateInput = { status: statusAfter("resolve", complaint.status), resolvedAt: now, outcome, substantiated: options.substantiated };
    // R22: counted after this complaint's own row says substantiated, so it counts itself.
    if (options.substantiated && complaint.substantiated !== true && complaint.technicianId !== null && complaint.kind === "COMPLAINT") {
      await tx.complaint.update({ where: { id: complaint.id }, data: { substantiated: true } });
      const reached = await countSubstantiatedLevel(tx, { technicianId: complaint.technicianId, complaintId: complaint.id, now, windowMonths: deps.complaintWindowMonths });
      if (reached) {
        await recordAudit(tx, { at: now, ...auditActor(options.actor), action: "complaint.level", entity: "Staff", entityId: complaint.technicianId, data: { level: reached.level, count: reached.count, complaintId: complaint.id } });
        await enqueueSlackEffect(tx, { kind: "complaint-level", complaintId: complaint.id, technicianId: complaint.technicianId, level: reached.level, count: reached.count, windowMonths: deps.complaintWindowMonths });
      }
    }
    return { data, audit: { substantiated: options.substantiated }, line: { event: "resolved", by: options.actor.slackUserId, at: now, substantiated: options.substantiated, outcome } };
  });
}

/** R21: the customer was told the outcome (how and when). */
export async function recordCustomerInformed(deps: Deps, options: { actor: Actor; complaintId: number; how: ComplaintContact; at: Date }): Promise<{ number: string }> {
  return runStep(deps, { ...options, step: "inform", action: "complaint.inform" }, async (_tx, complaint, now) => {
    checkWhen("at", options.at, complaint, now);
    return {
      data: { customerInformedAt: options.at, customerInformedHow: options.how },
      audit: { how: options.how, at: options.at.toISOString() },
      line: { event: "informed", by: options.actor.slackUserId, at: now, how: options.how, informedAt: options.at },
    };
  });
}

/** R21: closed only after the customer was told (refused otherwise, saying so). */
export async function closeComplaint(deps: Deps, options: { actor: Actor; complaintId: number }): Promise<{ number: string }> {
  return runStep(deps, { ...options, step: "close", action: "complaint.close" }, async (tx, complaint, now) => {
    await resolveComplaintEscalations(tx, complaint.id, ["SERIOUS", "RESPONSE", "RESOLUTION"], "CLOSED", now, options.actor);
    return { data: { status: "CLOSED", closedAt: now }, audit: {}, line: { event: "closed", by: options.actor.slackUserId, at: now } };
  });
}

/** Whether the person may assign a handler: for the message's buttons and the modal's opening. */
export function mayAssignComplaint(actor: Actor, branchId: number): boolean {
  return can(permissionActor(actor), "complaint.assign", { branchId });
}

export { forbidden };
