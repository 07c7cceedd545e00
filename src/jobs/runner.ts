// Runs one job: for each branch (or once, for global jobs) claim the period, run, record the outcome.
// The scheduler calls it with `dueOnly`; `npm run job` calls it for a given date, due or not.
import { localDate } from "../domain/working-calendar";
import { claimRun, failRun, finishRun } from "./claim";
import type { Job, JobBranch, JobContext, JobDeps, JobSummary } from "./types";

export type JobOutcome =
  | { branch: string | null; periodKey: string; outcome: "ran"; summary: JobSummary }
  | { branch: string | null; periodKey: string; outcome: "skipped-claimed" }
  | { branch: string | null; periodKey: string; outcome: "not-due" }
  | { branch: string | null; periodKey: string; outcome: "failed"; error: string };

export interface RunJobOptions {
  /** YYYY-MM-DD: the period's local date; today in each branch's zone by default. */
  date?: string;
  /** Only this branch (per-branch jobs). */
  branchCode?: string;
  /** Skip periods whose job says they are not due yet (the scheduler's ticks). */
  dueOnly?: boolean;
  /** Take over a FAILED period (a retry by hand). */
  retryFailed?: boolean;
  /** Once aborted (the bot is stopping), no further period is claimed; one already claimed runs to its end. */
  signal?: AbortSignal;
  /** Told how each claimed period ended and how long it took (/metrics). */
  observe?: (report: { job: string; outcome: Exclude<JobOutcome["outcome"], "not-due">; seconds: number }) => void;
}

export async function runJob(deps: JobDeps, job: Job, options: RunJobOptions = {}): Promise<JobOutcome[]> {
  const now = deps.clock.now();
  if (!job.perBranch) {
    if (options.signal?.aborted) return [];
    const context: JobContext = { deps, now, date: options.date ?? now.toISOString().slice(0, 10), branch: null };
    return [await runPeriod(deps, job, context, options)];
  }
  const outcomes: JobOutcome[] = [];
  for (const branch of await loadBranches(deps, options.branchCode)) {
    if (options.signal?.aborted) break;
    const context: JobContext = { deps, now, date: options.date ?? localDate(branch.calendar, now), branch };
    outcomes.push(await runPeriod(deps, job, context, options));
  }
  return outcomes;
}

async function runPeriod(deps: JobDeps, job: Job, context: JobContext, options: RunJobOptions): Promise<JobOutcome> {
  const periodKey = job.periodKey(context);
  const branch = context.branch?.code ?? null;
  if (options.dueOnly && job.isDue && !job.isDue(context)) return { branch, periodKey, outcome: "not-due" };
  const started = performance.now();
  const outcome = await claimAndRun(deps, job, context, options, { branch, periodKey });
  if (outcome.outcome !== "not-due") options.observe?.({ job: job.name, outcome: outcome.outcome, seconds: (performance.now() - started) / 1000 });
  return outcome;
}

async function claimAndRun(deps: JobDeps, job: Job, context: JobContext, options: RunJobOptions, period: { branch: string | null; periodKey: string }): Promise<JobOutcome> {
  const { branch, periodKey } = period;
  const claim = await claimRun(deps, {
    job: job.name,
    periodKey,
    claimedBy: deps.claimedBy,
    staleAfterMinutes: deps.settings.staleAfterMinutes,
    retryFailed: options.retryFailed,
  });
  if (!claim.won) return { branch, periodKey, outcome: "skipped-claimed" };

  try {
    const summary = await job.run(context);
    await finishRun(deps, { runId: claim.runId, claimedBy: deps.claimedBy, summary });
    deps.log.info("job ran", { job: job.name, periodKey, summary });
    return { branch, periodKey, outcome: "ran", summary };
  } catch (error) {
    await failRun(deps, { runId: claim.runId, claimedBy: deps.claimedBy, error });
    deps.log.error("job failed", { job: job.name, periodKey, error });
    return { branch, periodKey, outcome: "failed", error: error instanceof Error ? error.message : String(error) };
  }
}

async function loadBranches(deps: JobDeps, code: string | undefined): Promise<JobBranch[]> {
  const rows = await deps.db.branch.findMany({
    where: code === undefined ? {} : { code },
    orderBy: { code: "asc" },
    select: {
      id: true,
      code: true,
      name: true,
      timeZone: true,
      dispatchChannelId: true,
      workingHours: { select: { weekday: true, opensAt: true, closesAt: true }, orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] },
      holidays: { select: { date: true }, orderBy: { date: "asc" } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    timeZone: row.timeZone,
    dispatchChannelId: row.dispatchChannelId,
    // @db.Date columns come back as midnight UTC of that day.
    calendar: { timeZone: row.timeZone, weeklyHours: row.workingHours, holidays: row.holidays.map((holiday) => holiday.date.toISOString().slice(0, 10)) },
  }));
}
