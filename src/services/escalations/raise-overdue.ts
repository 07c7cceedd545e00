// R7: a call past its arrival deadline without an arrival is overdue; the dispatch channel and the
// branch's directors are alerted once per call. Unacknowledged, it climbs to the managers after
// ESCALATE_AFTER_MINUTES working minutes (nextEscalationAt; see escalate.ts).
import type { Clock } from "../../clock";
import type { Db, DbOrTx, Tx } from "../../db";
import { isOverdue } from "../../domain/deadline";
import { addWorkingMinutes } from "../../domain/working-calendar";
import { loadBranchCalendars } from "../tickets/load-branch-calendar";
import { escalationRecipients, type EscalationRecipients } from "./recipients";
import { overdueAlertSelect, toOverdueAlertSummary, type OverdueAlertRow, type OverdueAlertSummary, type SlackMessageRef } from "./models";
import type { TicketEffect } from "../outbox/effects";
import { enqueueSlackEffects } from "../outbox/enqueue";

/** Calls still waiting for the technician; later statuses have an arrival or no visit to make. */
const OPEN_STATUSES = ["REGISTERED", "ASSIGNED", "ACCEPTED"] as const;

export interface RaisedOverdue {
  alert: OverdueAlertSummary;
  dispatchChannelId: string | null;
  /** Active directors of the branch (the admins when it has none), who get the alert with the Acknowledge button. */
  directorSlackUserIds: string[];
  /** The same directors with their staff ids, so each DM is recorded against its recipient. */
  directors: { staffId: number; slackUserId: string }[];
}

/** Working minutes an unacknowledged escalation waits before it climbs to the managers (ESCALATE_AFTER_MINUTES). */
export const DEFAULT_ESCALATE_AFTER_MINUTES = 30;

/** What every escalation a scan raises in one branch shares: when it climbs, and who gets it. */
export interface BranchEscalationPlan {
  nextEscalationAt: Date;
  recipients: EscalationRecipients;
}

/**
 * Raises one OVERDUE escalation per call that is past its deadline, not arrived, still open and not
 * yet alerted. The calls are marked in one conditional statement (`overdueAlertedAt IS NULL`, rows
 * locked with SKIP LOCKED) in the transaction that creates their escalations and audit rows, so two
 * scans at once raise each call once; a call another transaction holds is left to the next minute.
 */
export async function raiseOverdueEscalations(deps: { db: Db; clock: Clock }, options: { actor: string; escalateAfterMinutes?: number }): Promise<RaisedOverdue[]> {
  const now = deps.clock.now();
  const candidates = await deps.db.ticket.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, arrivedAt: null, overdueAlertedAt: null, arrivalDeadline: { lt: now } },
    orderBy: [{ arrivalDeadline: "asc" }, { id: "asc" }],
    select: { id: true, branchId: true, arrivalDeadline: true, arrivedAt: true },
  });
  // The query narrows by index; the rule itself is domain/deadline.ts's, the one behind the
  // arrival's lateness and the on-time rate, so the three cannot disagree.
  const due = candidates.filter((c) => c.arrivalDeadline !== null && isOverdue({ deadline: c.arrivalDeadline, arrivedAt: c.arrivedAt, now }));
  if (due.length === 0) return [];
  const plans = await planDirectorEscalations(deps.db, { branchIds: due.map((c) => c.branchId), now, escalateAfterMinutes: options.escalateAfterMinutes });
  const escalationIds = await deps.db.$transaction(async (tx) => {
    const marked = await tx.$queryRaw<Array<{ id: number }>>`
      UPDATE "Ticket" AS t SET "overdueAlertedAt" = ${now}, "updatedAt" = ${now}
      FROM (
        SELECT id FROM "Ticket"
        WHERE id = ANY(${due.map((c) => c.id)}) AND status = ANY(${[...OPEN_STATUSES]}::"TicketStatus"[])
          AND "arrivedAt" IS NULL AND "overdueAlertedAt" IS NULL AND "arrivalDeadline" < ${now}
        ORDER BY id FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE t.id = due.id
      RETURNING t.id`;
    const markedIds = new Set(marked.map((row) => row.id));
    return createDirectorEscalations(tx, {
      kind: "OVERDUE",
      at: now,
      actor: options.actor,
      plans,
      calls: due
        .filter((c) => markedIds.has(c.id))
        .map((c) => {
          const { sentToAdminsFor } = planOf(plans, c.branchId).recipients;
          return { ticketId: c.id, branchId: c.branchId, auditData: sentToAdminsFor ? { sentToAdminsFor } : {} };
        }),
    });
  });
  return raisedAlerts(deps.db, escalationIds, plans);
}

/** Per branch of the calls a scan raises, once: its calendar read, when its escalations climb, and its recipients. */
export async function planDirectorEscalations(db: DbOrTx, options: { branchIds: number[]; now: Date; escalateAfterMinutes?: number }): Promise<Map<number, BranchEscalationPlan>> {
  const branchIds = [...new Set(options.branchIds)];
  const [calendars, recipients] = await Promise.all([loadBranchCalendars(db, branchIds), Promise.all(branchIds.map((branchId) => escalationRecipients({ db }, { role: "DIRECTOR", branchId })))]);
  const minutes = options.escalateAfterMinutes ?? DEFAULT_ESCALATE_AFTER_MINUTES;
  return new Map(branchIds.map((branchId, i) => [branchId, { nextEscalationAt: addWorkingMinutes(calendars.get(branchId)!, options.now, minutes), recipients: recipients[i] }]));
}

function planOf(plans: Map<number, BranchEscalationPlan>, branchId: number): BranchEscalationPlan {
  const plan = plans.get(branchId);
  if (!plan) throw new Error(`no escalation plan for branch ${branchId}`);
  return plan;
}

/**
 * New director-level escalations, their audit rows and their Slack effects, in the caller's
 * transaction (R7, R12), in three statements whatever the number of calls; their ids in the calls'
 * order. Raw INSERT … SELECT FROM unnest: Prisma's createMany spent about a millisecond of CPU
 * per row building the statement, more than the database took to run it.
 */
export async function createDirectorEscalations(
  tx: Tx,
  options: {
    kind: "OVERDUE" | "COMPLETION_OVERDUE";
    at: Date;
    actor: string;
    plans: Map<number, BranchEscalationPlan>;
    calls: Array<{ ticketId: number; branchId: number; expectedBy?: Date; auditData: Record<string, unknown> }>;
  },
): Promise<number[]> {
  const { kind, at, calls } = options;
  if (calls.length === 0) return [];
  const plans = calls.map((call) => planOf(options.plans, call.branchId));
  // Timestamps travel as ISO text (arrays of Dates have no parameter type): the columns hold UTC without a zone.
  const atUtc = at.toISOString();
  const created = await tx.$queryRaw<Array<{ id: number; ticketId: number }>>`
    INSERT INTO "Escalation" ("kind", "level", "branchId", "ticketId", "expectedBy", "raisedAt", "nextEscalationAt", "sentToAdminsFor")
    SELECT ${kind}::"EscalationKind", 'DIRECTOR', c."branchId", c."ticketId", c."expectedBy"::timestamptz AT TIME ZONE 'UTC', ${atUtc}::timestamptz AT TIME ZONE 'UTC',
      c."nextEscalationAt"::timestamptz AT TIME ZONE 'UTC', c."sentToAdminsFor"::"Role"[]
    FROM unnest(
      ${calls.map((call) => call.branchId)}::int[],
      ${calls.map((call) => call.ticketId)}::int[],
      ${calls.map((call) => call.expectedBy?.toISOString() ?? null)}::text[],
      ${plans.map((plan) => plan.nextEscalationAt.toISOString())}::text[],
      ${plans.map((plan) => (plan.recipients.sentToAdminsFor ? `{${plan.recipients.sentToAdminsFor}}` : "{}"))}::text[]
    ) WITH ORDINALITY AS c("branchId", "ticketId", "expectedBy", "nextEscalationAt", "sentToAdminsFor", ord)
    ORDER BY ord
    RETURNING id, "ticketId"`;
  const escalationOf = new Map(created.map((row) => [row.ticketId, row.id]));
  const ids = calls.map((call) => {
    const id = escalationOf.get(call.ticketId);
    if (id === undefined) throw new Error(`no escalation created for ticket ${call.ticketId}`);
    return id;
  });
  // What recordAudit writes and queues (the row, then the ticket message's refresh), for every call at once.
  await tx.$executeRaw`
    INSERT INTO "AuditLog" ("at", "actor", "action", "entity", "entityId", "ticketId", "data")
    SELECT ${atUtc}::timestamptz AT TIME ZONE 'UTC', ${options.actor}, 'escalation.raise', 'Escalation', c."entityId", c."ticketId", c."data"::jsonb
    FROM unnest(
      ${ids.map(String)}::text[],
      ${calls.map((call) => call.ticketId)}::int[],
      ${calls.map((call) => JSON.stringify({ kind, level: "DIRECTOR", ...call.auditData }))}::text[]
    ) WITH ORDINALITY AS c("entityId", "ticketId", "data", ord)
    ORDER BY ord`;
  await enqueueSlackEffects(
    tx,
    calls.flatMap((call, i): TicketEffect[] => [
      { kind: "ticket-message", ticketId: call.ticketId },
      { kind: "escalation-raised", ticketId: call.ticketId, escalationId: ids[i] },
    ]),
  );
  return ids;
}

/** Where an escalation is shown in Slack, so acknowledging updates every copy. Not audited: delivery, not a change. */
export async function recordEscalationMessage(deps: { db: DbOrTx }, options: { escalationId: number; staffId?: number | null } & SlackMessageRef): Promise<void> {
  await deps.db.escalationMessage.create({ data: { escalationId: options.escalationId, channelId: options.channelId, ts: options.ts, staffId: options.staffId ?? null } });
}

/**
 * A raised escalation as the outbox delivers it: the alert, where it goes, who gets a DM (the
 * branch's directors now, or the admins), and the copies already posted (an earlier try's).
 */
export async function getRaisedEscalation(deps: { db: Db }, options: { escalationId: number }): Promise<RaisedOverdue & { posted: Array<{ channelId: string; ts: string; staffId: number | null }> }> {
  const { branchId } = await deps.db.escalation.findUniqueOrThrow({ where: { id: options.escalationId }, select: { branchId: true } });
  const raised = await raisedAlert(deps.db, options.escalationId, await escalationRecipients(deps, { role: "DIRECTOR", branchId }));
  const posted = await deps.db.escalationMessage.findMany({ where: { escalationId: options.escalationId }, select: { channelId: true, ts: true, staffId: true } });
  return { ...raised, posted };
}

/** A new escalation as its publisher needs it: the alert, where it goes, and who gets a DM. */
export async function raisedAlert(db: Db, escalationId: number, recipients: EscalationRecipients): Promise<RaisedOverdue> {
  return toRaised(await db.escalation.findUniqueOrThrow({ where: { id: escalationId }, select: overdueAlertSelect }), recipients);
}

/** The escalations a scan raised, read together, in the order given. */
export async function raisedAlerts(db: Db, escalationIds: number[], plans: Map<number, BranchEscalationPlan>): Promise<RaisedOverdue[]> {
  if (escalationIds.length === 0) return [];
  const rows = new Map((await db.escalation.findMany({ where: { id: { in: escalationIds } }, select: overdueAlertSelect })).map((row) => [row.id, row]));
  return escalationIds.map((id) => {
    const row = rows.get(id);
    if (!row) throw new Error(`escalation ${id} not found`);
    return toRaised(row, planOf(plans, row.branchId).recipients);
  });
}

function toRaised(row: OverdueAlertRow, recipients: EscalationRecipients): RaisedOverdue {
  return {
    alert: toOverdueAlertSummary(row),
    dispatchChannelId: row.branch.dispatchChannelId,
    directorSlackUserIds: recipients.people.map((d) => d.slackUserId),
    directors: recipients.people,
  };
}
