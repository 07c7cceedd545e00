// A year of service-desk data for `npm run bench:year`, generated inside PostgreSQL with set-based
// SQL (INSERT … SELECT over generate_series), in database `servicedesk_bench_year`.
//
// Branch BENCH (Asia/Seoul, Mon–Fri 09:00–18:00, Korean public holidays): 50 technicians, 6
// dispatchers, a director, a manager and a parts clerk; branch BENCH2 (15 technicians) so that branch
// filters matter. About 4,100 calls per working day between them over the working days from
// 2025-11-25 to the bench's "now", Tuesday 2026-11-24 15:00 KST: ≥ 1,000,000 tickets. Each call
// follows one timeline (assigned, accepted, arrived — 7% after the R6 deadline —, resolved, closed;
// 2% cancelled, 2% taken to the workshop, some carried over to the next day) and its status is
// where "now" falls on it, so almost all are CLOSED and the open ones are the recent ones. Late
// arrivals have their OVERDUE escalation (acknowledged); the 30 calls that became overdue most
// recently are not alerted yet, so the overdue scan has something to do. Assignments (3% with a
// declined one before), visit reports, work logs (1–3 per visit, plus internal D hours), part
// usages, charges (category A), daily work reports, custody receipts with goods in/out, 50,000
// customers, 60,000 pieces of equipment, 15,000 contracts, 500 parts; a survey for every call closed
// a day before "now" (88% answered, 97% of answers satisfied or very satisfied) and a complaint on
// 1 in 4,000 closed calls (two thirds substantiated), for the monthly evaluation (R20/R22). Not
// generated: audit history, part loans, director reports.
//
// `npx tsx bench/year-data.ts [--fresh]` generates (or reuses) it and prints row counts.
// Server: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else an embedded PostgreSQL whose data
// directory (in the OS temp directory) is kept between runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { startEmbeddedPostgres } from "../src/db/embedded";
import { migrate } from "../src/db/migrator";
import { silentLog } from "../src/logger";
import { withDatabase } from "../test/support/db-names";

/** Bump when the generated data changes: a database of another version is generated afresh. */
export const GENERATION_VERSION = 5;
export const YEAR_DATABASE = "servicedesk_bench_year";

/** The bench's "now": a busy working day, Tuesday 15:00 in Seoul. */
export const BENCH_NOW = new Date("2026-11-24T06:00:00.000Z");
/** Yesterday in Seoul: the last complete working day, the one the directors' summary covers. */
export const SUMMARY_DATE = "2026-11-23";
const FIRST_DAY = "2025-11-25";
const TARGET_TICKETS = 1_020_000;
/** Share of each working day's calls that go to BENCH; the rest go to BENCH2. */
const BENCH_SHARE = 0.83;
const NEWLY_OVERDUE = 30;
const NOW_SQL = `timestamp '${BENCH_NOW.toISOString().replace("T", " ").replace("Z", "")}'`;

// Weekday public holidays in Korea within the year (the branch is closed; no calls are received).
const HOLIDAYS = [
  "2025-12-25", "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-03-02", "2026-05-05", "2026-05-25",
  "2026-06-03", "2026-08-17", "2026-09-24", "2026-09-25", "2026-10-05", "2026-10-09",
];

export const BRANCHES = {
  bench: { id: 1, code: "BENCH", technicians: { first: 1, count: 50 }, dispatchers: { first: 101, count: 6 }, directorId: 201, customers: { first: 1, count: 40_000 } },
  other: { id: 2, code: "BENCH2", technicians: { first: 51, count: 15 }, dispatchers: { first: 107, count: 2 }, directorId: 202, customers: { first: 40_001, count: 10_000 } },
} as const;

export interface YearMeta {
  version: number;
  generatedAt: Date;
  generationSeconds: number;
  now: Date;
  summaryDate: string;
  benchBranchId: number;
  otherBranchId: number;
  /** Calls that became overdue most recently and are not alerted yet (the overdue scan raises them). */
  newlyOverdueIds: number[];
}

export interface YearDatabase {
  url: string;
  meta: YearMeta;
  /** Whether this run generated the data (false: reused). */
  generated: boolean;
  close(): Promise<void>;
}

type Say = (line: string) => void;

/** The server to use: BENCH_DATABASE_URL or TEST_DATABASE_URL, else an embedded one kept in the temp directory. */
async function openServer(say: Say): Promise<{ serverUrl: string; stop: () => Promise<void> }> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (given) return { serverUrl: given, stop: async () => undefined };
  const dir = path.join(os.tmpdir(), "servicedesk-bench-year");
  fs.mkdirSync(dir, { recursive: true });
  say(`no BENCH_DATABASE_URL / TEST_DATABASE_URL: embedded PostgreSQL with data in ${dir}`);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 20000 + Math.floor(Math.random() * 20000), database: "postgres", log: silentLog });
  return { serverUrl: server.url, stop: () => server.stop() };
}

/** Opens (generating it first if needed, or when `fresh`) the year's database. */
export async function openYearDatabase(options: { fresh?: boolean; say?: Say } = {}): Promise<YearDatabase> {
  const say = options.say ?? ((line: string) => console.log(line));
  const server = await openServer(say);
  const url = withDatabase(server.serverUrl, YEAR_DATABASE);
  try {
    const admin = new Client({ connectionString: withDatabase(server.serverUrl, "postgres") });
    await admin.connect();
    let exists: boolean;
    try {
      exists = ((await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [YEAR_DATABASE])).rowCount ?? 0) > 0;
      let meta = exists && !options.fresh ? await readMeta(url) : null;
      if (meta && meta.version === GENERATION_VERSION) {
        // Later migrations apply on top of the data (new columns are nullable or have defaults).
        await migrate({ url, log: silentLog });
        say(`reusing ${YEAR_DATABASE} (generation v${meta.version}, generated ${meta.generatedAt.toISOString()} in ${meta.generationSeconds.toFixed(0)} s; --fresh regenerates)`);
        return { url, meta, generated: false, close: server.stop };
      }
      if (exists) await admin.query(`DROP DATABASE "${YEAR_DATABASE}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${YEAR_DATABASE}"`);
      await migrate({ url, log: silentLog });
      meta = await generate(url, say);
      return { url, meta, generated: true, close: server.stop };
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function readMeta(url: string): Promise<YearMeta | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('public.bench_year_meta') AS t");
    if (!table.rows[0].t) return null;
    const row = (await client.query("SELECT meta FROM bench_year_meta WHERE complete")).rows[0] as { meta: Record<string, unknown> } | undefined;
    if (!row) return null;
    const m = row.meta;
    return {
      version: Number(m.version),
      generatedAt: new Date(String(m.generatedAt)),
      generationSeconds: Number(m.generationSeconds),
      now: new Date(String(m.now)),
      summaryDate: String(m.summaryDate),
      benchBranchId: Number(m.benchBranchId),
      otherBranchId: Number(m.otherBranchId),
      newlyOverdueIds: (m.newlyOverdueIds as number[]).map(Number),
    };
  } finally {
    await client.end();
  }
}

/** Tables whose secondary indexes are dropped during the load and rebuilt after it (faster in bulk). */
const BULK_TABLES = ["Ticket", "Assignment", "VisitReport", "WorkLog", "PartUsage", "Charge", "Escalation", "CustodyReceipt", "GoodsMovement", "DailyWorkReport", "Survey", "Complaint"];

async function generate(url: string, say: Say): Promise<YearMeta> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    const result = await client.query(sql, params);
    say(`  ${label.padEnd(34)} ${String(result.rowCount ?? "").padStart(9)} rows  ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
  };
  try {
    say(`generating a year of data in ${YEAR_DATABASE} (generation v${GENERATION_VERSION})`);
    await client.query("SET maintenance_work_mem = '512MB'");
    await client.query("SET work_mem = '256MB'");
    await client.query("SET synchronous_commit = off");
    // Foreign-key triggers off for the load (the data is consistent by construction); needs a superuser.
    const replica = await client.query("SET session_replication_role = replica").then(
      () => true,
      () => false,
    );
    if (!replica) say("  (not a superuser: foreign keys are checked row by row; generation is slower)");
    await client.query("SELECT setseed(0.42)");

    const indexes = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
         WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [BULK_TABLES],
    );
    for (const index of indexes.rows) await client.query(`DROP INDEX "${index.indexname}"`);

    await client.query("BEGIN");
    await reference(step);
    const counts = await plan(client, step);
    await tickets(step);
    await children(step);
    await client.query("COMMIT");

    const t0 = performance.now();
    for (const index of indexes.rows) await client.query(index.indexdef);
    say(`  ${"rebuild secondary indexes".padEnd(34)} ${String(indexes.rows.length).padStart(9)} idx   ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
    await step("sequences", SEQUENCES_SQL);
    await client.query("DROP TABLE IF EXISTS bench_day, bench_plan");
    await client.query("RESET session_replication_role");
    const t1 = performance.now();
    await client.query("VACUUM (ANALYZE)");
    say(`  ${"VACUUM (ANALYZE)".padEnd(34)} ${"".padStart(9)}       ${((performance.now() - t1) / 1000).toFixed(1).padStart(6)} s`);

    const newly = await client.query<{ id: number }>(`SELECT id FROM "Ticket" WHERE "overdueAlertedAt" IS NULL AND status IN ('REGISTERED','ASSIGNED','ACCEPTED') AND "arrivedAt" IS NULL AND "arrivalDeadline" < $1 ORDER BY id`, [BENCH_NOW]);
    const meta: YearMeta = {
      version: GENERATION_VERSION,
      generatedAt: new Date(),
      generationSeconds: (performance.now() - started) / 1000,
      now: BENCH_NOW,
      summaryDate: SUMMARY_DATE,
      benchBranchId: BRANCHES.bench.id,
      otherBranchId: BRANCHES.other.id,
      newlyOverdueIds: newly.rows.map((r) => r.id),
    };
    await client.query("CREATE TABLE bench_year_meta (complete boolean NOT NULL, meta jsonb NOT NULL)");
    await client.query("INSERT INTO bench_year_meta VALUES (true, $1)", [JSON.stringify(meta)]);
    say(`generated in ${meta.generationSeconds.toFixed(0)} s: ${counts.workingDays} working days, ${counts.perDay} calls per working day (BENCH ${counts.perBench}, BENCH2 ${counts.perDay - counts.perBench})`);
    return meta;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

type Step = (label: string, sql: string, params?: unknown[]) => Promise<void>;

const B = BRANCHES.bench;
const O = BRANCHES.other;

async function reference(step: Step): Promise<void> {
  await step(
    "branches",
    `INSERT INTO "Branch" (id, code, name, "timeZone", "dispatchChannelId", "directorsChannelId", "labourRate", currency, "updatedAt") VALUES
      (${B.id}, '${B.code}', 'Bench branch (Seoul)', 'Asia/Seoul', 'C0BENCHDSP', 'C0BENCHDIR', 50000, 'KRW', now()),
      (${O.id}, '${O.code}', 'Second branch (Seoul)', 'Asia/Seoul', 'C0BENCH2DSP', 'C0BENCH2DIR', 45000, 'KRW', now())`,
  );
  await step(
    "working hours, holidays",
    `WITH wh AS (INSERT INTO "WorkingHours" ("branchId", weekday, "opensAt", "closesAt")
       SELECT b, wd, 540, 1080 FROM unnest(ARRAY[${B.id}, ${O.id}]) b, generate_series(1, 5) wd RETURNING 1)
     INSERT INTO "Holiday" ("branchId", date, name) SELECT b, d::date, 'Public holiday' FROM unnest(ARRAY[${B.id}, ${O.id}]) b, unnest($1::date[]) d`,
    [HOLIDAYS],
  );
  const staff = (first: number, count: number, branch: number, role: string, label: string) =>
    `SELECT g, 'U0YR' || lpad(g::text, 4, '0'), '${label} ' || (g - ${first} + 1), ${branch}, ARRAY['${role}']::"Role"[],
            ${role === "TECHNICIAN" ? `ARRAY['compressor', 'refrigeration', 'electrical']` : `'{}'::text[]`},
            ${role === "TECHNICIAN" ? `CASE WHEN g % 3 = 0 THEN ARRAY['SUBURBAN']::"Area"[] ELSE ARRAY['URBAN', 'SUBURBAN']::"Area"[] END` : `'{}'::"Area"[]`},
            'staff' || g || '@bench.example', '010-5550-' || lpad(g::text, 4, '0'), now()
       FROM generate_series(${first}, ${first + count - 1}) g`;
  await step(
    "staff",
    `INSERT INTO "Staff" (id, "slackUserId", name, "branchId", roles, skills, areas, email, phone, "updatedAt")
     ${staff(B.technicians.first, B.technicians.count, B.id, "TECHNICIAN", "Technician")}
     UNION ALL ${staff(O.technicians.first, O.technicians.count, O.id, "TECHNICIAN", "Technician")}
     UNION ALL ${staff(B.dispatchers.first, B.dispatchers.count, B.id, "DISPATCHER", "Dispatcher")}
     UNION ALL ${staff(O.dispatchers.first, O.dispatchers.count, O.id, "DISPATCHER", "Dispatcher")}
     UNION ALL ${staff(B.directorId, 1, B.id, "DIRECTOR", "Director")}
     UNION ALL ${staff(O.directorId, 1, O.id, "DIRECTOR", "Director")}
     UNION ALL ${staff(301, 1, B.id, "MANAGER", "Manager")}
     UNION ALL ${staff(401, 1, B.id, "PARTS_CLERK", "Parts clerk")}`,
  );
  await step(
    "customers",
    `INSERT INTO "Customer" (id, code, name, address, phone, "contactPerson", area, grade, "branchId", "updatedAt", "nameSearchKey")
     SELECT g, 'CU' || lpad(g::text, 6, '0'),
            (ARRAY['Hana','Daehan','Seoul','Hanil','Samil','Mirae','Saerom','Haneul','Gukje','Dongbang','Pyeonghwa','Jungang','Sejong','Baekje','Shinhan','Taeyang','Donga','Hyundai','Kumho','Yuhan'])[1 + g % 20]
              || ' ' || (ARRAY['Foods','Motors','Clinic','Mart','Bakery','Hotel','Logistics','Pharmacy','Cafe','Restaurant','School','Hospital','Fisheries','Cold Storage','Butchery'])[1 + (g / 20) % 15]
              || ' ' || g,
            g || ' Service-ro, Seoul', '02-' || lpad((g % 9000 + 1000)::text, 4, '0') || '-' || lpad((g % 10000)::text, 4, '0'),
            'Contact ' || g, CASE WHEN g % 4 = 0 THEN 'SUBURBAN' ELSE 'URBAN' END::"Area",
            CASE WHEN g % 10 = 0 THEN 'A' WHEN g % 10 < 4 THEN 'B' ELSE 'C' END::"CustomerGrade",
            CASE WHEN g < ${O.customers.first} THEN ${B.id} ELSE ${O.id} END, now(),
            '' -- Latin names: no Korean or Chinese search key (domain/name-search.ts)
       FROM generate_series(1, ${B.customers.count + O.customers.count}) g`,
  );
  // Every customer has equipment id = its own id; every fifth one a second (id 50000 + id / 5).
  await step(
    "equipment",
    `INSERT INTO "Equipment" (id, "customerId", model, serial, "acceptanceDate", "warrantyEnd", "updatedAt")
     SELECT e, c, 'AC-' || (100 + (e % 9) * 100), 'SNY' || lpad(e::text, 7, '0'), date '2024-01-01' + (e % 900), date '2025-01-01' + (e % 900), now()
       FROM (SELECT g AS e, g AS c FROM generate_series(1, 50000) g
             UNION ALL SELECT 50000 + g / 5, g FROM generate_series(5, 50000, 5) g) x`,
  );
  // Customers with id % 10 in 1..3 have a maintenance contract, id = the customer's id.
  await step(
    "contracts",
    `INSERT INTO "Contract" (id, number, "customerId", "branchId", "startsOn", "endsOn", status, "updatedAt")
     SELECT g, 'MC-' || lpad(g::text, 6, '0'), g, CASE WHEN g < ${O.customers.first} THEN ${B.id} ELSE ${O.id} END,
            date '2025-06-01' + (g % 365), date '2026-06-01' + (g % 365), 'ACTIVE', now()
       FROM generate_series(1, 50000) g WHERE g % 10 BETWEEN 1 AND 3`,
  );
  await step(
    "parts, stock",
    `WITH p AS (INSERT INTO "Part" (id, "partNo", name, "unitPrice", serialised, "updatedAt")
       SELECT g, 'P-' || lpad(g::text, 5, '0'), 'Part ' || g, 5000 + (g * 7919 % 200) * 1000, g % 10 = 0, now() FROM generate_series(1, 500) g RETURNING id)
     INSERT INTO "PartStock" ("partId", "branchId", quantity) SELECT id, b, 20 + id % 50 FROM p, unnest(ARRAY[${B.id}, ${O.id}]) b`,
  );
}

/**
 * The plan of every call: one timeline per call, with the status where BENCH_NOW falls on it.
 * Seoul is UTC+9 all year, so a working minute m (0–539 after 09:00 local) is `day + m minutes` UTC.
 */
async function plan(client: Client, step: Step): Promise<{ workingDays: number; perDay: number; perBench: number }> {
  await step(
    "working days",
    `CREATE TEMP TABLE bench_day AS
     SELECT day, lead(day) OVER w AS nextday, lead(day, 2) OVER w AS nextday2
       FROM (SELECT d::date AS day FROM generate_series(date '${FIRST_DAY}', date '${FIRST_DAY}' + 400, interval '1 day') d
              WHERE extract(isodow FROM d) < 6 AND NOT (d::date = ANY($1::date[]))) x
     WINDOW w AS (ORDER BY day)`,
    [HOLIDAYS],
  );
  await client.query(`DELETE FROM bench_day WHERE day > $1::date`, [BENCH_NOW.toISOString().slice(0, 10)]);
  const days = Number((await client.query("SELECT count(*) AS n FROM bench_day")).rows[0].n);
  const nowMinute = (BENCH_NOW.getUTCHours() * 60 + BENCH_NOW.getUTCMinutes()) / 540; // share of today already worked
  const perDay = Math.ceil(TARGET_TICKETS / (days - 1 + nowMinute));
  const perBench = Math.round(perDay * BENCH_SHARE);
  // Working-minute arithmetic (R6) for 09:00–18:00: minute m of `d` may run into the next two working days.
  await client.query(`CREATE FUNCTION pg_temp.wadd(d date, nd date, nd2 date, mins int) RETURNS timestamp LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN mins <= 540 THEN d + make_interval(mins => mins)
                WHEN mins <= 1080 THEN nd + make_interval(mins => mins - 540)
                ELSE nd2 + make_interval(mins => least(mins - 1080, 539)) END $$`);
  const now = NOW_SQL;
  await step(
    "plan calls (timelines, statuses)",
    `CREATE TEMP TABLE bench_plan AS
     WITH raw AS (
       SELECT b.branch_id, b.tech_first, b.tech_n, b.disp_first, b.disp_n, b.director_id, d.day, d.nextday, d.nextday2, s,
              floor(random() * 540)::int AS m, b.cust_first + floor(random() * b.cust_n)::int AS customer_id,
              random() AS r_cat, random() AS r_fate, random() AS r_tech, random() AS r_arrive, random() AS r_dur,
              random() AS r_x, random() AS r_y, random() AS r_z
         FROM bench_day d
         CROSS JOIN (VALUES (${B.id}, ${perBench}, ${B.customers.first}, ${B.customers.count}, ${B.technicians.first}, ${B.technicians.count}, ${B.dispatchers.first}, ${B.dispatchers.count}, ${B.directorId}),
                            (${O.id}, ${perDay - perBench}, ${O.customers.first}, ${O.customers.count}, ${O.technicians.first}, ${O.technicians.count}, ${O.dispatchers.first}, ${O.dispatchers.count}, ${O.directorId}))
                AS b(branch_id, n, cust_first, cust_n, tech_first, tech_n, disp_first, disp_n, director_id)
         CROSS JOIN LATERAL generate_series(1, b.n) s
     ), base AS (
       SELECT r.*, r.day + make_interval(mins => r.m) AS received,
              CASE WHEN r.customer_id % 4 = 0 THEN 420 ELSE 360 END AS w,
              r.tech_first + floor(r.r_tech * r.tech_n)::int AS tech_id,
              r.disp_first + s % r.disp_n AS dispatcher_id,
              CASE WHEN r.customer_id % 5 = 0 AND r.r_x < 0.5 THEN 50000 + r.customer_id / 5 ELSE r.customer_id END AS equipment_id,
              CASE WHEN r.customer_id % 10 BETWEEN 1 AND 3 AND r.r_cat < 0.8 THEN 'B_CONTRACT'
                   WHEN r.r_y < 0.60 THEN 'A_PAID' WHEN r.r_y < 0.88 THEN 'C_WARRANTY' ELSE 'D_INTERNAL' END AS category,
              r.m >= 480 AND r.r_x >= 0.9 AS carried,
              r.r_fate < 0.02 AS cancelled,
              r.r_x < 0.02 OR r.r_fate BETWEEN 0.9998 AND 0.9999 AS workshop,
              r.r_fate > 0.9999 AS on_hold
         FROM raw r
        WHERE r.day + make_interval(mins => r.m) < ${now}
     ), timeline AS (
       SELECT b.*,
              pg_temp.wadd(b.day, b.nextday, b.nextday2, b.m + b.w) AS deadline,
              CASE WHEN b.carried THEN b.nextday + make_interval(mins => 5 + floor(b.r_dur * 20)::int)
                   ELSE b.received + make_interval(mins => 3 + floor(b.r_dur * 12)::int) END AS t_assigned,
              -- arrival, in working minutes after receipt: 93% within the deadline, 7% up to 3 hours late
              CASE WHEN b.r_arrive < 0.93 THEN greatest(round(b.w * (0.1 + 0.5 * b.r_arrive / 0.93))::int, CASE WHEN b.carried THEN 570 - b.m + floor(b.r_z * 60)::int ELSE 0 END)
                   ELSE b.w + 5 + round((b.r_arrive - 0.93) / 0.07 * 175)::int END AS arrive_after
         FROM base b
     ), times AS (
       SELECT t.*,
              t.t_assigned + make_interval(mins => 2 + floor(t.r_z * 8)::int) AS t_accepted,
              pg_temp.wadd(t.day, t.nextday, t.nextday2, t.m + t.arrive_after) AS t_arrived,
              t.received + make_interval(mins => 10 + floor(t.r_z * 100)::int) AS t_cancelled
         FROM timeline t
     ), times2 AS (
       SELECT t.*,
              CASE WHEN t.on_hold OR t.r_fate BETWEEN 0.9998 AND 0.9999 THEN NULL
                   WHEN t.workshop THEN t.t_arrived + make_interval(days => 1 + floor(t.r_dur * 6)::int, mins => floor(t.r_z * 300)::int)
                   ELSE t.t_arrived + make_interval(mins => 15 + floor(t.r_dur * 75)::int) END AS t_resolved
         FROM times t
     ), fate AS (
       SELECT t.*, t.t_resolved + make_interval(mins => 5 + floor((t.r_y * 100 - floor(t.r_y * 100)) * 25)::int) AS t_closed,
              t.cancelled AND t.t_cancelled <= ${now} AS is_cancelled
         FROM times2 t
     )
     SELECT f.branch_id, f.tech_first, f.tech_n, f.director_id, f.day, f.received, f.customer_id, f.equipment_id,
            CASE WHEN f.category = 'B_CONTRACT' THEN f.customer_id END AS contract_id,
            CASE WHEN f.customer_id % 4 = 0 THEN 'SUBURBAN' ELSE 'URBAN' END AS area,
            f.category, f.tech_id, f.dispatcher_id, f.deadline, f.carried, f.workshop, f.r_x, f.r_y, f.r_z, f.r_dur, f.r_cat,
            CASE WHEN f.is_cancelled THEN 'CANCELLED'
                 WHEN f.t_closed <= ${now} THEN 'CLOSED'
                 WHEN f.t_resolved <= ${now} THEN 'RESOLVED'
                 WHEN f.t_arrived <= ${now} THEN CASE WHEN f.on_hold THEN 'ON_HOLD' WHEN f.workshop THEN 'IN_WORKSHOP' ELSE 'ON_SITE' END
                 WHEN f.t_accepted <= ${now} THEN 'ACCEPTED'
                 WHEN f.t_assigned <= ${now} THEN 'ASSIGNED'
                 ELSE 'REGISTERED' END AS status,
            CASE WHEN f.t_assigned <= ${now} AND NOT (f.is_cancelled AND f.t_assigned > f.t_cancelled) THEN f.t_assigned END AS assigned_at,
            CASE WHEN f.t_accepted <= ${now} AND NOT (f.is_cancelled AND f.t_accepted > f.t_cancelled) THEN f.t_accepted END AS accepted_at,
            CASE WHEN f.t_arrived <= ${now} AND NOT f.is_cancelled THEN f.t_arrived END AS arrived_at,
            CASE WHEN f.t_arrived <= ${now} AND NOT f.is_cancelled AND f.arrive_after > f.w THEN f.arrive_after - f.w END AS late_by,
            CASE WHEN f.t_resolved <= ${now} AND NOT f.is_cancelled THEN f.t_resolved END AS resolved_at,
            CASE WHEN f.t_closed <= ${now} AND NOT f.is_cancelled THEN f.t_closed END AS closed_at,
            CASE WHEN f.is_cancelled THEN f.t_cancelled END AS cancelled_at,
            CASE WHEN f.carried AND f.nextday <= ${now} AND NOT (f.is_cancelled AND f.t_cancelled < f.nextday) THEN f.nextday END AS carried_at,
            -- the overdue scan alerted (a minute after the deadline) every call not arrived by then
            CASE WHEN f.deadline < ${now} - interval '1 minute' AND f.t_arrived > f.deadline AND NOT (f.is_cancelled AND f.t_cancelled < f.deadline)
                 THEN f.deadline + interval '1 minute' END AS overdue_alerted_at
       FROM fate f`,
  );
  await step(
    "order calls, voucher numbers",
    `CREATE TEMP TABLE bench_plan2 AS
     SELECT row_number() OVER (ORDER BY received, branch_id, tech_id, r_x)::int AS id,
            row_number() OVER (PARTITION BY extract(year FROM received) ORDER BY received, branch_id, tech_id, r_x)::int AS vno, p.*
       FROM bench_plan p;
     DROP TABLE bench_plan; ALTER TABLE bench_plan2 RENAME TO bench_plan; ALTER TABLE bench_plan ADD PRIMARY KEY (id)`,
  );
  // The most recent overdue calls are not alerted yet: the scan at BENCH_NOW raises them.
  await step(
    `leave ${NEWLY_OVERDUE} overdue calls unalerted`,
    `UPDATE bench_plan SET overdue_alerted_at = NULL WHERE id IN (
       SELECT id FROM bench_plan WHERE status IN ('REGISTERED', 'ASSIGNED', 'ACCEPTED') AND overdue_alerted_at IS NOT NULL
        ORDER BY deadline DESC, id LIMIT ${NEWLY_OVERDUE})`,
  );
  await client.query("ANALYZE bench_plan");
  return { workingDays: days, perDay, perBench };
}

async function tickets(step: Step): Promise<void> {
  await step(
    "tickets",
    `INSERT INTO "Ticket" (id, "voucherNo", "branchId", "customerId", "equipmentId", "contractId", status, category, "suggestedCategory", area,
                           "contactName", "contactPhone", "faultDescription", "missingFields", "receivedAt", "calledAt", "arrivalDeadline", "arrivedAt", "lateByMinutes",
                           priority, "carriedOverAt", "overdueAlertedAt", outcome, resolution, "resolvedAt", "closedAt", "cancelledAt", "cancelReason",
                           "slackChannelId", "slackMessageTs", "registeredById", "assignedTechnicianId", "createdAt", "updatedAt")
     SELECT id, 'SV-' || extract(year FROM received) || '-' || lpad(vno::text, 6, '0'), branch_id, customer_id, equipment_id, contract_id,
            status::"TicketStatus", category::"ServiceCategory", category::"ServiceCategory", area::"Area",
            'Contact ' || customer_id, '010-4000-' || lpad((customer_id % 10000)::text, 4, '0'),
            (ARRAY['Compressor trips', 'Not cooling', 'Water leak', 'Noisy fan', 'Error code E4', 'Ice build-up', 'Door seal torn', 'Display dead'])[1 + floor(r_cat * 8)::int],
            '{}', received, received, deadline, arrived_at, late_by,
            carried_at IS NOT NULL, carried_at, overdue_alerted_at,
            CASE WHEN status IN ('CLOSED', 'RESOLVED', 'IN_WORKSHOP', 'ON_HOLD')
                 THEN CASE WHEN status = 'ON_HOLD' THEN 'RESCHEDULED' WHEN workshop THEN 'TAKEN_TO_WORKSHOP' ELSE 'FIXED_ON_SITE' END END::"VisitOutcome",
            CASE WHEN resolved_at IS NOT NULL THEN 'Replaced the faulty part and tested' END,
            resolved_at, closed_at, cancelled_at, CASE WHEN cancelled_at IS NOT NULL THEN 'Customer fixed it themselves' END,
            CASE WHEN branch_id = ${B.id} THEN 'C0BENCHDSP' ELSE 'C0BENCH2DSP' END,
            floor(extract(epoch FROM received))::bigint || '.' || lpad((id % 1000000)::text, 6, '0'),
            dispatcher_id, CASE WHEN assigned_at IS NOT NULL THEN tech_id END, received,
            coalesce(closed_at, cancelled_at, resolved_at, arrived_at, accepted_at, assigned_at, received)
       FROM bench_plan`,
  );
  await step(
    "voucher counters",
    `INSERT INTO "VoucherCounter" (year, last) SELECT extract(year FROM "receivedAt")::int, count(*) FROM "Ticket" GROUP BY 1`,
  );
}

async function children(step: Step): Promise<void> {
  // 3% of calls were first offered to another technician who declined.
  await step(
    "assignments (declined first)",
    `INSERT INTO "Assignment" ("ticketId", "technicianId", "assignedById", "assignedAt", "declinedAt", "declineReason", "endedAt", "dmChannelId", "dmMessageTs")
     SELECT id, tech_first + (tech_id - tech_first + 7) % tech_n, dispatcher_id, received + (assigned_at - received) / 3,
            received + (assigned_at - received) * 2 / 3, 'Busy on another call', received + (assigned_at - received) * 2 / 3,
            'D0YR' || (tech_first + (tech_id - tech_first + 7) % tech_n), floor(extract(epoch FROM received))::bigint || '.100000'
       FROM bench_plan WHERE assigned_at IS NOT NULL AND r_cat > 0.97`,
  );
  await step(
    "assignments",
    `INSERT INTO "Assignment" ("ticketId", "technicianId", "assignedById", "assignedAt", "acceptedAt", "endedAt", "dmChannelId", "dmMessageTs")
     SELECT id, tech_id, dispatcher_id, assigned_at, accepted_at, cancelled_at, 'D0YR' || tech_id, floor(extract(epoch FROM assigned_at))::bigint || '.200000'
       FROM bench_plan WHERE assigned_at IS NOT NULL`,
  );
  // One visit report per visit that reached an outcome; its id is the ticket's id.
  await step(
    "visit reports",
    `INSERT INTO "VisitReport" (id, "ticketId", "technicianId", outcome, diagnosis, settlement, "signedByName", "signedAt", "createdAt")
     SELECT p.id, p.id, p.tech_id, t.outcome, 'Worn part', 
            CASE WHEN p.category = 'A_PAID' AND p.resolved_at IS NOT NULL THEN CASE WHEN p.r_dur < 0.5 THEN 'COLLECTED_ON_SITE' ELSE 'INVOICE_REQUESTED' END ELSE 'NONE' END::"Settlement",
            'Contact ' || p.customer_id, coalesce(p.resolved_at, p.arrived_at), coalesce(p.resolved_at, p.arrived_at)
       FROM bench_plan p JOIN "Ticket" t ON t.id = p.id WHERE t.outcome IS NOT NULL`,
  );
  // 1–3 work logs per visit, on the days the work took (a workshop repair spans days).
  await step(
    "work logs (calls)",
    `INSERT INTO "WorkLog" ("technicianId", "ticketId", "visitReportId", "workDate", category, hours, description, "createdAt")
     SELECT p.id_tech, p.id, p.id, (p.arrived_at + (k - 1) * (p.until - p.arrived_at) / p.n)::date, p.category::"ServiceCategory",
            0.5 + floor(((p.r_dur * 97 + k * 0.37) - floor(p.r_dur * 97 + k * 0.37)) * 6) / 2, 'Visit work', p.until
       FROM (SELECT id, tech_id AS id_tech, arrived_at, coalesce(resolved_at, ${NOW_SQL}) AS until, category, r_dur,
                    1 + floor(r_z * 3)::int AS n
               FROM bench_plan WHERE arrived_at IS NOT NULL AND status IN ('CLOSED', 'RESOLVED', 'IN_WORKSHOP', 'ON_HOLD')) p
       CROSS JOIN LATERAL generate_series(1, p.n) k`,
  );
  await step(
    "work logs (internal, D)",
    `INSERT INTO "WorkLog" ("technicianId", "ticketId", "workDate", category, hours, description, "createdAt")
     SELECT s.id, NULL, d.day, 'D_INTERNAL', 1 + (s.id + extract(doy FROM d.day)::int) % 3 * 0.5, 'Training and workshop upkeep', d.day + interval '9 hours'
       FROM bench_day d JOIN "Staff" s ON 'TECHNICIAN' = ANY(s.roles)
      WHERE d.day < date '${BENCH_NOW.toISOString().slice(0, 10)}' AND (s.id * 31 + extract(doy FROM d.day)::int) % 10 < 3`,
  );
  // A third of finished visits used one or two parts, at the part's price.
  await step(
    "part usages",
    `INSERT INTO "PartUsage" ("ticketId", "partId", "technicianId", "visitReportId", quantity, "unitPrice", "usedAt")
     SELECT p.id, part, p.tech_id, p.id, 1 + (p.id + k) % 2, 5000 + (part * 7919 % 200) * 1000, p.resolved_at - interval '5 minutes'
       FROM bench_plan p
       CROSS JOIN LATERAL generate_series(1, CASE WHEN p.r_x * 100 - floor(p.r_x * 100) > 0.9 THEN 2 ELSE 1 END) k
       CROSS JOIN LATERAL (SELECT 1 + (p.id * 13 + k * 101) % 500 AS part) x
      WHERE p.resolved_at IS NOT NULL AND p.r_z < 0.35`,
  );
  // R10 fee lines for paid (A) calls: labour, travel for suburban sites, and the parts used.
  await step(
    "charges (labour, travel)",
    `INSERT INTO "Charge" ("ticketId", "visitReportId", kind, description, amount, settlement, "createdAt")
     SELECT p.id, p.id, c.kind::"ChargeKind", c.kind, c.amount,
            CASE WHEN p.r_dur < 0.5 THEN 'COLLECTED_ON_SITE' ELSE 'INVOICE_REQUESTED' END::"Settlement", p.resolved_at
       FROM bench_plan p
       CROSS JOIN LATERAL (SELECT 'LABOUR' AS kind, (50000 * (1 + floor(p.r_dur * 4)))::numeric AS amount
                           UNION ALL SELECT 'TRAVEL', 30000 WHERE p.area = 'SUBURBAN') c
      WHERE p.category = 'A_PAID' AND p.resolved_at IS NOT NULL`,
  );
  await step(
    "charges (parts)",
    `INSERT INTO "Charge" ("ticketId", "visitReportId", kind, description, amount, settlement, "createdAt")
     SELECT p.id, p.id, 'PARTS', 'PARTS', sum(u.quantity * u."unitPrice"),
            CASE WHEN p.r_dur < 0.5 THEN 'COLLECTED_ON_SITE' ELSE 'INVOICE_REQUESTED' END::"Settlement", p.resolved_at
       FROM bench_plan p JOIN "PartUsage" u ON u."ticketId" = p.id
      WHERE p.category = 'A_PAID' AND p.resolved_at IS NOT NULL
      GROUP BY p.id, p.r_dur, p.resolved_at`,
  );
  // R15: technicians file their daily report at 18:10; today's are not in yet.
  await step(
    "daily work reports",
    `INSERT INTO "DailyWorkReport" ("technicianId", "workDate", notes, "submittedAt")
     SELECT s.id, d.day, 'Calls as logged', d.day + interval '9 hours 10 minutes'
       FROM bench_day d JOIN "Staff" s ON 'TECHNICIAN' = ANY(s.roles)
      WHERE d.day < date '${BENCH_NOW.toISOString().slice(0, 10)}' AND (s.id * 17 + extract(doy FROM d.day)::int) % 50 <> 0`,
  );
  // R11: equipment taken to the workshop gets a custody receipt and goods in/out entries.
  await step(
    "custody receipts",
    `INSERT INTO "CustodyReceipt" (id, number, "ticketId", items, condition, accessories, state, "receivedById", "receivedAt", "returnedAt", "returnSignedBy")
     SELECT p.id, 'CR-' || extract(year FROM p.arrived_at) || '-' || lpad(row_number() OVER (PARTITION BY extract(year FROM p.arrived_at) ORDER BY p.arrived_at, p.id)::text, 6, '0'),
            p.id, 'Control board', 'Scratched casing', NULL,
            CASE WHEN p.closed_at IS NOT NULL THEN 'RETURNED' WHEN p.resolved_at IS NOT NULL THEN 'REPAIRED' WHEN p.r_y * 100 - floor(p.r_y * 100) < 0.3 THEN 'WAITING_PARTS' ELSE 'WAITING_REPAIR' END::"CustodyState",
            p.tech_id, p.arrived_at + interval '30 minutes', p.closed_at, CASE WHEN p.closed_at IS NOT NULL THEN 'Contact ' || p.customer_id END
       FROM bench_plan p WHERE p.workshop AND p.arrived_at IS NOT NULL AND p.arrived_at + interval '30 minutes' <= ${NOW_SQL}`,
  );
  await step(
    "goods movements",
    `INSERT INTO "GoodsMovement" ("receiptId", direction, at, note)
     SELECT id, 'IN'::"GoodsDirection", "receivedAt", 'Received for repair' FROM "CustodyReceipt"
     UNION ALL SELECT id, 'OUT'::"GoodsDirection", "returnedAt", 'Returned to customer' FROM "CustodyReceipt" WHERE "returnedAt" IS NOT NULL`,
  );
  // R19/R20: every call closed at least a day before "now" has its survey, made the next day; 88% of
  // customers answered (of the rest, most count as no answer after every try, a few declined), and
  // 97% of the answers are satisfied or very satisfied (a rating per item from the call's id, so items differ).
  const rating = (salt: number) =>
    `(CASE WHEN (p.id * ${salt}) % 100 < 55 THEN 'VERY_SATISFIED' WHEN (p.id * ${salt}) % 100 < 97 THEN 'SATISFIED'
           WHEN (p.id * ${salt}) % 100 < 99 THEN 'DISSATISFIED' ELSE 'VERY_DISSATISFIED' END)::"Rating"`;
  await step(
    "surveys",
    `INSERT INTO "Survey" ("ticketId", "technicianId", "dueOn", "listedAt", outcome, "respondedAt", attitude, skill, "arrivalTime", "promiseKeeping")
     SELECT p.id, p.tech_id, (p.closed_at + interval '1 day')::date, p.closed_at + interval '1 day',
            (CASE WHEN a.responded IS NOT NULL THEN 'ANSWERED' WHEN (p.id * 11) % 100 < 96 THEN 'NO_ANSWER' ELSE 'DECLINED' END)::"SurveyOutcome",
            a.responded, CASE WHEN a.responded IS NOT NULL THEN ${rating(7)} END, CASE WHEN a.responded IS NOT NULL THEN ${rating(13)} END,
            CASE WHEN a.responded IS NOT NULL THEN ${rating(29)} END, CASE WHEN a.responded IS NOT NULL THEN ${rating(31)} END
       FROM bench_plan p
       CROSS JOIN LATERAL (SELECT CASE WHEN (p.id * 11) % 100 < 88 THEN p.closed_at + interval '1 day 2 hours' END AS responded) a
      WHERE p.closed_at IS NOT NULL AND p.closed_at + interval '1 day 2 hours' <= ${NOW_SQL}`,
  );
  // R21/R22: a complaint on 1 in 4,000 closed calls, two days after; two thirds found substantiated.
  await step(
    "complaints",
    `INSERT INTO "Complaint" ("customerId", "ticketId", "technicianId", severity, status, description, substantiated, "receivedAt", "respondedAt", "resolvedAt", outcome)
     SELECT p.customer_id, p.id, p.tech_id, CASE WHEN p.id % 5 = 0 THEN 'SERIOUS' ELSE 'GENERAL' END::"ComplaintSeverity", 'RESOLVED'::"ComplaintStatus",
            'Came late and left a mess', p.id % 3 <> 0, p.closed_at + interval '2 days', p.closed_at + interval '2 days 3 hours',
            p.closed_at + interval '6 days', 'Apologised; technician briefed'
       FROM bench_plan p
      WHERE p.closed_at IS NOT NULL AND p.closed_at + interval '6 days' <= ${NOW_SQL} AND (p.id * 37) % 4000 = 0`,
  );
  // R7: each alerted call has its OVERDUE escalation, acknowledged by the director within the hour.
  await step(
    "escalations",
    `INSERT INTO "Escalation" (kind, "branchId", "ticketId", level, "raisedAt", "acknowledgedById", "acknowledgedAt")
     SELECT 'OVERDUE', p.branch_id, p.id, 'DIRECTOR', p.overdue_alerted_at,
            CASE WHEN a.at <= ${NOW_SQL} THEN p.director_id END,
            CASE WHEN a.at <= ${NOW_SQL} THEN a.at END
       FROM bench_plan p CROSS JOIN LATERAL (SELECT p.overdue_alerted_at + make_interval(mins => 5 + floor(p.r_x * 55)::int) AS at) a
      WHERE p.overdue_alerted_at IS NOT NULL`,
  );
}

/** Moves every id sequence past the ids given explicitly. */
const SEQUENCES_SQL = `DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT table_name FROM information_schema.columns
            WHERE table_schema = 'public' AND column_name = 'id' AND column_default LIKE 'nextval%' LOOP
    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), coalesce((SELECT max(id) FROM %I), 0) + 1, false)', format('%I', t), t);
  END LOOP; END $$`;

async function main(): Promise<void> {
  const fresh = process.argv.includes("--fresh");
  const database = await openYearDatabase({ fresh });
  try {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const tables = await client.query<{ relname: string; n: string; size: string }>(
        `SELECT c.relname, c.reltuples::bigint AS n, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
           FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
          WHERE s.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT IN ('_prisma_migrations', 'bench_year_meta') ORDER BY c.reltuples DESC`,
      );
      console.log("\n| table | rows | size |\n|---|---:|---:|");
      for (const t of tables.rows) if (Number(t.n) > 0) console.log(`| ${t.relname} | ${Number(t.n).toLocaleString("en")} | ${t.size} |`);
      const exact = await client.query(`SELECT count(*) AS n, count(*) FILTER (WHERE status NOT IN ('CLOSED', 'CANCELLED')) AS open FROM "Ticket"`);
      const size = await client.query("SELECT pg_size_pretty(pg_database_size(current_database())) AS s");
      console.log(`\ntickets ${Number(exact.rows[0].n).toLocaleString("en")} (open ${exact.rows[0].open}), database ${size.rows[0].s}, newly overdue at ${database.meta.now.toISOString()}: ${database.meta.newlyOverdueIds.length}`);
    } finally {
      await client.end();
    }
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
