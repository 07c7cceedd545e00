// The gauges read from PostgreSQL when /metrics is scraped: one cheap statement each (index range
// scans; a few ms on a year of data, see README "Metrics"), run on a small pool of their own whose
// statements time out (src/db/monitoring.ts), so a scrape never waits long nor takes the app's connections.

import { THREAD_REPLY_TASK } from "../services/inbox/thread-replies";
import { SLACK_TASK } from "../services/outbox/enqueue";

export type MonitoringQuery = <T extends object>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface OutboxGauges {
  depth: number;
  retrying: number;
  oldestAgeSeconds: number;
  /** Thread replies queued by the listener and not yet handled (the inbox, same queue). */
  repliesQueued: number;
  repliesOldestAgeSeconds: number;
}

export interface CallGauges {
  openEscalations: { branch: string; kind: string; count: number }[];
  overdueCalls: { branch: string; count: number }[];
}

/** graphile-worker's queue: jobs it still means to run (a job that used up its tries is not counted), Slack effects and thread replies apart. */
export async function readOutboxGauges(query: MonitoringQuery): Promise<OutboxGauges> {
  const [row] = await query<{ depth: number; retrying: number; oldest: number; replies: number; replies_oldest: number }>(
    `SELECT count(*) FILTER (WHERE t.identifier = $1)::int AS depth,
            count(*) FILTER (WHERE t.identifier = $1 AND j.attempts > 0 AND j.locked_at IS NULL)::int AS retrying,
            coalesce(extract(epoch FROM now() - min(j.created_at) FILTER (WHERE t.identifier = $1)), 0)::float8 AS oldest,
            count(*) FILTER (WHERE t.identifier = $2)::int AS replies,
            coalesce(extract(epoch FROM now() - min(j.created_at) FILTER (WHERE t.identifier = $2)), 0)::float8 AS replies_oldest
       FROM graphile_worker._private_jobs j
       JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.attempts < j.max_attempts`,
    [SLACK_TASK, THREAD_REPLY_TASK],
  );
  return {
    depth: row?.depth ?? 0,
    retrying: row?.retrying ?? 0,
    oldestAgeSeconds: Math.max(0, row?.oldest ?? 0),
    repliesQueued: row?.replies ?? 0,
    repliesOldestAgeSeconds: Math.max(0, row?.replies_oldest ?? 0),
  };
}

/**
 * Per branch (every branch, zeros included): escalations waiting for someone (neither acknowledged
 * nor resolved) by kind, and open calls past their R6 arrival deadline without an arrival — the
 * calls the overdue scan alerts on (registered, assigned, accepted).
 */
export async function readCallGauges(query: MonitoringQuery, now: Date): Promise<CallGauges> {
  const [escalations, overdue] = await Promise.all([
    query<{ branch: string; kind: string; count: number }>(
      `SELECT b.code AS branch, k.kind::text AS kind, coalesce(o.count, 0)::int AS count
         FROM "Branch" b
        CROSS JOIN unnest(enum_range(NULL::"EscalationKind")) AS k(kind)
         LEFT JOIN (SELECT "branchId", kind, count(*) AS count FROM "Escalation"
                     WHERE "acknowledgedAt" IS NULL AND "resolvedAt" IS NULL
                     GROUP BY 1, 2) o ON o."branchId" = b.id AND o.kind = k.kind
        ORDER BY 1, 2`,
    ),
    query<{ branch: string; count: number }>(
      `SELECT b.code AS branch, coalesce(o.count, 0)::int AS count
         FROM "Branch" b
         LEFT JOIN (SELECT "branchId", count(*) AS count FROM "Ticket"
                     WHERE status IN ('REGISTERED', 'ASSIGNED', 'ACCEPTED') AND "arrivedAt" IS NULL AND "arrivalDeadline" < $1::timestamp
                     GROUP BY 1) o ON o."branchId" = b.id
        ORDER BY 1`,
      // Prisma stores UTC in timestamp columns without a zone; the zone of the ISO string is ignored.
      [now.toISOString()],
    ),
  ]);
  return { openEscalations: escalations, overdueCalls: overdue };
}
