// The gauges read from PostgreSQL when /metrics is scraped: one cheap statement each (index range
// scans; a few ms on a year of data, see README "Metrics"), run on a small pool of their own whose
// statements time out (src/db/monitoring.ts), so a scrape never waits long nor takes the app's connections.

export type MonitoringQuery = <T extends object>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface OutboxGauges {
  depth: number;
  retrying: number;
  oldestAgeSeconds: number;
}

export interface CallGauges {
  openEscalations: { branch: string; kind: string; count: number }[];
  overdueCalls: { branch: string; count: number }[];
}

/** graphile-worker's queue: jobs it still means to run (a job that used up its tries is not counted). */
export async function readOutboxGauges(query: MonitoringQuery): Promise<OutboxGauges> {
  const [row] = await query<{ depth: number; retrying: number; oldest: number }>(
    `SELECT count(*)::int AS depth,
            count(*) FILTER (WHERE attempts > 0 AND locked_at IS NULL)::int AS retrying,
            coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest
       FROM graphile_worker._private_jobs
      WHERE attempts < max_attempts`,
  );
  return { depth: row?.depth ?? 0, retrying: row?.retrying ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest ?? 0) };
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
