// R20/R22: on the first working day of each month (the branch's calendar, holidays included) each
// branch's directors get the previous month's evaluation of every technician, with Sign off for a
// manager. It goes out after that day's last closing (SUMMARY_AFTER_CLOSE_MINUTES, with the daily
// summary): the survey list of the month's last working day is made that morning (R19), so its
// answers are in by then. The run is claimed per branch and month evaluated, the report stored
// once per branch and month (EvaluationReport) with its post queued in the same transaction; a bot
// that was down that day catches up within CATCH_UP_DAYS, not later: a bot first started late in a
// month does not post last month's empty evaluation (`npm run job monthly-evaluation` still can).
import { firstWorkingDayOfMonth, previousMonth } from "../domain/monthly-evaluation";
import { lastClosingOn } from "../domain/working-calendar";
import { computeMonthlyEvaluation } from "../services/evaluations/compute-monthly-evaluation";
import { enqueueEvaluationReport, storeEvaluationReport } from "../services/evaluations/evaluation-report";
import type { Job, JobContext, JobSummary } from "./types";

const NAME = "monthly-evaluation";
/** Days after the first working day during which a missed evaluation is still posted by the scheduler. */
export const CATCH_UP_DAYS = 7;
const ACTOR = `system:${NAME}`;

/**
 * When the evaluation of the month before `date`'s is due; null before the month's first working day,
 * more than CATCH_UP_DAYS after it, or in a month without one.
 */
export function evaluationDueAt(context: Pick<JobContext, "branch" | "date" | "deps">): Date | null {
  const branch = context.branch;
  if (!branch) return null;
  const firstWorkingDay = firstWorkingDayOfMonth(branch.calendar, context.date.slice(0, 7));
  if (firstWorkingDay === null || firstWorkingDay > context.date) return null;
  const lastCatchUpDay = new Date(Date.parse(`${firstWorkingDay}T00:00:00Z`) + CATCH_UP_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (context.date > lastCatchUpDay) return null;
  const closing = lastClosingOn(branch.calendar, firstWorkingDay);
  return closing ? new Date(closing.getTime() + context.deps.settings.summaryAfterCloseMinutes * 60_000) : null;
}

export const monthlyEvaluationJob: Job = {
  name: NAME,
  schedule: "*/5 * * * *",
  perBranch: true,
  // Keyed by the month evaluated, so the days after the first working day never post it again.
  periodKey: ({ branch, date }) => `${NAME}:${branch?.code ?? "-"}:${previousMonth(date)}`,
  isDue: (context) => {
    const at = evaluationDueAt(context);
    return at !== null && context.now.getTime() >= at.getTime();
  },
  async run(context): Promise<JobSummary> {
    const { deps, branch, date } = context;
    if (!branch) throw new Error("monthly-evaluation runs per branch");
    const evaluation = await computeMonthlyEvaluation(deps.db, { branchId: branch.id, month: previousMonth(date), settings: deps.settings.evaluation });
    // Storing queues its post; a report stored earlier and never posted is queued again.
    const { report, created } = await storeEvaluationReport(deps, { evaluation, actor: ACTOR });
    if (created) return { stored: 1, queued: 1, technicians: evaluation.technicians.length };
    if (report.messageTs) return { stored: 0, queued: 0 };
    await enqueueEvaluationReport(deps.db, report.id);
    return { stored: 0, queued: 1 };
  },
};
