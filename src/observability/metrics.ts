// What an operator watches, in Prometheus' text format (GET /metrics, prom-client): Slack requests and
// their acks per listener, Web API calls by method and result, scheduled job runs, the database
// pool, and — read from PostgreSQL on each scrape, each read bounded — the outbox's queue, open
// escalations and overdue calls. One registry per running app (tests run several in one process).
import type { FetchFunction } from "@slack/web-api";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Log } from "../logger";
import { readCallGauges, readOutboxGauges, type MonitoringQuery } from "./gauges";

export interface PoolStats {
  /** The pool's size limit. */
  max: number;
  /** Connections open, idle or lent out. */
  total: number;
  idle: number;
  /** Callers waiting for a connection. */
  waiting: number;
}

export interface MetricsSources {
  /** Bounded reads for the gauges computed on scrape (src/db/monitoring.ts). */
  query?: MonitoringQuery;
  /** The app's database pool (src/db/client.ts). */
  pool?: () => PoolStats | undefined;
  /** "Now" for overdue calls: the app's clock. */
  now?: () => Date;
  log?: Log;
  /** Node's process metrics (CPU, memory, event loop lag, GC): once per process, so the bot's only. */
  processMetrics?: boolean;
}

/** What Slack asked for: a command, an action id, a view callback, an event type… */
export interface SlackRequestLabels {
  kind: string;
  listener: string;
}

export type JobRunOutcome = "ran" | "failed" | "skipped-claimed";

export interface Metrics {
  readonly registry: Registry;
  /** The text exposition and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
  slackRequestStarted(labels: SlackRequestLabels): void;
  slackRequestAcked(labels: SlackRequestLabels, seconds: number): void;
  slackRequestFinished(labels: SlackRequestLabels, seconds: number, acked: boolean): void;
  /** The HTTP endpoint refused a request before Bolt saw it (400, 401, 413). */
  slackRequestRefused(status: number): void;
  /** A fetch for WebClientOptions.fetch (and Bolt's respond()) that counts every call to Slack. */
  slackFetch(base?: FetchFunction): FetchFunction;
  jobRun(job: string, outcome: JobRunOutcome, seconds: number): void;
}

const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const WORK_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900];

export function createMetrics(sources: MetricsSources = {}): Metrics {
  const registry = new Registry();
  if (sources.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const failedRead = (source: string) => (error: unknown) => {
    scrapeErrors.inc({ source });
    sources.log?.warn("metrics: a read for /metrics failed", { source, error });
    return undefined;
  };
  // Several gauges share a read; prom-client collects them side by side within one scrape.
  const query = sources.query;
  const now = sources.now ?? (() => new Date());
  const outbox = query && sharedPerScrape(() => readOutboxGauges(query).catch(failedRead("outbox")));
  const calls = query && sharedPerScrape(() => readCallGauges(query, now()).catch(failedRead("calls")));
  const scrapeErrors = new Counter({
    name: "servicedesk_metrics_read_errors_total",
    help: "Reads for gauges computed on scrape that failed or took too long, by source",
    labelNames: ["source"],
    registers,
    // This scrape's failures count in this scrape.
    async collect() {
      await Promise.all([outbox?.(), calls?.()]);
    },
  });

  // Slack requests: one per HTTP request or Socket Mode envelope that reached Bolt.
  const requests = new Counter({ name: "servicedesk_slack_requests_total", help: "Slack requests handled, by listener", labelNames: ["kind", "listener"], registers });
  const notAcked = new Counter({
    name: "servicedesk_slack_requests_not_acked_total",
    help: "Slack requests that ended without an ack (Slack shows the person an error; dropped while stopping)",
    labelNames: ["kind", "listener"],
    registers,
  });
  const ackSeconds = new Histogram({
    name: "servicedesk_slack_ack_seconds",
    help: "Time from a Slack request's arrival to its ack (Slack allows 3 s)",
    labelNames: ["kind", "listener"],
    buckets: ACK_BUCKETS,
    registers,
  });
  const requestSeconds = new Histogram({
    name: "servicedesk_slack_request_seconds",
    help: "Time from a Slack request's arrival to the end of its work, post-ack work included",
    labelNames: ["kind", "listener"],
    buckets: WORK_BUCKETS,
    registers,
  });
  const inFlight = new Gauge({ name: "servicedesk_slack_requests_in_flight", help: "Slack requests being handled (before or after their ack)", registers });
  const refused = new Counter({
    name: "servicedesk_slack_requests_refused_total",
    help: "HTTP requests refused before Bolt: 400 malformed, 401 bad signature or timestamp, 413 too large",
    labelNames: ["status"],
    registers,
  });

  // Web API calls, as the WebClient's fetch sees them (each try counts).
  const apiCalls = new Counter({
    name: "servicedesk_slack_api_calls_total",
    help: "Slack Web API calls by method and result: ok, Slack's error code, ratelimited (HTTP 429), http_<status>, timeout, network_error",
    labelNames: ["method", "result"],
    registers,
  });
  const apiSeconds = new Histogram({ name: "servicedesk_slack_api_call_seconds", help: "Slack Web API call duration by method", labelNames: ["method"], buckets: WORK_BUCKETS, registers });

  // Scheduled jobs (src/jobs/runner.ts): claimed periods only, not the ticks that found nothing due.
  const jobRuns = new Counter({ name: "servicedesk_job_runs_total", help: "Scheduled job periods by outcome: ran, failed, skipped-claimed (another replica or tick had it)", labelNames: ["job", "outcome"], registers });
  const jobSeconds = new Histogram({ name: "servicedesk_job_run_seconds", help: "Scheduled job period duration by outcome", labelNames: ["job", "outcome"], buckets: JOB_BUCKETS, registers });
  const jobLastSuccess = new Gauge({ name: "servicedesk_job_last_success_timestamp_seconds", help: "When a job's period last ran to the end in this process (Unix time)", labelNames: ["job"], registers });

  if (sources.pool) {
    const pool = sources.pool;
    new Gauge({
      name: "servicedesk_db_pool_connections",
      help: "The app's database pool: connections in use and idle",
      labelNames: ["state"],
      registers,
      collect() {
        const stats = pool();
        if (!stats) return;
        this.set({ state: "in_use" }, stats.total - stats.idle);
        this.set({ state: "idle" }, stats.idle);
      },
    });
    new Gauge({
      name: "servicedesk_db_pool_waiting",
      help: "Queries waiting for a connection of the app's database pool",
      registers,
      collect() {
        const stats = pool();
        if (stats) this.set(stats.waiting);
      },
    });
    new Gauge({
      name: "servicedesk_db_pool_max",
      help: "The app's database pool size",
      registers,
      collect() {
        const stats = pool();
        if (stats) this.set(stats.max);
      },
    });
  }

  // A failed read shows as NaN (unknown), not as an empty queue.
  if (outbox && calls) {
    new Gauge({
      name: "servicedesk_outbox_depth",
      help: "Slack effects queued in the outbox (waiting, running or waiting for a retry)",
      registers,
      async collect() {
        const read = await outbox();
        this.set(read ? read.depth : NaN);
      },
    });
    new Gauge({
      name: "servicedesk_outbox_retrying",
      help: "Slack effects that failed at least once and wait for their next try",
      registers,
      async collect() {
        const read = await outbox();
        this.set(read ? read.retrying : NaN);
      },
    });
    new Gauge({
      name: "servicedesk_outbox_oldest_age_seconds",
      help: "Age of the oldest Slack effect still queued (0 when the queue is empty)",
      registers,
      async collect() {
        const read = await outbox();
        this.set(read ? read.oldestAgeSeconds : NaN);
      },
    });
    new Gauge({
      name: "servicedesk_thread_replies_queued",
      help: "Technicians' thread replies acked and queued, not yet handled (waiting, running or waiting for a retry)",
      registers,
      async collect() {
        const read = await outbox();
        this.set(read ? read.repliesQueued : NaN);
      },
    });
    new Gauge({
      name: "servicedesk_thread_replies_oldest_age_seconds",
      help: "Age of the oldest thread reply still queued (0 when none waits)",
      registers,
      async collect() {
        const read = await outbox();
        this.set(read ? read.repliesOldestAgeSeconds : NaN);
      },
    });
    new Gauge({
      name: "servicedesk_escalations_open",
      help: "Escalations raised and neither acknowledged nor resolved, by branch and kind",
      labelNames: ["branch", "kind"],
      registers,
      async collect() {
        const read = await calls();
        this.reset();
        for (const row of read?.openEscalations ?? []) this.set({ branch: row.branch, kind: row.kind }, row.count);
      },
    });
    new Gauge({
      name: "servicedesk_calls_overdue",
      help: "R7: open calls past their arrival deadline without an arrival, by branch",
      labelNames: ["branch"],
      registers,
      async collect() {
        const read = await calls();
        this.reset();
        for (const row of read?.overdueCalls ?? []) this.set({ branch: row.branch }, row.count);
      },
    });
  }

  const recordApiCall = (method: string, result: string) => apiCalls.inc({ method, result });

  return {
    registry,
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    slackRequestStarted() {
      inFlight.inc();
    },
    slackRequestAcked(labels, seconds) {
      ackSeconds.observe({ ...labels }, seconds);
    },
    slackRequestFinished(labels, seconds, acked) {
      inFlight.dec();
      requests.inc({ ...labels });
      requestSeconds.observe({ ...labels }, seconds);
      if (!acked) notAcked.inc({ ...labels });
    },
    slackRequestRefused(status) {
      refused.inc({ status: String(status) });
    },
    slackFetch(base = globalThis.fetch) {
      return async (url, init) => {
        const method = slackMethodOf(String(url));
        const stop = apiSeconds.startTimer({ method });
        try {
          const response = await base(url, init);
          if (response.status === 429) recordApiCall(method, "ratelimited");
          else if (response.status !== 200) recordApiCall(method, `http_${response.status}`);
          else if (method === "response_url" || method === "other") recordApiCall(method, "ok");
          else {
            // The WebClient reads the body after us: it gets a copy of what we read.
            const text = await response.text();
            recordApiCall(method, resultOf(text));
            return new Response(text, { status: response.status, statusText: response.statusText, headers: [...response.headers.entries()] });
          }
          return response;
        } catch (error) {
          recordApiCall(method, isTimeout(error) ? "timeout" : "network_error");
          throw error;
        } finally {
          stop();
        }
      };
    },
    jobRun(job, outcome, seconds) {
      jobRuns.inc({ job, outcome });
      jobSeconds.observe({ job, outcome }, seconds);
      if (outcome === "ran") jobLastSuccess.set({ job }, Date.now() / 1000);
    },
  };
}

/** `chat.postMessage` from …/api/chat.postMessage; Bolt's respond() posts to a response_url. */
export function slackMethodOf(url: string): string {
  const path = url.split("?")[0];
  const method = /\/api\/([A-Za-z0-9_.]{1,64})$/.exec(path)?.[1];
  if (method) return method;
  return /\/(commands|actions)\//.test(path) ? "response_url" : "other";
}

/** `ok`, or Slack's error code (`channel_not_found`, `ratelimited`…) from a Web API answer. */
function resultOf(text: string): string {
  try {
    const body = JSON.parse(text) as { ok?: unknown; error?: unknown };
    if (body.ok === true) return "ok";
    return typeof body.error === "string" && /^[a-z0-9_]{1,64}$/.test(body.error) ? body.error : "error";
  } catch {
    return "invalid_response";
  }
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "TimeoutError" || name === "AbortError";
}

/** One read per scrape however many gauges ask for it (they are collected side by side). */
function sharedPerScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= read().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
