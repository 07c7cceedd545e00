// `npm run bench:year` (or `npm run bench -- --year`): the overdue scan, the directors' daily
// summary and the technicians' monthly evaluation (R20/R22, goal ≤ 1 s) on a year of data (bench/year-data.ts: ≥ 1,000,000 tickets, a 50-technician branch).
// For each: p50/p95 of BENCH_YEAR_RUNS runs (default 20) on the app's own Prisma client, the SQL
// one run issues (captured with Prisma's query events) and each statement's EXPLAIN (ANALYZE,
// BUFFERS), summarised, with sequential scans on the big tables flagged. `--plans` prints the full
// plans, `--fresh` regenerates the data. The data is restored after the runs (the scan's escalations
// are removed again), so the next run measures the same thing. The completion-overdue scan (R12)
// runs on 30 parked calls given an expected completion an hour ago (the data has none), restored after.
import { performance } from "node:perf_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { Client } from "pg";
import { fixedClock } from "../src/clock";
import { createPrismaClient } from "../src/db/client";
import type { Db } from "../src/db";
import { PrismaClient } from "../src/generated/prisma/client";
import { raiseCompletionOverdue } from "../src/services/escalations/raise-completion-overdue";
import { raiseOverdueEscalations } from "../src/services/escalations/raise-overdue";
import { computeMonthlyEvaluation, type MonthlyEvaluation } from "../src/services/evaluations/compute-monthly-evaluation";
import { previousMonth } from "../src/domain/monthly-evaluation";
import { queueOfTicket } from "../src/services/outbox/enqueue";
import { openYearDatabase, type YearMeta } from "./year-data";

const RUNS = Number(process.env.BENCH_YEAR_RUNS ?? 20);
const ACTOR = "system:bench-year";
/** Parked calls the completion-overdue scan raises; the generated data has no expected completions. */
const PARKED_CALLS = 30;
/** Tables a sequential scan on is a finding: they grow by hundreds of thousands of rows a year. */
const BIG_TABLES = new Set(["Ticket", "WorkLog", "Charge", "PartUsage", "Assignment", "VisitReport", "Escalation", "AuditLog", "Survey"]);
const FLAGGED = new Set(["Ticket", "WorkLog", "Charge", "PartUsage", "Survey"]);
/** R20: the monthly evaluation of the 50-technician branch should take at most this long. */
const EVALUATION_GOAL_MS = 1000;

interface Captured {
  query: string;
  params: string;
  duration: number;
}

interface Operation {
  name: string;
  /** Untimed: puts the data in the state the run starts from. */
  prepare: () => Promise<void>;
  run: (db: Db) => Promise<unknown>;
  /** A line about what one run returned, to check it did the work. */
  describe: (result: unknown) => string;
}

interface Figures {
  name: string;
  samples: number[];
  statements: Captured[];
  result: string;
  plans: PlanSummary[];
}

interface PlanSummary {
  sql: string;
  calls: number;
  capturedMs: number;
  executionMs: number | null;
  nodes: string;
  buffers: string;
  seqScans: string[];
  text: string;
  error?: string;
}

/** Nearest-rank percentile, as bench/stats.ts computes p50/p99. */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function loggingClient(url: string, sink: Captured[]): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => sink.push({ query: event.query, params: event.params, duration: event.duration }));
  return client;
}

/** Removes what a run raised about these calls: escalations, audit rows and the Slack effects it queued (nobody delivers them here). */
async function removeRaised(admin: Client, meta: YearMeta, ticketIds: number[]): Promise<void> {
  await admin.query(`DELETE FROM "Escalation" WHERE "ticketId" = ANY($1) AND "raisedAt" = $2`, [ticketIds, meta.now]);
  await admin.query(`DELETE FROM "AuditLog" WHERE "ticketId" = ANY($1) AND actor = $2`, [ticketIds, ACTOR]);
  await admin.query(
    `DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_job_queues q WHERE j.job_queue_id = q.id AND q.queue_name = ANY($1)`,
    [ticketIds.map(queueOfTicket)],
  );
}

/** The bench's mutable state: the newly overdue calls unalerted, without escalations or audit rows from earlier runs. */
async function resetOverdue(admin: Client, meta: YearMeta): Promise<void> {
  await admin.query("BEGIN");
  await removeRaised(admin, meta, meta.newlyOverdueIds);
  await admin.query(`UPDATE "Ticket" SET "overdueAlertedAt" = NULL WHERE id = ANY($1)`, [meta.newlyOverdueIds]);
  await admin.query("COMMIT");
}

async function parkedCallIds(admin: Client): Promise<number[]> {
  const rows = await admin.query<{ id: number }>(`SELECT id FROM "Ticket" WHERE status IN ('ON_HOLD', 'IN_WORKSHOP') ORDER BY id DESC LIMIT $1`, [PARKED_CALLS]);
  return rows.rows.map((row) => row.id);
}

/** R12: the parked calls' expected completion passed an hour ago (or is gone, `expected` null, as generated), unalerted. */
async function resetParked(admin: Client, meta: YearMeta, parkedIds: number[], expected: "past" | null): Promise<void> {
  await admin.query("BEGIN");
  await removeRaised(admin, meta, parkedIds);
  await admin.query(`UPDATE "Ticket" SET "expectedCompletionAt" = $2, "completionAlertedAt" = NULL WHERE id = ANY($1)`, [parkedIds, expected ? new Date(meta.now.getTime() - 3_600_000) : null]);
  await admin.query("COMMIT");
}

async function markAllAlerted(admin: Client, meta: YearMeta): Promise<void> {
  await admin.query(`UPDATE "Ticket" SET "overdueAlertedAt" = $2 WHERE id = ANY($1)`, [meta.newlyOverdueIds, new Date(meta.now.getTime() - 60_000)]);
}

type Summary = (db: Db, options: { branchId: number; date: string }) => Promise<unknown>;

/** computeDirectorSummary is being written in parallel; without it the bench still runs the scan. */
async function loadSummary(): Promise<{ fn: Summary } | { missing: string }> {
  const modulePath = process.env.BENCH_SUMMARY_MODULE ?? "../src/services/reports/director-summary";
  try {
    const mod = (await import(modulePath)) as { computeDirectorSummary?: Summary };
    if (typeof mod.computeDirectorSummary !== "function") return { missing: `${modulePath} exports no computeDirectorSummary` };
    return { fn: mod.computeDirectorSummary };
  } catch (error) {
    return { missing: `${modulePath} could not be loaded: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
  }
}

function operations(admin: Client, meta: YearMeta, parkedIds: number[], summary: Summary | null): Operation[] {
  const clock = fixedClock(meta.now);
  const scan = (db: Db) => raiseOverdueEscalations({ db, clock }, { actor: ACTOR });
  const completionScan = (db: Db) => raiseCompletionOverdue({ db, clock }, { actor: ACTOR });
  const raised = (result: unknown) => `raised ${(result as unknown[]).length} escalation(s)`;
  const list: Operation[] = [
    { name: "overdue scan, nothing new (every minute)", prepare: () => markAllAlerted(admin, meta), run: scan, describe: raised },
    { name: `overdue scan, ${meta.newlyOverdueIds.length} newly overdue`, prepare: () => resetOverdue(admin, meta), run: scan, describe: raised },
    {
      name: "completion-overdue scan, nothing new (every minute)",
      prepare: async () => {
        await resetParked(admin, meta, parkedIds, "past");
        await admin.query(`UPDATE "Ticket" SET "completionAlertedAt" = $2 WHERE id = ANY($1)`, [parkedIds, new Date(meta.now.getTime() - 60_000)]);
      },
      run: completionScan,
      describe: raised,
    },
    { name: `completion-overdue scan, ${parkedIds.length} newly past their expected completion`, prepare: () => resetParked(admin, meta, parkedIds, "past"), run: completionScan, describe: raised },
  ];
  if (summary) {
    list.push({
      name: `directors' summary, BENCH, ${meta.summaryDate}`,
      prepare: async () => {
        await resetOverdue(admin, meta);
        await resetParked(admin, meta, parkedIds, null);
      },
      run: (db) => summary(db, { branchId: meta.benchBranchId, date: meta.summaryDate }),
      describe: (result) => {
        // The headline figures, to see that the day was summarised (keys as DirectorSummary has them).
        const r = result as Record<string, unknown>;
        const brief = { calls: r.calls, overdue: (r.overdue as { count?: number } | undefined)?.count, arrivals: r.arrivals, workshop: r.workshop, technicians: (r.hours as unknown[] | undefined)?.length, parts: (r.parts as unknown[] | undefined)?.length, fees: r.fees };
        const json = JSON.stringify(brief, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
        return json.length > 600 ? `${json.slice(0, 597)}…` : json;
      },
    });
  }
  // R20/R22: the previous month of the 50-technician branch, as the job computes it on the first working day.
  const month = previousMonth(meta.summaryDate);
  list.push({
    name: `monthly evaluation, BENCH, ${month}`,
    prepare: async () => {
      await resetOverdue(admin, meta);
      await resetParked(admin, meta, parkedIds, null);
    },
    run: (db) => computeMonthlyEvaluation(db, { branchId: meta.benchBranchId, month }),
    describe: (result) => {
      const e = result as MonthlyEvaluation;
      const sum = (pick: (t: MonthlyEvaluation["technicians"][number]) => number) => e.technicians.reduce((total, t) => total + pick(t), 0);
      return JSON.stringify({
        technicians: e.technicians.length,
        closed: sum((t) => t.counts.closed),
        surveyed: sum((t) => t.counts.surveyed),
        arrivals: sum((t) => t.counts.arrivals.withDeadline),
        onTime: sum((t) => t.counts.arrivals.onTime),
        hours: Math.round(sum((t) => t.verdicts.hoursTotal)),
        complaints: sum((t) => t.counts.complaints.received),
        flagged: e.technicians.filter((t) => t.verdicts.complaintLevel !== null).length,
      });
    },
  });
  return list;
}

function parseParams(params: string): unknown[] {
  try {
    const parsed = JSON.parse(params) as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, visit: (node: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/** EXPLAIN (ANALYZE, BUFFERS) of each distinct statement, replayed in order in one transaction that is rolled back. */
async function explain(admin: Client, statements: Captured[]): Promise<PlanSummary[]> {
  const byQuery = new Map<string, { first: Captured; calls: number; ms: number }>();
  for (const s of statements) {
    const entry = byQuery.get(s.query);
    if (entry) {
      entry.calls += 1;
      entry.ms += s.duration;
    } else byQuery.set(s.query, { first: s, calls: 1, ms: s.duration });
  }
  const plans: PlanSummary[] = [];
  await admin.query("BEGIN");
  try {
    for (const [sql, { first, calls, ms }] of byQuery) {
      const summary: PlanSummary = { sql, calls, capturedMs: ms, executionMs: null, nodes: "", buffers: "", seqScans: [], text: "" };
      plans.push(summary);
      if (!/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(sql)) {
        summary.nodes = "(not a query)";
        continue;
      }
      await admin.query("SAVEPOINT plan");
      try {
        const params = parseParams(first.params);
        const json = await admin.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
        const plan = (json.rows[0]["QUERY PLAN"] as { Plan: PlanNode; "Execution Time": number }[])[0];
        summary.executionMs = plan["Execution Time"];
        summary.buffers = `hit ${plan.Plan["Shared Hit Blocks"] ?? 0}, read ${plan.Plan["Shared Read Blocks"] ?? 0}`;
        const nodes: string[] = [];
        walk(plan.Plan, (node) => {
          if (node["Relation Name"] || node["Index Name"]) {
            const where = [node["Relation Name"], node["Index Name"]].filter(Boolean).join(".");
            nodes.push(`${node["Node Type"]} ${where} (${(node["Actual Rows"] ?? 0) * (node["Actual Loops"] ?? 1)} rows)`);
          }
          if (node["Node Type"] === "Seq Scan" && node["Relation Name"] && BIG_TABLES.has(node["Relation Name"])) summary.seqScans.push(node["Relation Name"]);
        });
        summary.nodes = nodes.join("; ") || plan.Plan["Node Type"];
        // The same statement, as text, for --plans (executed again: the replay is rolled back anyway).
        await admin.query("ROLLBACK TO SAVEPOINT plan");
        const text = await admin.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
        summary.text = text.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
        await admin.query("RELEASE SAVEPOINT plan");
      } catch (error) {
        await admin.query("ROLLBACK TO SAVEPOINT plan");
        summary.error = error instanceof Error ? error.message : String(error);
      }
    }
  } finally {
    await admin.query("ROLLBACK");
  }
  return plans;
}

async function measure(url: string, admin: Client, operation: Operation): Promise<Figures> {
  // One captured run (its own client with query events), then RUNS timed runs on the app's client.
  const captured: Captured[] = [];
  const logging = loggingClient(url, captured);
  const db = createPrismaClient(url);
  try {
    await operation.prepare();
    await operation.run(logging as unknown as Db); // warms the capturing client's connections
    captured.length = 0;
    await operation.prepare();
    const result = operation.describe(await operation.run(logging as unknown as Db));
    const statements = captured.filter((c) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SET|SHOW|DEALLOCATE)\b/i.test(c.query));
    await operation.prepare();
    await operation.run(db); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await operation.prepare();
      const started = performance.now();
      await operation.run(db);
      samples.push(performance.now() - started);
    }
    await operation.prepare();
    const plans = await explain(admin, statements);
    return { name: operation.name, samples, statements, result, plans };
  } finally {
    await logging.$disconnect();
    await db.$disconnect();
  }
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const oneLine = (sql: string, max = 110) => {
  const flat = sql.replace(/\s+/g, " ").replace(/"public"\./g, "").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function report(meta: YearMeta, counts: Record<string, number>, figures: Figures[], missing: string | null, showPlans: boolean): void {
  console.log(`\n## A year of data: ${counts.Ticket.toLocaleString("en")} tickets, ${counts.WorkLog.toLocaleString("en")} work logs, ${counts.Charge.toLocaleString("en")} charges, ${counts.PartUsage.toLocaleString("en")} part usages`);
  console.log(`clock ${meta.now.toISOString()} (Tue 15:00 Asia/Seoul), ${RUNS} timed runs each, node ${process.version}\n`);
  console.log("| operation | p50 | p95 | max | SQL statements / run | sum of statement times (captured run) | seq scans on big tables |");
  console.log("|---|---:|---:|---:|---:|---:|---|");
  for (const f of figures) {
    const seq = [...new Set(f.plans.flatMap((p) => p.seqScans))];
    const db = f.statements.reduce((sum, s) => sum + s.duration, 0);
    console.log(`| ${f.name} | ${ms(percentile(f.samples, 50))} | ${ms(percentile(f.samples, 95))} | ${ms(Math.max(...f.samples))} | ${f.statements.length} | ${ms(db)} | ${seq.length ? `**${seq.join(", ")}**` : "none"} |`);
  }
  if (missing) console.log(`| directors' summary | — | — | — | — | — | not measured: ${missing} |`);
  for (const f of figures) {
    console.log(`\n### ${f.name}\n${f.result}\n`);
    console.log("| calls / run | statement | plan (scans) | exec | buffers |");
    console.log("|---:|---|---|---:|---|");
    for (const p of f.plans) {
      const flag = p.seqScans.some((t) => FLAGGED.has(t)) ? " ⚠ SEQ SCAN" : "";
      const plan = p.error ? `EXPLAIN failed: ${p.error}` : `${p.nodes}${flag}`;
      console.log(`| ${p.calls} | \`${oneLine(p.sql).replace(/\|/g, "\\|")}\` | ${plan.replace(/\|/g, "\\|")} | ${p.executionMs === null ? "—" : ms(p.executionMs)} | ${p.buffers} |`);
    }
    if (showPlans) for (const p of f.plans.filter((x) => x.text)) console.log(`\n\`\`\`\n${p.sql}\n\n${p.text}\n\`\`\``);
  }
  const flagged = figures.flatMap((f) => f.plans.filter((p) => p.seqScans.some((t) => FLAGGED.has(t))).map((p) => `${f.name}: ${oneLine(p.sql, 200)}`));
  const flaggedNames = [...FLAGGED].join("/");
  console.log(flagged.length ? `\n⚠ sequential scans on ${flaggedNames}:\n${flagged.map((l) => `- ${l}`).join("\n")}` : `\nno sequential scan on ${flaggedNames}`);
  const evaluation = figures.find((f) => f.name.startsWith("monthly evaluation"));
  if (evaluation) {
    const p95 = percentile(evaluation.samples, 95);
    console.log(`\nmonthly evaluation of the 50-technician branch (R20/R22): p50 ${ms(percentile(evaluation.samples, 50))}, p95 ${ms(p95)}, ${evaluation.statements.length} SQL statement(s) per run — goal ≤ ${ms(EVALUATION_GOAL_MS)}: ${p95 <= EVALUATION_GOAL_MS ? "met" : "MISSED"}`);
  }
}

export async function runYearBench(argv: string[] = process.argv.slice(2)): Promise<void> {
  const database = await openYearDatabase({ fresh: argv.includes("--fresh") });
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  let parkedIds: number[] = [];
  try {
    const loaded = await loadSummary();
    const summary = "fn" in loaded ? loaded.fn : null;
    const missing = "missing" in loaded ? loaded.missing : null;
    if (missing) console.log(`directors' summary skipped: ${missing}`);
    const figures: Figures[] = [];
    parkedIds = await parkedCallIds(admin);
    for (const operation of operations(admin, database.meta, parkedIds, summary)) {
      console.log(`measuring: ${operation.name}`);
      try {
        figures.push(await measure(database.url, admin, operation));
      } catch (error) {
        console.log(`  failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      }
    }
    const counts: Record<string, number> = {};
    for (const table of ["Ticket", "WorkLog", "Charge", "PartUsage"]) counts[table] = Number((await admin.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
    report(database.meta, counts, figures, missing, argv.includes("--plans"));
  } finally {
    await resetOverdue(admin, database.meta).catch(() => undefined);
    await resetParked(admin, database.meta, parkedIds, null).catch(() => undefined);
    await admin.end();
    await database.close();
  }
}

if (require.main === module) {
  runYearBench().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
