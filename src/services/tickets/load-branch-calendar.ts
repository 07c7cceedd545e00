import type { DbOrTx } from "../../db";
import type { WorkingCalendar } from "../../domain/working-calendar";
import { AppError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";

const calendarSelect = {
  id: true,
  timeZone: true,
  workingHours: { select: { weekday: true, opensAt: true, closesAt: true }, orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] },
  holidays: { select: { date: true }, orderBy: { date: "asc" } },
} satisfies Prisma.BranchSelect;

type CalendarRow = Prisma.BranchGetPayload<{ select: typeof calendarSelect }>;

function toCalendar(branch: CalendarRow): WorkingCalendar {
  return {
    timeZone: branch.timeZone,
    weeklyHours: branch.workingHours,
    // @db.Date columns come back as midnight UTC of that day.
    holidays: branch.holidays.map((holiday) => holiday.date.toISOString().slice(0, 10)),
  };
}

/** R6: a branch's working calendar (weekly hours and holidays, in its own zone) from the database. */
export async function loadBranchCalendar(db: DbOrTx, branchId: number): Promise<WorkingCalendar> {
  const branch = await db.branch.findUnique({ where: { id: branchId }, select: calendarSelect });
  if (!branch) throw new AppError("NOT_FOUND", { message: `branch ${branchId} not found`, details: { entity: "Branch", branchId } });
  return toCalendar(branch);
}

/** R6: the calendars of several branches in one read (a scan over many calls needs each branch's once). */
export async function loadBranchCalendars(db: DbOrTx, branchIds: Iterable<number>): Promise<Map<number, WorkingCalendar>> {
  const ids = [...new Set(branchIds)];
  const calendars = new Map<number, WorkingCalendar>();
  if (ids.length === 0) return calendars;
  for (const branch of await db.branch.findMany({ where: { id: { in: ids } }, select: calendarSelect })) calendars.set(branch.id, toCalendar(branch));
  const missing = ids.find((id) => !calendars.has(id));
  if (missing !== undefined) throw new AppError("NOT_FOUND", { message: `branch ${missing} not found`, details: { entity: "Branch", branchId: missing } });
  return calendars;
}
