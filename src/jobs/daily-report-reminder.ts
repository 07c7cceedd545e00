// R15: on each working day, REPORT_REMINDER_BEFORE_CLOSE_MINUTES before the branch's last closing,
// every active technician of the branch who has not submitted the day's report gets a DM with a
// button that opens the daily report modal. The runner's claim makes it once per branch and day;
// closed days (weekends, holidays) remind nobody.
import { firstOpeningOn, lastClosingOn } from "../domain/working-calendar";
import { queueDailyReportReminders } from "../services/reports/daily-report-reminders";
import { oncePerBranchDay } from "./periods";
import type { Job, JobContext } from "./types";

const NAME = "daily-report-reminder";

/** When the reminder of a working day is due; null on a day the branch is closed. */
export function reminderDueAt(context: Pick<JobContext, "branch" | "date" | "deps">): Date | null {
  const branch = context.branch;
  if (!branch) return null;
  const closing = lastClosingOn(branch.calendar, context.date);
  return closing ? new Date(closing.getTime() - context.deps.settings.reportReminderBeforeCloseMinutes * 60_000) : null;
}

export const dailyReportReminderJob: Job = {
  name: NAME,
  ...oncePerBranchDay(NAME, reminderDueAt),
  async run(context) {
    const { deps, branch, date } = context;
    if (!branch) throw new Error("daily-report-reminder runs per branch");
    if (!firstOpeningOn(branch.calendar, date)) return { reminded: 0, submitted: 0 };
    return queueDailyReportReminders(deps, { branchId: branch.id, date });
  },
};
