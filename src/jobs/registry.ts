// Every scheduled job the bot runs; the scheduler and `npm run job` read this list.
import { carryOverJob } from "./carry-over";
import { overdueScanJob } from "./overdue-scan";
import { pruneDeliveriesJob } from "./prune-deliveries";
import type { Job } from "./types";

export const JOBS: readonly Job[] = [carryOverJob, overdueScanJob, pruneDeliveriesJob];

export function findJob(name: string, jobs: readonly Job[] = JOBS): Job | undefined {
  return jobs.find((job) => job.name === name);
}
