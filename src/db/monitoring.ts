// A small pool of its own for the reads /metrics makes on each scrape: a slow or frozen database
// makes a scrape fail within about two seconds instead of hanging, and a scrape never takes (or
// waits for) a connection of the app's pool.
import { Pool } from "pg";
import type { Log } from "../logger";
import type { MonitoringQuery } from "../observability/gauges";

export interface MonitoringDatabase {
  query: MonitoringQuery;
  close(): Promise<void>;
}

export const MONITORING_TIMEOUT_MS = 2_000;

export function openMonitoringDatabase(url: string, log: Log): MonitoringDatabase {
  const pool = new Pool({
    connectionString: url,
    max: 2,
    connectionTimeoutMillis: MONITORING_TIMEOUT_MS,
    statement_timeout: MONITORING_TIMEOUT_MS,
    query_timeout: MONITORING_TIMEOUT_MS + 500,
    idleTimeoutMillis: 60_000,
    application_name: "servicedesk-metrics",
  });
  pool.on("error", (error) => log.warn("metrics: a pooled database connection failed", { error }));
  return {
    query: async <T extends object>(sql: string, params: unknown[] = []) => (await pool.query<T>(sql, params)).rows,
    close: () => pool.end(),
  };
}
