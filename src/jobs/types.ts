// What a scheduled job is: a name, a cron schedule, how its periods are keyed, and the work.
// The runner claims each period in PostgreSQL (claim.ts) before calling `run`, so a job body only
// has to be idempotent for its own data, never for concurrent replicas.
import type { Clock } from "../clock";
import type { Db } from "../db";
import type { SurveyTargets } from "../domain/survey-figures";
import type { WorkingCalendar } from "../domain/working-calendar";
import type { EvaluationSettings } from "../domain/monthly-evaluation";
import type { Log } from "../logger";
import type { Services } from "../services";

export interface JobSettings {
  /** A RUNNING claim older than this is taken to have crashed and may be reclaimed. */
  staleAfterMinutes: number;
  /** R8: local minute of day at which calls are carried over; null = the branch's first opening. */
  carryOverAtMinute: number | null;
  /** How long delivered Slack event ids are kept (SLACK_DEDUPE_HOURS). */
  slackDedupeHours: number;
  /** R7: working minutes before the deadline at which the warning goes out (PRE_WARNING_MINUTES). */
  preWarningMinutes: number;
  /** R7/R12: working minutes an escalation waits for an acknowledgement before it climbs (ESCALATE_AFTER_MINUTES). */
  escalateAfterMinutes: number;
  /** R15: minutes before the last closing at which technicians are reminded (REPORT_REMINDER_BEFORE_CLOSE_MINUTES). */
  reportReminderBeforeCloseMinutes: number;
  /** R16: minutes after the last closing at which the directors' summary goes out (SUMMARY_AFTER_CLOSE_MINUTES). */
  summaryAfterCloseMinutes: number;
  /** R18: days ahead of a contract's end at which its expiry notice is prepared (CONTRACT_NOTICE_DAYS). */
  contractNoticeDays: number;
  /** R21: minutes before a complaint's first response / resolution is due at which the warning goes out (COMPLAINT_RESPONSE_WARNING_HOURS, COMPLAINT_RESOLUTION_WARNING_DAYS). */
  complaintResponseWarningMinutes?: number;
  complaintResolutionWarningMinutes?: number;
  /** R20/R22: the monthly evaluation's targets and complaint window. */
  evaluation: EvaluationSettings;
  /** R20: the survey targets shown in the directors' summary (SURVEY_*_TARGET_PERCENT); the defaults when absent. */
  surveyTargets?: SurveyTargets;
}

export interface JobDeps {
  db: Db;
  clock: Clock;
  log: Log;
  services: Services;
  settings: JobSettings;
  /** Who claims runs: host and pid for the scheduler, "cli:…" for `npm run job`. */
  claimedBy: string;
}

export interface JobBranch {
  id: number;
  code: string;
  name: string;
  timeZone: string;
  dispatchChannelId: string | null;
  calendar: WorkingCalendar;
}

/** One period of a job: a branch's local day for per-branch jobs, or the moment for global ones. */
export interface JobPeriod {
  now: Date;
  /** YYYY-MM-DD: the branch's local date (per-branch jobs) or the UTC date (global jobs). */
  date: string;
  branch: JobBranch | null;
}

export interface JobContext extends JobPeriod {
  deps: JobDeps;
}

/** Counts of what a run did, e.g. `{ carried: 3 }`; stored in JobRun.summary. */
export type JobSummary = Record<string, number>;

export interface Job {
  name: string;
  /** node-cron expression, evaluated in UTC: when the scheduler looks at the job. */
  schedule: string;
  /** Run once per branch (period = branch + local date), or once globally. */
  perBranch: boolean;
  /** Unique per period, e.g. `carry-over:SEOUL:2026-11-23`. */
  periodKey(period: JobPeriod): string;
  /** For the scheduler: whether the period's run is due yet (absent = due at every tick). */
  isDue?(context: JobContext): boolean;
  run(context: JobContext): Promise<JobSummary>;
}
