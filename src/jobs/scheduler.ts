// One node-cron task per job, evaluated in UTC. A tick runs `runJob` with `dueOnly`: per-branch jobs
// check each branch's own local due time (branches differ in zone and opening hours, which one cron
// timezone per task could not express), and the PostgreSQL claim makes sure each period runs once
// across replicas and ticks. Starting runs one tick of every job at once: a daily run missed while
// the bot was down (or deploying) is caught up, and the claim makes that harmless when it was not.
import cron, { type ScheduledTask } from "node-cron";
import type { Config } from "../config";
import { parseClockTime } from "../domain/working-calendar";
import { DEFAULT_EVALUATION_SETTINGS, type EvaluationSettings } from "../domain/monthly-evaluation";
import { runJob, type JobOutcome, type RunJobOptions } from "./runner";
import type { Job, JobDeps, JobSettings } from "./types";

type JobConfig = Pick<
  Config,
  | "JOB_STALE_MINUTES"
  | "CARRY_OVER_AT"
  | "SLACK_DEDUPE_HOURS"
  | "PRE_WARNING_MINUTES"
  | "ESCALATE_AFTER_MINUTES"
  | "REPORT_REMINDER_BEFORE_CLOSE_MINUTES"
  | "SUMMARY_AFTER_CLOSE_MINUTES"
  | "CONTRACT_NOTICE_DAYS"
  | "COMPLAINT_RESPONSE_WARNING_HOURS"
  | "COMPLAINT_RESOLUTION_WARNING_DAYS"
  | EvaluationConfig
>;

type EvaluationConfig = "SURVEY_COVERAGE_TARGET_PERCENT" | "SURVEY_SATISFACTION_TARGET_PERCENT" | "EVALUATION_ON_TIME_TARGET_PERCENT" | "COMPLAINT_WINDOW_MONTHS";

/** R20/R22: the monthly evaluation's targets and complaint window, for its job and `/repair evaluation`. */
export function evaluationSettingsFrom(config: Pick<Config, EvaluationConfig>): EvaluationSettings {
  return {
    targets: {
      coveragePercent: config.SURVEY_COVERAGE_TARGET_PERCENT,
      satisfactionPercent: config.SURVEY_SATISFACTION_TARGET_PERCENT,
      onTimePercent: config.EVALUATION_ON_TIME_TARGET_PERCENT,
    },
    complaintWindowMonths: config.COMPLAINT_WINDOW_MONTHS,
  };
}

export function jobSettingsFrom(config: JobConfig): JobSettings {
  return {
    staleAfterMinutes: config.JOB_STALE_MINUTES,
    carryOverAtMinute: config.CARRY_OVER_AT ? parseClockTime(config.CARRY_OVER_AT) : null,
    slackDedupeHours: config.SLACK_DEDUPE_HOURS,
    preWarningMinutes: config.PRE_WARNING_MINUTES,
    escalateAfterMinutes: config.ESCALATE_AFTER_MINUTES,
    reportReminderBeforeCloseMinutes: config.REPORT_REMINDER_BEFORE_CLOSE_MINUTES,
    summaryAfterCloseMinutes: config.SUMMARY_AFTER_CLOSE_MINUTES,
    contractNoticeDays: config.CONTRACT_NOTICE_DAYS,
    complaintResponseWarningMinutes: config.COMPLAINT_RESPONSE_WARNING_HOURS * 60,
    complaintResolutionWarningMinutes: config.COMPLAINT_RESOLUTION_WARNING_DAYS * 24 * 60,
    evaluation: evaluationSettingsFrom(config),
    surveyTargets: { coveragePercent: config.SURVEY_COVERAGE_TARGET_PERCENT, satisfactionPercent: config.SURVEY_SATISFACTION_TARGET_PERCENT },
  };
}

/** The defaults, for tests and tools that build job settings by hand. */
export const DEFAULT_JOB_SETTINGS: JobSettings = {
  staleAfterMinutes: 15,
  carryOverAtMinute: null,
  slackDedupeHours: 24,
  preWarningMinutes: 60,
  escalateAfterMinutes: 30,
  reportReminderBeforeCloseMinutes: 60,
  summaryAfterCloseMinutes: 30,
  contractNoticeDays: 30,
  evaluation: DEFAULT_EVALUATION_SETTINGS,
};

export interface Scheduler {
  /** Schedules every job and runs one catch-up tick of each; resolves when the catch-up is done. */
  start(): Promise<void>;
  /** Runs one tick of a job now, as the cron task would. */
  tick(job: Job): Promise<JobOutcome[]>;
  /**
   * Stops the cron tasks, claims no further period (a tick going through the branches stops before
   * the next one) and waits for the runs already claimed, at most `graceMs`: a run still going then
   * (Slack unreachable, say) keeps its RUNNING claim, which is reclaimed after JOB_STALE_MINUTES.
   */
  stop(graceMs?: number): Promise<void>;
}

export interface SchedulerOptions {
  /** Told how each claimed period ended (/metrics). */
  observe?: RunJobOptions["observe"];
}

export function createScheduler(deps: JobDeps, jobs: readonly Job[], options: SchedulerOptions = {}): Scheduler {
  const tasks: ScheduledTask[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  let stopped = false;

  const tick = (job: Job): Promise<JobOutcome[]> => {
    const running = runJob(deps, job, { dueOnly: true, signal: stopping.signal, observe: options.observe }).catch((error: unknown) => {
      deps.log.error("job tick failed", { job: job.name, error });
      return [] as JobOutcome[];
    });
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
    return running;
  };

  return {
    async start() {
      for (const job of jobs) {
        if (!cron.validate(job.schedule)) throw new Error(`job ${job.name}: invalid cron expression "${job.schedule}"`);
        const task = cron.schedule(
          job.schedule,
          async () => {
            if (!stopped) await tick(job);
          },
          { name: job.name, timezone: "UTC", noOverlap: true },
        );
        tasks.push(task);
      }
      await Promise.all(jobs.map((job) => tick(job)));
    },
    tick,
    async stop(graceMs = 10_000) {
      stopped = true;
      stopping.abort();
      for (const task of tasks.splice(0)) await task.destroy();
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        Promise.all([...inFlight]).then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
      ]);
      clearTimeout(timer);
      if (!finished) deps.log.warn("stopped while job runs were still going; their claims will be reclaimed", { runs: inFlight.size, graceMs });
    },
  };
}
