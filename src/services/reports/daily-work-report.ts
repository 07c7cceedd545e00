// R15: each technician files a daily work report — the work done that day and the hours per
// category (A–D). The day is the local date of the technician's branch. Until the day is submitted
// the technician may correct the hours of their own work lines (0 deletes the line) and add
// internal (D) work without a ticket; once submitted (DailyWorkReport, one per technician and day)
// the day is closed to changes. A day with no hours may be submitted only with a note saying why
// (e.g. leave, training), so an empty report is never filed by accident.
import type { Db, DbOrTx } from "../../db";
import type { Clock } from "../../clock";
import type { Log } from "../../logger";
import { localDate } from "../../domain/working-calendar";
import { AppError } from "../../errors";
import { Prisma, type ServiceCategory } from "../../generated/prisma/client";
import { SERVICE_CATEGORIES } from "../../domain/category";
import { recordAudit } from "../audit";
import type { Actor } from "../staff/resolve-actor";
import { assertCan, assertRoleFor, auditActor, requireStaffId } from "../tickets/authorize";
import { isLocalDate } from "../../domain/intake";
import { dateColumn } from "../tickets/ticket-rows";

export interface DailyReportDeps {
  db: Db;
  clock: Clock;
  log?: Log;
}

export const CATEGORIES: readonly ServiceCategory[] = SERVICE_CATEGORIES;
export type CategoryTotals = Record<ServiceCategory, number>;

/** Most hours one person can log in a day. */
export const MAX_DAY_HOURS = 24;

export interface DailyWorkLine {
  workLogId: number;
  ticketId: number | null;
  voucherNo: string | null;
  customerName: string | null;
  category: ServiceCategory;
  hours: number;
  description: string | null;
}

/** The lines of one ticket (or of internal work without a ticket: ticketId null). */
export interface DailyWorkGroup {
  ticketId: number | null;
  voucherNo: string | null;
  customerName: string | null;
  lines: DailyWorkLine[];
  totals: CategoryTotals;
}

export interface DailyWork {
  technicianId: number;
  slackUserId: string;
  date: string;
  timeZone: string;
  lines: DailyWorkLine[];
  groups: DailyWorkGroup[];
  totals: CategoryTotals;
  totalHours: number;
  submitted: { at: Date; notes: string | null } | null;
}

export interface HoursChange {
  workLogId: number;
  hours: number;
}

export interface InternalWork {
  hours: number;
  description: string;
}

/** One problem with the day's input, for the modal's fields. */
export type DailyWorkProblem =
  | { kind: "bad-hours"; workLogId: number }
  | { kind: "unknown-line"; workLogId: number }
  | { kind: "bad-internal-hours"; index: number }
  | { kind: "internal-description-required"; index: number }
  | { kind: "too-many-hours"; total: number }
  | { kind: "notes-required-when-no-hours" };

export function emptyTotals(): CategoryTotals {
  return { A_PAID: 0, B_CONTRACT: 0, C_WARRANTY: 0, D_INTERNAL: 0 };
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const dayOf = (date: string) => dateColumn(date)!;

function validDate(date: string): string {
  if (!isLocalDate(date)) {
    throw new AppError("VALIDATION", { message: `not a date: ${date}`, fieldErrors: { date: "invalid" }, details: { fields: ["date"] } });
  }
  return date;
}

/** Hours are 0–24 with at most two decimals (WorkLog.hours is Decimal(5,2)). */
function validHours(hours: number): boolean {
  return Number.isFinite(hours) && hours >= 0 && hours <= MAX_DAY_HOURS && Math.abs(round2(hours) - hours) < 1e-9;
}

async function technicianOf(db: DbOrTx, actor: Actor) {
  assertRoleFor(actor, "daily-report.submit");
  const staffId = requireStaffId(actor);
  assertCan(actor, "daily-report.submit");
  const staff = await db.staff.findUnique({ where: { id: staffId }, select: { id: true, slackUserId: true, branch: { select: { timeZone: true } } } });
  if (!staff) throw new AppError("NOT_FOUND", { message: `staff ${staffId} not found`, details: { entity: "Staff", staffId } });
  return { id: staff.id, slackUserId: staff.slackUserId, timeZone: staff.branch.timeZone };
}

/** Today in the technician's branch, when no date is given. */
function dayFor(clock: Clock, timeZone: string, date?: string): string {
  return date ? validDate(date) : localDate({ timeZone }, clock.now());
}

async function loadDay(db: DbOrTx, technician: { id: number; slackUserId: string; timeZone: string }, date: string): Promise<DailyWork> {
  // One after the other: `db` may be a transaction, whose single connection takes one query at a time.
  const logs = await db.workLog.findMany({
      where: { technicianId: technician.id, workDate: dayOf(date) },
      orderBy: [{ ticketId: "asc" }, { id: "asc" }],
      select: { id: true, ticketId: true, category: true, hours: true, description: true, ticket: { select: { voucherNo: true, customer: { select: { name: true } } } } },
  });
  const report = await db.dailyWorkReport.findUnique({ where: { technicianId_workDate: { technicianId: technician.id, workDate: dayOf(date) } } });
  const lines: DailyWorkLine[] = logs.map((log) => ({
    workLogId: log.id,
    ticketId: log.ticketId,
    voucherNo: log.ticket?.voucherNo ?? null,
    customerName: log.ticket?.customer?.name ?? null,
    category: log.category,
    hours: Number(log.hours),
    description: log.description,
  }));
  const groups = new Map<string, DailyWorkGroup>();
  const totals = emptyTotals();
  for (const line of lines) {
    const key = line.ticketId === null ? "internal" : String(line.ticketId);
    let group = groups.get(key);
    if (!group) {
      group = { ticketId: line.ticketId, voucherNo: line.voucherNo, customerName: line.customerName, lines: [], totals: emptyTotals() };
      groups.set(key, group);
    }
    group.lines.push(line);
    group.totals[line.category] = round2(group.totals[line.category] + line.hours);
    totals[line.category] = round2(totals[line.category] + line.hours);
  }
  // Tickets first (by id), internal work last.
  const ordered = [...groups.values()].sort((a, b) => (a.ticketId ?? Number.MAX_SAFE_INTEGER) - (b.ticketId ?? Number.MAX_SAFE_INTEGER));
  return {
    technicianId: technician.id,
    slackUserId: technician.slackUserId,
    date,
    timeZone: technician.timeZone,
    lines,
    groups: ordered,
    totals,
    totalHours: round2(CATEGORIES.reduce((sum, category) => sum + totals[category], 0)),
    submitted: report ? { at: report.submittedAt, notes: report.notes } : null,
  };
}

/** R15: the technician's day — work lines by ticket and category, totals, and whether it was submitted. */
export async function getDailyWork(deps: DailyReportDeps, options: { actor: Actor; date?: string }): Promise<DailyWork> {
  const technician = await technicianOf(deps.db, options.actor);
  return loadDay(deps.db, technician, dayFor(deps.clock, technician.timeZone, options.date));
}

function alreadySubmitted(date: string, at: Date, timeZone: string): AppError {
  return new AppError("ALREADY_DONE", { message: `daily report for ${date} already submitted`, details: { action: "daily-report.submit", date, at: at.toISOString(), timeZone } });
}

function validationOf(problems: DailyWorkProblem[]): AppError {
  return new AppError("VALIDATION", { message: "daily work input refused", details: { problems } });
}

/** The problems of a daily report's input, in the order of the fields. */
export function dailyProblemsOf(error: unknown): DailyWorkProblem[] | null {
  if (!(error instanceof AppError) || error.code !== "VALIDATION" || !Array.isArray(error.details.problems)) return null;
  return error.details.problems as DailyWorkProblem[];
}

/** Serialises everything one technician does to their day (corrections vs. submission). */
async function lockTechnician(tx: DbOrTx, technicianId: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Staff" WHERE id = ${technicianId} FOR UPDATE`;
}

async function applyCorrections(
  tx: DbOrTx,
  context: { actor: Actor; technician: { id: number; slackUserId: string; timeZone: string }; date: string; now: Date },
  changes: readonly HoursChange[],
  internal: readonly InternalWork[],
): Promise<{ changed: number; deleted: number; added: number }> {
  const { technician, date, now } = context;
  const problems: DailyWorkProblem[] = [];
  const before = await loadDay(tx, technician, date);
  if (before.submitted) throw alreadySubmitted(date, before.submitted.at, technician.timeZone);
  const own = new Map(before.lines.map((line) => [line.workLogId, line]));
  for (const change of changes) {
    if (!own.has(change.workLogId)) problems.push({ kind: "unknown-line", workLogId: change.workLogId });
    else if (!validHours(change.hours)) problems.push({ kind: "bad-hours", workLogId: change.workLogId });
  }
  internal.forEach((work, index) => {
    if (!validHours(work.hours) || work.hours <= 0) problems.push({ kind: "bad-internal-hours", index });
    if (!work.description.trim()) problems.push({ kind: "internal-description-required", index });
  });
  if (problems.length) throw validationOf(problems);

  const newHours = new Map(before.lines.map((line) => [line.workLogId, line.hours]));
  for (const change of changes) newHours.set(change.workLogId, round2(change.hours));
  const total = round2([...newHours.values()].reduce((a, b) => a + b, 0) + internal.reduce((a, w) => a + w.hours, 0));
  if (total > MAX_DAY_HOURS) throw validationOf([{ kind: "too-many-hours", total }]);

  const edits: { workLogId: number; ticketId: number | null; from: number; to: number }[] = [];
  for (const change of changes) {
    const line = own.get(change.workLogId)!;
    const to = round2(change.hours);
    if (to === line.hours) continue;
    if (to === 0) await tx.workLog.delete({ where: { id: line.workLogId } });
    else await tx.workLog.update({ where: { id: line.workLogId }, data: { hours: new Prisma.Decimal(to.toFixed(2)) } });
    edits.push({ workLogId: line.workLogId, ticketId: line.ticketId, from: line.hours, to });
  }
  const added: { workLogId: number; hours: number; description: string }[] = [];
  for (const work of internal) {
    const row = await tx.workLog.create({
      data: { technicianId: technician.id, ticketId: null, workDate: dayOf(date), category: "D_INTERNAL", hours: new Prisma.Decimal(round2(work.hours).toFixed(2)), description: work.description.trim().slice(0, 500) },
    });
    added.push({ workLogId: row.id, hours: round2(work.hours), description: work.description.trim().slice(0, 500) });
  }
  if (edits.length || added.length) {
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: "daily-work.correct",
      entity: "Staff",
      entityId: technician.id,
      at: now,
      data: { date, edits, added },
    });
  }
  return { changed: edits.filter((e) => e.to !== 0).length, deleted: edits.filter((e) => e.to === 0).length, added: added.length };
}

/** R15: the technician corrects their own day before submitting it: hours per line (0 deletes it) and internal D work. */
export async function correctDailyWork(
  deps: DailyReportDeps,
  options: { actor: Actor; date: string; changes: readonly HoursChange[]; internal?: readonly InternalWork[] },
): Promise<DailyWork> {
  const { db, clock } = deps;
  const date = validDate(options.date);
  return db.$transaction(async (tx) => {
    const technician = await technicianOf(tx, options.actor);
    await lockTechnician(tx, technician.id);
    await applyCorrections(tx, { actor: options.actor, technician, date, now: clock.now() }, options.changes, options.internal ?? []);
    return loadDay(tx, technician, date);
  });
}

/**
 * R15: files the day's report, with the last corrections, in one transaction. Submitted once:
 * a second submission (even a concurrent one, caught by the unique technician+day) is ALREADY_DONE
 * and names when the first was filed.
 */
export async function submitDailyReport(
  deps: DailyReportDeps,
  options: { actor: Actor; date: string; notes?: string | null; changes?: readonly HoursChange[]; internal?: readonly InternalWork[] },
): Promise<DailyWork> {
  const { db, clock } = deps;
  const date = validDate(options.date);
  const notes = options.notes?.trim() ? options.notes.trim().slice(0, 3000) : null;
  const technician = await technicianOf(db, options.actor);
  try {
    return await db.$transaction(async (tx) => {
      const now = clock.now();
      await lockTechnician(tx, technician.id);
      await applyCorrections(tx, { actor: options.actor, technician, date, now }, options.changes ?? [], options.internal ?? []);
      const day = await loadDay(tx, technician, date);
      if (day.totalHours === 0 && !notes) throw validationOf([{ kind: "notes-required-when-no-hours" }]);
      const report = await tx.dailyWorkReport.create({ data: { technicianId: technician.id, workDate: dayOf(date), notes, submittedAt: now } });
      await recordAudit(tx, {
        ...auditActor(options.actor),
        action: "daily-report.submit",
        entity: "DailyWorkReport",
        entityId: report.id,
        at: now,
        data: { date, totals: day.totals, totalHours: day.totalHours, notes },
      });
      return { ...day, submitted: { at: now, notes } };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await db.dailyWorkReport.findUnique({ where: { technicianId_workDate: { technicianId: technician.id, workDate: dayOf(date) } } });
      if (winner) throw alreadySubmitted(date, winner.submittedAt, technician.timeZone);
    }
    throw error;
  }
}

export interface TechnicianDayStatus {
  staffId: number;
  slackUserId: string;
  name: string;
  submittedAt: Date | null;
  totals: CategoryTotals;
  totalHours: number;
}

export interface DailyReportStatus {
  branchId: number;
  branchName: string;
  timeZone: string;
  date: string;
  technicians: TechnicianDayStatus[];
}

/** The active technicians of a branch and their day: who has submitted, hours per category. */
export async function branchDailyStatus(db: DbOrTx, options: { branchId: number; date: string }): Promise<DailyReportStatus> {
  const branch = await db.branch.findUnique({ where: { id: options.branchId }, select: { id: true, name: true, timeZone: true } });
  if (!branch) throw new AppError("NOT_FOUND", { message: `branch ${options.branchId} not found`, details: { entity: "Branch", branchId: options.branchId } });
  const technicians = await db.staff.findMany({
    where: { branchId: branch.id, active: true, roles: { has: "TECHNICIAN" } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, slackUserId: true, name: true },
  });
  const ids = technicians.map((t) => t.id);
  const workDate = dayOf(options.date);
  const [sums, reports] = await Promise.all([
    db.workLog.groupBy({ by: ["technicianId", "category"], where: { technicianId: { in: ids }, workDate }, _sum: { hours: true } }),
    db.dailyWorkReport.findMany({ where: { technicianId: { in: ids }, workDate }, select: { technicianId: true, submittedAt: true } }),
  ]);
  const submitted = new Map(reports.map((r) => [r.technicianId, r.submittedAt]));
  return {
    branchId: branch.id,
    branchName: branch.name,
    timeZone: branch.timeZone,
    date: options.date,
    technicians: technicians.map((t) => {
      const totals = emptyTotals();
      for (const sum of sums) if (sum.technicianId === t.id) totals[sum.category] = round2(Number(sum._sum.hours ?? 0));
      return {
        staffId: t.id,
        slackUserId: t.slackUserId,
        name: t.name,
        submittedAt: submitted.get(t.id) ?? null,
        totals,
        totalHours: round2(CATEGORIES.reduce((s, c) => s + totals[c], 0)),
      };
    }),
  };
}

/** R15 for directors: the branch's technicians who have and have not filed the day's report. */
export async function dailyReportStatus(deps: DailyReportDeps, options: { actor: Actor; date?: string; branchId?: number }): Promise<DailyReportStatus> {
  const { db, clock } = deps;
  assertRoleFor(options.actor, "report.view-branch");
  const branchId = options.branchId ?? options.actor.branchId;
  if (branchId === null || branchId === undefined) throw new AppError("FORBIDDEN", { message: "no branch", details: { action: "report.view-branch" } });
  assertCan(options.actor, "report.view-branch", { branchId });
  const branch = await db.branch.findUnique({ where: { id: branchId }, select: { timeZone: true } });
  if (!branch) throw new AppError("NOT_FOUND", { message: `branch ${branchId} not found`, details: { entity: "Branch", branchId } });
  return branchDailyStatus(db, { branchId, date: dayFor(clock, branch.timeZone, options.date) });
}
