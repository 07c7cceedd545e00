// R21: the complaint clocks, scanned every minute: a warning before each deadline (the first
// response within 24 hours, the resolution within a month of registration), an escalation to the
// branch's directors when one is missed, and the climb to the managers of an escalation nobody
// acknowledged. Each is claimed in one conditional statement (the complaint's mark, the
// escalation's level), so two replicas scanning at once warn, raise and climb once.
import dayjs from "dayjs";
import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { clockDueAt, COMPLAINT_CLOCKS, type ComplaintClock } from "../../domain/complaints";
import { addWorkingMinutes } from "../../domain/working-calendar";
import { recordAudit } from "../audit";
import { escalationRecipients } from "../escalations/recipients";
import { enqueueSlackEffect } from "../outbox/enqueue";
import { loadBranchCalendar } from "../tickets/load-branch-calendar";
import { enqueueComplaintEscalationCopies } from "./enqueue";

export interface ComplaintClockSettings {
  /** Minutes before the 24-hour response deadline at which the warning goes out (COMPLAINT_RESPONSE_WARNING_HOURS). */
  responseWarningMinutes: number;
  /** Minutes before the one-month resolution deadline at which the warning goes out (COMPLAINT_RESOLUTION_WARNING_DAYS). */
  resolutionWarningMinutes: number;
  /** R7/R12's ladder: working minutes before an unacknowledged escalation climbs (ESCALATE_AFTER_MINUTES). */
  escalateAfterMinutes: number;
}

export const DEFAULT_COMPLAINT_CLOCKS: ComplaintClockSettings = { responseWarningMinutes: 4 * 60, resolutionWarningMinutes: 3 * 24 * 60, escalateAfterMinutes: 30 };

const MARKS = {
  RESPONSE: { done: "respondedAt", warned: "responseWarnedAt", missed: "responseMissedAt" },
  RESOLUTION: { done: "resolvedAt", warned: "resolutionWarnedAt", missed: "resolutionMissedAt" },
} as const;

export async function scanComplaintClocks(deps: { db: Db; clock: Clock }, options: { actor: string; settings: ComplaintClockSettings }): Promise<{ warned: number; escalated: number; climbed: number }> {
  const now = deps.clock.now();
  let warned = 0;
  let escalated = 0;
  for (const clock of COMPLAINT_CLOCKS) {
    const warnMinutes = clock === "RESPONSE" ? options.settings.responseWarningMinutes : options.settings.resolutionWarningMinutes;
    const marks = MARKS[clock];
    // Received early enough that the deadline is within the warning (a day of slack for months' lengths; checked exactly below).
    const latest = dayjs(now).add(warnMinutes, "minute").subtract(clock === "RESPONSE" ? 24 : 0, "hour").subtract(clock === "RESOLUTION" ? 1 : 0, "month").add(1, "day").toDate();
    const candidates = await deps.db.complaint.findMany({
      where: { status: { not: "CLOSED" }, [marks.done]: null, [marks.missed]: null, receivedAt: { lte: latest } },
      orderBy: { id: "asc" },
      select: { id: true, receivedAt: true, branchId: true, responseWarnedAt: true, resolutionWarnedAt: true },
    });
    for (const complaint of candidates) {
      const dueAt = clockDueAt(clock, complaint.receivedAt);
      if (now.getTime() >= dueAt.getTime()) {
        if (await raiseMissed(deps, { complaintId: complaint.id, branchId: complaint.branchId, clock, now, dueAt, actor: options.actor, escalateAfterMinutes: options.settings.escalateAfterMinutes })) escalated += 1;
      } else if (now.getTime() >= dueAt.getTime() - warnMinutes * 60_000 && !complaint[marks.warned]) {
        if (await warn(deps, { complaintId: complaint.id, clock, now, dueAt, actor: options.actor })) warned += 1;
      }
    }
  }
  const climbed = await climbComplaintEscalations(deps, { now, actor: options.actor });
  return { warned, escalated, climbed };
}

async function warn(deps: { db: Db }, options: { complaintId: number; clock: ComplaintClock; now: Date; dueAt: Date; actor: string }): Promise<boolean> {
  const marks = MARKS[options.clock];
  return deps.db.$transaction(async (tx) => {
    const claimed = await tx.complaint.updateMany({ where: { id: options.complaintId, [marks.warned]: null, [marks.done]: null, status: { not: "CLOSED" } }, data: { [marks.warned]: options.now } });
    if (claimed.count === 0) return false;
    await recordAudit(tx, { at: options.now, actor: options.actor, action: "complaint.warn", entity: "Complaint", entityId: options.complaintId, data: { clock: options.clock, dueAt: options.dueAt.toISOString() } });
    await enqueueSlackEffect(tx, { kind: "complaint-warning", complaintId: options.complaintId, clock: options.clock }, { key: `complaint:${options.complaintId}:warn:${options.clock}`, keyMode: "dedupe" });
    await enqueueSlackEffect(tx, { kind: "complaint-line", complaintId: options.complaintId, entry: { event: "warned", at: options.now, clock: options.clock, dueAt: options.dueAt } });
    return true;
  });
}

async function raiseMissed(
  deps: { db: Db },
  options: { complaintId: number; branchId: number | null; clock: ComplaintClock; now: Date; dueAt: Date; actor: string; escalateAfterMinutes: number },
): Promise<boolean> {
  if (options.branchId === null) return false;
  const branchId = options.branchId;
  const marks = MARKS[options.clock];
  const calendar = await loadBranchCalendar(deps.db, branchId);
  const nextEscalationAt = addWorkingMinutes(calendar, options.now, options.escalateAfterMinutes);
  const directors = await escalationRecipients(deps, { role: "DIRECTOR", branchId });
  return deps.db.$transaction(async (tx) => {
    const claimed = await tx.complaint.updateMany({ where: { id: options.complaintId, [marks.missed]: null, [marks.done]: null, status: { not: "CLOSED" } }, data: { [marks.missed]: options.now } });
    if (claimed.count === 0) return false;
    const escalation = await tx.escalation.create({
      data: { kind: "COMPLAINT", level: "DIRECTOR", branchId, complaintId: options.complaintId, reason: options.clock, raisedAt: options.now, nextEscalationAt, sentToAdminsFor: directors.sentToAdminsFor ? [directors.sentToAdminsFor] : [] },
      select: { id: true },
    });
    await recordAudit(tx, { at: options.now, actor: options.actor, action: "complaint.escalate", entity: "Escalation", entityId: escalation.id, data: { complaintId: options.complaintId, cause: options.clock, dueAt: options.dueAt.toISOString(), level: "DIRECTOR" } });
    await enqueueSlackEffect(tx, { kind: "complaint-escalation", complaintId: options.complaintId, escalationId: escalation.id, audience: "DIRECTOR" }, { key: `escalation:${escalation.id}:DIRECTOR`, keyMode: "dedupe" });
    await enqueueSlackEffect(tx, { kind: "complaint-line", complaintId: options.complaintId, entry: { event: "escalated", at: options.now, cause: options.clock, audience: "DIRECTOR" } });
    return true;
  });
}

/** Complaint escalations unacknowledged past nextEscalationAt climb to the managers (any branch). */
async function climbComplaintEscalations(deps: { db: Db }, options: { now: Date; actor: string }): Promise<number> {
  const due = await deps.db.escalation.findMany({
    where: { kind: "COMPLAINT", acknowledgedAt: null, resolvedAt: null, level: "DIRECTOR", nextEscalationAt: { lte: options.now } },
    orderBy: [{ nextEscalationAt: "asc" }, { id: "asc" }],
    select: { id: true, complaintId: true, reason: true },
  });
  if (!due.length) return 0;
  const managers = await escalationRecipients(deps, { role: "MANAGER" });
  let climbed = 0;
  for (const escalation of due) {
    const complaintId = escalation.complaintId;
    if (complaintId === null) continue;
    const won = await deps.db.$transaction(async (tx) => {
      const updated = await tx.escalation.updateMany({
        where: { id: escalation.id, acknowledgedAt: null, resolvedAt: null, level: "DIRECTOR", nextEscalationAt: { lte: options.now } },
        data: { level: "MANAGER", nextEscalationAt: null, ...(managers.sentToAdminsFor ? { sentToAdminsFor: { push: managers.sentToAdminsFor } } : {}) },
      });
      if (updated.count === 0) return false;
      await recordAudit(tx, { at: options.now, actor: options.actor, action: "escalation.climb", entity: "Escalation", entityId: escalation.id, data: { complaintId, level: "MANAGER" } });
      await enqueueSlackEffect(tx, { kind: "complaint-escalation", complaintId, escalationId: escalation.id, audience: "MANAGER" }, { key: `escalation:${escalation.id}:MANAGER`, keyMode: "dedupe" });
      await enqueueComplaintEscalationCopies(tx, complaintId, escalation.id);
      const cause = escalation.reason === "RESOLUTION" ? "RESOLUTION" : "RESPONSE";
      await enqueueSlackEffect(tx, { kind: "complaint-line", complaintId, entry: { event: "escalated", at: options.now, cause, audience: "MANAGER" } });
      return true;
    });
    if (won) climbed += 1;
  }
  return climbed;
}
