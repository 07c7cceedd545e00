// R15: on each working day, REPORT_REMINDER_BEFORE_CLOSE_MINUTES before the branch's last closing,
// every active technician of the branch who has not submitted the day's report gets a DM with a
// button that opens the daily report modal. The runner's claim makes it once per branch and day;
// closed days (weekends, holidays) remind nobody.
import { firstOpeningOn, lastClosingOn } from "../domain/working-calendar";
import { branchDailyStatus } from "../services/reports/daily-work-report";
import { buildDailyReminder } from "../views/daily-report-modal";
import { oncePerBranchDay } from "./periods";
import type { Job, JobContext } from "./types";
import { sendDirectMessage } from "../publish/direct-message";

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
  needsSlack: true,
  async run(context) {
    const { deps, branch, date } = context;
    if (!branch) throw new Error("daily-report-reminder runs per branch");
    if (!deps.slack) throw new Error("daily-report-reminder sends DMs and needs a Slack client");
    if (!firstOpeningOn(branch.calendar, date)) return { reminded: 0, failed: 0, submitted: 0 };
    const status = await branchDailyStatus(deps.db, { branchId: branch.id, date });
    let reminded = 0;
    let failed = 0;
    for (const technician of status.technicians) {
      if (technician.submittedAt) continue;
      try {
        await sendDirectMessage(deps.slack, technician.slackUserId, buildDailyReminder({ date, totals: technician.totals }));
        reminded += 1;
      } catch (error) {
        // One technician's DM failing must not keep the others from theirs.
        failed += 1;
        deps.log.warn("daily report reminder not delivered", { branch: branch.code, date, technician: technician.slackUserId, error });
      }
    }
    // Nobody reached (Slack down): fail the run so it shows in `/repair jobs`, nothing was sent twice.
    if (failed > 0 && reminded === 0) throw new Error(`no daily report reminder delivered (${failed} failed)`);
    return { reminded, failed, submitted: status.technicians.length - reminded - failed };
  },
};
