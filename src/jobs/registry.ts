// Every scheduled job the bot runs; the scheduler and `npm run job` read this list.
import { carryOverJob } from "./carry-over";
import { completionOverdueScanJob } from "./completion-overdue-scan";
import { complaintClocksJob } from "./complaint-clocks";
import { contractExpiryJob } from "./contract-expiry";
import { dailyReportReminderJob } from "./daily-report-reminder";
import { directorSummaryJob } from "./director-summary";
import { escalationLadderJob } from "./escalation-ladder";
import { loansAtClosingJob } from "./loans-at-closing";
import { monthlyEvaluationJob } from "./monthly-evaluation";
import { overdueScanJob } from "./overdue-scan";
import { preDeadlineWarningJob } from "./pre-deadline-warning";
import { pruneDeliveriesJob } from "./prune-deliveries";
import { surveyListJob } from "./survey-list";
import type { Job } from "./types";

export const JOBS: readonly Job[] = [carryOverJob, overdueScanJob, pruneDeliveriesJob, directorSummaryJob, contractExpiryJob, dailyReportReminderJob, loansAtClosingJob, preDeadlineWarningJob, escalationLadderJob, completionOverdueScanJob, complaintClocksJob, monthlyEvaluationJob, surveyListJob];

export function findJob(name: string, jobs: readonly Job[] = JOBS): Job | undefined {
  return jobs.find((job) => job.name === name);
}
