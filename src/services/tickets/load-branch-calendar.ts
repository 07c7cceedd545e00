import type { DbOrTx } from "../../db";
import type { WorkingCalendar } from "../../domain/working-calendar";
import { AppError } from "../../errors";

/** R6: a branch's working calendar (weekly hours and holidays, in its own zone) from the database. */
export async function loadBranchCalendar(db: DbOrTx, branchId: number): Promise<WorkingCalendar> {
  const branch = await db.branch.findUnique({
    where: { id: branchId },
    select: {
      timeZone: true,
      workingHours: { select: { weekday: true, opensAt: true, closesAt: true }, orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] },
      holidays: { select: { date: true }, orderBy: { date: "asc" } },
    },
  });
  if (!branch) throw new AppError("NOT_FOUND", { message: `branch ${branchId} not found`, details: { entity: "Branch", branchId } });
  return {
    timeZone: branch.timeZone,
    weeklyHours: branch.workingHours,
    // @db.Date columns come back as midnight UTC of that day.
    holidays: branch.holidays.map((holiday) => holiday.date.toISOString().slice(0, 10)),
  };
}
