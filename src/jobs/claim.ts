// A job's claim on one period, in PostgreSQL, so that several replicas (and `npm run job`) run each
// period once. The unique (job, periodKey) row is the lock and the record of the run.
import type { Clock } from "../clock";
import type { DbOrTx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { JobSummary } from "./types";

export const DEFAULT_STALE_MINUTES = 15;

export interface ClaimOptions {
  job: string;
  periodKey: string;
  claimedBy: string;
  /** A RUNNING claim older than this is taken to have crashed (15 minutes by default). */
  staleAfterMinutes?: number;
  /** Also take over a FAILED run: what `npm run job` does to retry a period by hand. */
  retryFailed?: boolean;
}

export type ClaimResult = { won: true; runId: number } | { won: false; status: "RUNNING" | "SUCCEEDED" | "FAILED" | "UNKNOWN" };

/**
 * Inserts a RUNNING row for the period; when one exists, takes it over only if it is stale
 * (RUNNING since before the timeout: its process died) or, with `retryFailed`, FAILED. Both steps
 * are single statements, so exactly one contender wins.
 */
export async function claimRun(deps: { db: DbOrTx; clock: Clock }, options: ClaimOptions): Promise<ClaimResult> {
  const now = deps.clock.now();
  const inserted = await deps.db.$queryRaw<Array<{ id: number }>>`
    INSERT INTO "JobRun" ("job", "periodKey", "status", "claimedBy", "startedAt")
    VALUES (${options.job}, ${options.periodKey}, 'RUNNING', ${options.claimedBy}, ${now})
    ON CONFLICT ("job", "periodKey") DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 1) return { won: true, runId: inserted[0].id };

  const staleBefore = new Date(now.getTime() - (options.staleAfterMinutes ?? DEFAULT_STALE_MINUTES) * 60_000);
  const retryFailed = options.retryFailed ?? false;
  const reclaimed = await deps.db.$queryRaw<Array<{ id: number }>>`
    UPDATE "JobRun"
    SET "status" = 'RUNNING', "claimedBy" = ${options.claimedBy}, "startedAt" = ${now}, "finishedAt" = NULL, "summary" = NULL, "error" = NULL
    WHERE "job" = ${options.job} AND "periodKey" = ${options.periodKey}
      AND (("status" = 'RUNNING' AND "startedAt" < ${staleBefore}) OR (${retryFailed}::boolean AND "status" = 'FAILED'))
    RETURNING "id"`;
  if (reclaimed.length === 1) return { won: true, runId: reclaimed[0].id };

  const existing = await deps.db.jobRun.findUnique({ where: { job_periodKey: { job: options.job, periodKey: options.periodKey } }, select: { status: true } });
  return { won: false, status: existing?.status ?? "UNKNOWN" };
}

/** Records the run's summary. Only the claim's holder (same claimedBy, still RUNNING) can finish it. */
export async function finishRun(deps: { db: DbOrTx; clock: Clock }, options: { runId: number; claimedBy: string; summary: JobSummary }): Promise<boolean> {
  const result = await deps.db.jobRun.updateMany({
    where: { id: options.runId, claimedBy: options.claimedBy, status: "RUNNING" },
    data: { status: "SUCCEEDED", finishedAt: deps.clock.now(), summary: options.summary as Prisma.InputJsonValue },
  });
  return result.count === 1;
}

/** Records why the run failed; the period then stays FAILED until retried by hand. */
export async function failRun(deps: { db: DbOrTx; clock: Clock }, options: { runId: number; claimedBy: string; error: unknown }): Promise<boolean> {
  const message = options.error instanceof Error ? options.error.message : String(options.error);
  const result = await deps.db.jobRun.updateMany({
    where: { id: options.runId, claimedBy: options.claimedBy, status: "RUNNING" },
    data: { status: "FAILED", finishedAt: deps.clock.now(), error: message.slice(0, 4000) },
  });
  return result.count === 1;
}
