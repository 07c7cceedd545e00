// Every scheduled run is visible to admins (`/repair jobs`): the latest runs, failures first, and
// each job's last success. Reads JobRun through its (startedAt) and (job, status, startedAt) indexes.
import type { Db } from "../../db";
import type { Actor } from "../staff/resolve-actor";
import { listMissingRoles, type MissingRoles } from "../staff/missing-roles";
import { assertCan } from "../tickets/authorize";

export interface JobRunLine {
  job: string;
  periodKey: string;
  status: "RUNNING" | "SUCCEEDED" | "FAILED";
  startedAt: Date;
  finishedAt: Date | null;
  summary: Record<string, number> | null;
  /** The first line of the error, for failed runs. */
  error: string | null;
}

export interface JobRunsOverview {
  runs: JobRunLine[];
  /** How many older runs there are beyond `runs`. */
  more: number;
  lastSuccess: Array<{ job: string; at: Date | null }>;
  /** R7/R12: roles nobody active holds, so escalations go to the admins. */
  missingRoles: MissingRoles;
}

function countsOf(summary: unknown): Record<string, number> | null {
  if (!summary || typeof summary !== "object" || Array.isArray(summary)) return null;
  const counts: Record<string, number> = {};
  for (const [key, value] of Object.entries(summary)) if (typeof value === "number") counts[key] = value;
  return counts;
}

export async function listJobRuns(deps: { db: Db }, options: { actor: Actor; jobNames: readonly string[]; limit?: number }): Promise<JobRunsOverview> {
  assertCan(options.actor, "admin.view-job-runs");
  const limit = options.limit ?? 20;
  const [rows, total] = await Promise.all([
    deps.db.jobRun.findMany({ orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: limit }),
    deps.db.jobRun.count(),
  ]);
  const rank = { FAILED: 0, RUNNING: 1, SUCCEEDED: 2 } as const;
  const runs = rows
    .map((row) => ({
      job: row.job,
      periodKey: row.periodKey,
      status: row.status,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      summary: countsOf(row.summary),
      error: row.error ? (row.error.split("\n")[0] ?? "").trim() : null,
    }))
    .sort((a, b) => rank[a.status] - rank[b.status] || b.startedAt.getTime() - a.startedAt.getTime());
  const names = [...new Set([...options.jobNames, ...rows.map((row) => row.job)])];
  const lastSuccess = await Promise.all(
    names.map(async (job) => {
      const last = await deps.db.jobRun.findFirst({ where: { job, status: "SUCCEEDED" }, orderBy: { startedAt: "desc" }, select: { finishedAt: true, startedAt: true } });
      return { job, at: last ? (last.finishedAt ?? last.startedAt) : null };
    }),
  );
  return { runs, more: Math.max(0, total - rows.length), lastSuccess, missingRoles: await listMissingRoles(deps, { actor: options.actor }) };
}
