// R16/R17: after each working day the branch's directors get the day's figures in their channel,
// with a Sign off button for the manager. The report is stored (DirectorReport, one per branch and
// day) and its post queued for the outbox in one transaction; a report is posted once.
import { previousWorkingDate } from "../domain/surveys";
import { firstOpeningOn, lastClosingOn } from "../domain/working-calendar";
import { enqueueDirectorReport, storeDirectorReport } from "../services/reports/director-report";
import { computeDirectorSummary } from "../services/reports/director-summary";
import { oncePerBranchDay } from "./periods";
import type { Job, JobContext } from "./types";

const NAME = "director-summary";
const ACTOR = `system:${NAME}`;

/** When the summary of a working day is due: SUMMARY_AFTER_CLOSE_MINUTES after the last closing. */
export function summaryDueAt(context: Pick<JobContext, "branch" | "date" | "deps">): Date | null {
  const branch = context.branch;
  if (!branch) return null;
  const closing = lastClosingOn(branch.calendar, context.date);
  return closing ? new Date(closing.getTime() + context.deps.settings.summaryAfterCloseMinutes * 60_000) : null;
}

export const directorSummaryJob: Job = {
  name: NAME,
  ...oncePerBranchDay(NAME, summaryDueAt),
  async run(context) {
    const { deps, branch, date } = context;
    if (!branch) throw new Error("director-summary runs per branch");
    if (!firstOpeningOn(branch.calendar, date)) return { stored: 0, queued: 0 };

    // R19/R20: today's surveys were of the calls closed on the previous working day.
    const surveys = { previousDate: previousWorkingDate(branch.calendar, date), targets: deps.settings.surveyTargets };
    const summary = await computeDirectorSummary(deps.db, { branchId: branch.id, date, surveys });
    // Storing queues its post; a report stored earlier and never posted is queued again.
    const { report, created } = await storeDirectorReport(deps, { summary, actor: ACTOR });
    if (created) return { stored: 1, queued: 1 };
    if (report.messageTs) return { stored: 0, queued: 0 };
    await enqueueDirectorReport(deps.db, report.id);
    return { stored: 0, queued: 1 };
  },
};
