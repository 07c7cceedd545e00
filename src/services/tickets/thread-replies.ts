// Short replies typed in a ticket's thread (the ticket message in the dispatch channel, or the
// technician's assignment DM): arrived, hours, part, done, note, and free text kept as a note.
// Each change is one transaction with its audit row, and a Slack message is acted on once.
import type { Tx } from "../../db";
import { localDayBounds } from "../../domain/local-day";
import type { CategoryLetter, MalformedReason, ThreadCommand, ThreadCommandWord } from "../../domain/thread-command";
import type { ServiceCategory } from "../../domain/category";
import { computeCharges, mayCharge, totalCents } from "../../domain/fees";
import { canTransition } from "../../domain/ticket-status";
import { AppError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { recordAudit } from "../audit";
import { resolveEndedEscalations } from "../escalations/resolve-ended";
import { bookPartsUsed, partProblemsOf } from "../parts/book-parts-used";
import { claimDelivery, releaseDelivery } from "../slack-deliveries/claim-delivery";
import type { Actor } from "../staff/resolve-actor";
import { auditActor } from "./authorize";
import type { TicketDeps } from "./deps";
import type { PersonRef } from "./models";
import { recordArrival } from "./record-arrival";
import { findTicketByMessage } from "./record-slack-message";
import { dmOf, lockForTechnician, type AssignmentDm } from "./technician-action-rows";
import { dateColumn, lockTicket, personRef } from "./ticket-rows";
import { loadFeePolicy } from "./fee-policy";
import { enqueueTicketLine } from "../outbox/enqueue";

/** Where hours and parts may be recorded: the technician is working on the call. */
const WORKING_STATUSES = ["ON_SITE", "IN_WORKSHOP", "ON_HOLD"] as const;

const CATEGORY_OF_LETTER: Record<CategoryLetter, ServiceCategory> = { A: "A_PAID", B: "B_CONTRACT", C: "C_WARRANTY", D: "D_INTERNAL" };

export type ThreadLineOutcome =
  | { kind: "arrived"; arrivedAt: Date; lateByMinutes: number | null; revisit: boolean }
  | { kind: "already-arrived"; arrivedAt: Date }
  | { kind: "hours-logged"; workLogId: number; hours: number; category: ServiceCategory; workDate: string }
  | { kind: "part-booked"; partNo: string; name: string; quantity: number; fromLoans: number }
  | { kind: "resolved"; visitReportId: number; signedBy: string; hours: number; partLines: number }
  | { kind: "noted"; noteId: number }
  | { kind: "malformed"; command: ThreadCommandWord; reason: MalformedReason; line: string }
  /** A field command from someone who is not the call's technician. */
  | { kind: "not-assignee"; command: ThreadCommandWord; assignee: PersonRef | null }
  | { kind: "wrong-status"; command: ThreadCommandWord; status: string }
  | { kind: "needs-signature" }
  /** R13: a visit records person-hours; none were logged for this visit yet. */
  | { kind: "needs-hours" }
  | { kind: "paid-call" }
  | { kind: "unknown-part"; partNo: string }
  | { kind: "not-enough-stock"; partNo: string; requested: number; available: number }
  | { kind: "serial-required"; partNo: string }
  /** This line of this Slack message was acted on before (a retry after a partial failure). */
  | { kind: "duplicate" };

export type ThreadReplyResult =
  /** Not a ticket's thread: the bot stays silent. */
  | { kind: "not-a-ticket" }
  /** The same Slack message was handled already (a redelivery): nothing again. */
  | { kind: "duplicate"; ticketId: number }
  /** Someone who may not write on this call at all (not staff, another branch, not on the call). */
  | { kind: "stranger"; ticketId: number }
  /** `dm`: the technician's assignment DM, when the reply changed the call's state (null otherwise). */
  | { kind: "handled"; ticketId: number; voucherNo: string; timeZone: string; outcomes: ThreadLineOutcome[]; stateChanged: boolean; dm: AssignmentDm | null };

export interface ThreadReplyOptions {
  actor: Actor;
  /** The conversation and the thread's parent message. */
  channelId: string;
  threadTs: string;
  /** The reply itself: with the channel, the key that makes it act once. */
  messageTs: string;
  /** The thread's ticket when the caller has already found it (findThreadTicket). */
  ticketId?: number;
  commands: readonly ThreadCommand[];
  /** When the reply was received (it may have waited in the inbox): its changes are recorded at that time. Now by default. */
  at?: Date;
  /**
   * A retry of a handling that may have died half way (the bot was killed): a claim on the message
   * is then that earlier try's, not a redelivery's, and each line's own claim skips what it did.
   */
  resume?: boolean;
}

/** The ticket whose message (or assignment DM) starts this thread, or null. */
export function findThreadTicket(deps: TicketDeps, options: { channelId: string; threadTs: string }): Promise<{ ticketId: number } | null> {
  return findTicketByMessage(deps, { channelId: options.channelId, ts: options.threadTs });
}

export function threadDeliveryKey(channelId: string, messageTs: string): string {
  return `thread:${channelId}:${messageTs}`;
}

/**
 * Acts on each line of a reply in order. Field commands (arrived, hours, part, done) are the
 * assigned technician's; notes and free text also the branch's dispatchers and directors and the
 * managers. The message is claimed first (a redelivery does nothing), and each line that changes
 * something claims its own key in its transaction, so a retry after a failure skips what was done.
 */
export async function handleThreadReply(baseDeps: TicketDeps, options: ThreadReplyOptions): Promise<ThreadReplyResult> {
  const { actor, channelId, threadTs, messageTs, commands, at } = options;
  const deps: TicketDeps = at ? { ...baseDeps, clock: { now: () => new Date(at) } } : baseDeps;
  const { db, clock } = deps;
  const found = options.ticketId !== undefined ? { ticketId: options.ticketId } : await findThreadTicket(deps, { channelId, threadTs });
  if (!found) return { kind: "not-a-ticket" };
  const { ticketId } = found;
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, include: { branch: { select: { timeZone: true } } } });
  if (!ticket) return { kind: "not-a-ticket" };

  const isAssignee = actor.active && actor.staffId !== null && ticket.assignedTechnicianId === actor.staffId;
  if (!isAssignee && !mayWriteNotes(actor, ticket.branchId)) return { kind: "stranger", ticketId };

  const key = threadDeliveryKey(channelId, messageTs);
  if (!(await claimDelivery({ db, clock }, { key, kind: "thread-reply" })) && !options.resume) return { kind: "duplicate", ticketId };

  const outcomes: ThreadLineOutcome[] = [];
  let stateChanged = false;
  let dm: AssignmentDm | null = null;
  try {
    for (const [index, command] of commands.entries()) {
      const lineKey = `${key}#${index}`;
      const { dm: lineDm, ...outcome } = await handleLine(deps, { actor, ticketId, isAssignee, command, lineKey, messageTs, timeZone: ticket.branch.timeZone });
      if (outcome.kind === "arrived" || outcome.kind === "resolved") stateChanged = true;
      if (lineDm) dm = lineDm;
      outcomes.push(outcome as ThreadLineOutcome);
    }
  } catch (error) {
    await releaseDelivery({ db }, key).catch(() => undefined);
    throw error;
  }
  // The DM is rebuilt only when the call's state changed.
  if (!dm && stateChanged) dm = dmOf(await db.assignment.findFirst({ where: { ticketId, endedAt: null } }));
  return { kind: "handled", ticketId, voucherNo: ticket.voucherNo, timeZone: ticket.branch.timeZone, outcomes, stateChanged, dm };
}

/** Notes: the branch's desk (dispatchers, directors), managers of any branch, admins. */
function mayWriteNotes(actor: Actor, branchId: number): boolean {
  if (!actor.active || actor.staffId === null) return false;
  if (actor.roles.includes("ADMIN") || actor.roles.includes("MANAGER")) return true;
  return actor.branchId === branchId && (actor.roles.includes("DISPATCHER") || actor.roles.includes("DIRECTOR"));
}

interface LineContext {
  actor: Actor;
  ticketId: number;
  isAssignee: boolean;
  command: ThreadCommand;
  lineKey: string;
  messageTs: string;
  timeZone: string;
}

async function handleLine(deps: TicketDeps, context: LineContext): Promise<ThreadLineOutcome & { dm?: AssignmentDm | null }> {
  const { command } = context;
  switch (command.kind) {
    case "malformed":
      return { kind: "malformed", command: command.command, reason: command.reason, line: command.line };
    case "note":
    case "free-text":
      return addNote(deps, context, command.text);
    default:
      break;
  }
  if (!context.isAssignee) {
    const assignee = await assigneeOf(deps, context.ticketId);
    return { kind: "not-assignee", command: command.kind, assignee };
  }
  switch (command.kind) {
    case "arrived":
      return arrive(deps, context);
    case "hours":
      return logHours(deps, context, command);
    case "part":
      return bookPart(deps, context, command);
    case "done":
      return resolve(deps, context, command.signedBy);
  }
}

async function assigneeOf(deps: TicketDeps, ticketId: number): Promise<PersonRef | null> {
  const ticket = await deps.db.ticket.findUnique({ where: { id: ticketId }, select: { assignedTechnicianId: true } });
  if (!ticket?.assignedTechnicianId) return null;
  return personRef(await deps.db.staff.findUnique({ where: { id: ticket.assignedTechnicianId } }));
}

/** Runs `work` in one transaction that first claims the line; null when the line was done before. */
async function onceInTransaction<T>(deps: TicketDeps, lineKey: string, work: (tx: Tx) => Promise<T>): Promise<T | { kind: "duplicate" }> {
  return deps.db.$transaction(async (tx) => {
    if (!(await claimDelivery({ db: tx, clock: deps.clock }, { key: lineKey, kind: "thread-reply-line" }))) return { kind: "duplicate" as const };
    return work(tx);
  });
}

function conflictStatus(error: unknown): string | null {
  return error instanceof AppError && error.code === "CONFLICT" ? String(error.details.status ?? "") : null;
}

async function arrive(deps: TicketDeps, context: LineContext): Promise<ThreadLineOutcome & { dm?: AssignmentDm | null }> {
  try {
    const result = await recordArrival(deps, { actor: context.actor, ticketId: context.ticketId });
    if (result.change === "already") return { kind: "already-arrived", arrivedAt: result.arrivedAt };
    return { kind: "arrived", arrivedAt: result.arrivedAt, lateByMinutes: result.lateByMinutes, revisit: result.revisit, dm: result.dm };
  } catch (error) {
    const status = conflictStatus(error);
    if (status !== null) return { kind: "wrong-status", command: "arrived", status };
    throw error;
  }
}

async function logHours(deps: TicketDeps, context: LineContext, command: Extract<ThreadCommand, { kind: "hours" }>): Promise<ThreadLineOutcome> {
  const technicianId = context.actor.staffId!;
  return onceInTransaction(deps, context.lineKey, async (tx) => {
    const now = deps.clock.now();
    const ticket = await lockTicket(tx, context.ticketId);
    if (ticket.assignedTechnicianId !== technicianId) return { kind: "not-assignee" as const, command: "hours" as const, assignee: null };
    if (!(WORKING_STATUSES as readonly string[]).includes(ticket.status)) return { kind: "wrong-status" as const, command: "hours" as const, status: ticket.status };
    const category = command.category ? CATEGORY_OF_LETTER[command.category] : ticket.category;
    const workDate = localDayBounds(context.timeZone, now).date;
    const log = await tx.workLog.create({
      data: {
        technicianId,
        ticketId: ticket.id,
        visitReportId: null,
        workDate: dateColumn(workDate)!,
        category,
        hours: new Prisma.Decimal(command.hours),
        description: "thread reply",
      },
    });
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: "ticket.log-hours",
      entity: "WorkLog",
      entityId: log.id,
      ticketId: ticket.id,
      at: now,
      data: { hours: command.hours, category, workDate, source: "thread" },
    });
    return { kind: "hours-logged" as const, workLogId: log.id, hours: command.hours, category, workDate };
  });
}

async function bookPart(deps: TicketDeps, context: LineContext, command: Extract<ThreadCommand, { kind: "part" }>): Promise<ThreadLineOutcome> {
  const technicianId = context.actor.staffId!;
  const part = await deps.db.part.findFirst({ where: { partNo: { equals: command.partNo, mode: "insensitive" }, active: true } });
  if (!part) return { kind: "unknown-part", partNo: command.partNo };
  try {
    return await onceInTransaction(deps, context.lineKey, async (tx) => {
      const now = deps.clock.now();
      const ticket = await lockTicket(tx, context.ticketId);
      if (ticket.assignedTechnicianId !== technicianId) return { kind: "not-assignee" as const, command: "part" as const, assignee: null };
      if (!(WORKING_STATUSES as readonly string[]).includes(ticket.status)) return { kind: "wrong-status" as const, command: "part" as const, status: ticket.status };
      const {
        booked: [booked],
        takeStock,
      } = await bookPartsUsed(tx, {
        branchId: ticket.branchId,
        technicianId,
        ticketId: ticket.id,
        visitReportId: null,
        lines: [{ partId: part.id, quantity: command.quantity, serialOut: command.serialOut, serialIn: command.serialIn }],
        at: now,
      });
      await recordAudit(tx, {
        ...auditActor(context.actor),
        action: "ticket.use-part",
        entity: "PartUsage",
        entityId: booked!.usageId,
        ticketId: ticket.id,
        at: now,
        data: { partNo: part.partNo, quantity: command.quantity, fromLoans: booked!.fromLoans, serialOut: command.serialOut, serialIn: command.serialIn, source: "thread" },
      });
      await takeStock();
      return { kind: "part-booked" as const, partNo: part.partNo, name: part.name, quantity: command.quantity, fromLoans: booked!.fromLoans };
    });
  } catch (error) {
    const [problem] = partProblemsOf(error);
    if (!problem) throw error;
    if (problem.kind === "not-enough-stock") return { kind: "not-enough-stock", partNo: problem.partNo, requested: problem.requested, available: problem.available };
    if (problem.kind === "serial-required") return { kind: "serial-required", partNo: problem.partNo };
    return { kind: "unknown-part", partNo: command.partNo };
  }
}

/** R10: whether this work would charge the customer (a contract's uncovered costs, a wearing part): then Report work settles it. */
async function chargesSomething(
  tx: Tx,
  ticket: { category: ServiceCategory; contractId: number | null; branchId: number },
  logs: { hours: unknown; category: ServiceCategory }[],
  unreported: { ticketId: number; technicianId: number; visitReportId: null },
): Promise<boolean> {
  const policy = await loadFeePolicy(tx, ticket);
  if (!mayCharge(policy)) return false;
  const [usages, branch] = await Promise.all([
    tx.partUsage.findMany({ where: unreported, select: { quantity: true, unitPrice: true, part: { select: { wearing: true } } } }),
    tx.branch.findUniqueOrThrow({ where: { id: ticket.branchId }, select: { labourRate: true } }),
  ]);
  const lines = computeCharges(policy, {
    labourRate: Number(branch.labourRate),
    labourHours: logs.filter((log) => log.category === ticket.category).reduce((sum, log) => sum + Number(log.hours), 0),
    parts: usages.map((usage) => ({ unitPrice: Number(usage.unitPrice), quantity: usage.quantity, wearing: usage.part.wearing })),
    travel: 0,
    meals: 0,
    lodging: 0,
  });
  return totalCents(lines) > 0;
}

/**
 * R9/R10/R13: fixed on site. A visit report (FIXED_ON_SITE, who signed for the customer and when)
 * collects this technician's hours (R13: at least one entry) and parts on the call not yet in a
 * report; the call is RESOLVED.
 * Paid calls go through Report work (fee and settlement, R10).
 */
async function resolve(deps: TicketDeps, context: LineContext, signedBy: string | null): Promise<ThreadLineOutcome & { dm?: AssignmentDm | null }> {
  const technicianId = context.actor.staffId!;
  return onceInTransaction(deps, context.lineKey, async (tx) => {
    const now = deps.clock.now();
    const { ticket, assignment } = await lockForTechnician(tx, context.ticketId);
    if (ticket.assignedTechnicianId !== technicianId) return { kind: "not-assignee" as const, command: "done" as const, assignee: null };
    if (ticket.category === "A_PAID") return { kind: "paid-call" as const };
    if (!["ON_SITE", "IN_WORKSHOP", "ON_HOLD"].includes(ticket.status) || !canTransition(ticket.status, "RESOLVED")) {
      return { kind: "wrong-status" as const, command: "done" as const, status: ticket.status };
    }
    const unreported = { ticketId: ticket.id, technicianId, visitReportId: null };
    const logs = await tx.workLog.findMany({ where: unreported, select: { hours: true, category: true } });
    if (!logs.length) return { kind: "needs-hours" as const };
    if (await chargesSomething(tx, ticket, logs, unreported)) return { kind: "paid-call" as const };
    if (!signedBy) return { kind: "needs-signature" as const };
    const report = await tx.visitReport.create({
      data: { ticketId: ticket.id, technicianId, outcome: "FIXED_ON_SITE", signedByName: signedBy, signedAt: now, submissionKey: context.lineKey },
    });
    await tx.workLog.updateMany({ where: unreported, data: { visitReportId: report.id } });
    const parts = await tx.partUsage.updateMany({ where: unreported, data: { visitReportId: report.id } });
    const hours = logs.reduce((sum, log) => sum + Number(log.hours), 0);
    await tx.ticket.update({ where: { id: ticket.id }, data: { status: "RESOLVED", outcome: "FIXED_ON_SITE", resolvedAt: now } });
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: "ticket.resolve",
      entity: "Ticket",
      entityId: ticket.id,
      ticketId: ticket.id,
      at: now,
      data: { fromStatus: ticket.status, visitReportId: report.id, outcome: "FIXED_ON_SITE", signedByName: signedBy, hours, partLines: parts.count, source: "thread" },
    });
    await resolveEndedEscalations(tx, { ticketId: ticket.id, now, ...auditActor(context.actor) });
    const actor = { staffId: technicianId, slackUserId: context.actor.slackUserId, name: context.actor.name ?? context.actor.slackUserId };
    await enqueueTicketLine(tx, { ticketId: ticket.id, line: { kind: "resolved-by-reply", actor, signedBy, hours, partLines: parts.count, at: now } });
    return { kind: "resolved" as const, visitReportId: report.id, signedBy, hours, partLines: parts.count, dm: dmOf(assignment) };
  });
}

async function addNote(deps: TicketDeps, context: LineContext, text: string): Promise<ThreadLineOutcome> {
  const authorId = context.actor.staffId!;
  return onceInTransaction(deps, context.lineKey, async (tx) => {
    const now = deps.clock.now();
    const note = await tx.ticketNote.create({ data: { ticketId: context.ticketId, authorId, text, slackTs: context.messageTs, createdAt: now } });
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: "ticket.note",
      entity: "TicketNote",
      entityId: note.id,
      ticketId: context.ticketId,
      at: now,
      data: { length: text.length, source: "thread" },
    });
    return { kind: "noted" as const, noteId: note.id };
  });
}
