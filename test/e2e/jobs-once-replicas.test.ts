// Two replicas, one PostgreSQL: each scheduled job runs once per period (src/jobs/claim.ts). Two bots
// built as users run them (`node dist/src/main.js`, what `npm start` runs), both with the scheduler on,
// share a scratch database and the Slack fake. They start together, so their catch-up ticks (every job
// at start) race for the same periods, and so do the every-minute scans at the next minute, fired by
// node-cron in both processes at once.
//
// Due now in real time, without touching the product: three branches open every day 08:00–11:00 in
// fixed-offset zones (Etc/GMT±N) picked so that their local time is 13:xx, 16:xx and 19:xx. All their
// daily jobs are then due (carry-over and contract notices from the 08:00 opening, the report reminder
// from 10:00, loans at 11:00, the directors' summary from 11:30 with SUMMARY_AFTER_CLOSE_MINUTES = 30,
// the default) and the local date cannot change during the test; each scan runs every UTC minute.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Db } from "../../src/db";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { eventually } from "../support/eventually";
import { wallClock } from "../support/factories/calendar";
import { createBranchWithCalendar, createContract, createStaff, createTechnician, createTicket } from "../support/factories/data";
import { freePort } from "../support/free-port";
import { startSlackFake, type FakeMessage, type SlackFake } from "../../src/sandbox/slack";

const root = path.resolve(__dirname, "../..");
const builtMain = path.join(root, "dist/src/main.js");
jest.setTimeout(300_000);

const SIGNING_SECRET = "jobs-once-signing-secret";
const BOT_TOKEN = "xoxb-jobs-once";

/** Once per branch and local day. */
const DAILY_JOBS = ["carry-over", "contract-expiry", "daily-report-reminder", "loans-at-closing", "director-summary", "survey-list"];
/** Once per UTC minute. */
const MINUTE_JOBS = ["overdue-scan", "pre-deadline-warning", "escalation-ladder", "completion-overdue-scan", "complaint-clocks"];
/** Local hours the branches are at when the test starts: after the day's jobs are due, far from midnight. */
const LOCAL_HOURS = [13, 16, 19];

// --- the built bot as a child process --------------------------------------------------------------

interface Bot {
  name: string;
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** What the scheduler writes in JobRun.claimedBy (src/main.ts): host and pid. */
  claimedBy: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startBuiltBot(name: string, cwd: string, port: number, env: Record<string, string>): Bot {
  // Only what the bot needs: nothing of this shell's DATABASE_URL or Slack settings leaks in.
  const child = spawn(process.execPath, [builtMain], { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env, PORT: String(port) } });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { name, child, port, claimedBy: `${os.hostname()}:${child.pid}`, output: () => output, exited };
}

const hasExited = (bot: Bot) => bot.child.exitCode !== null || bot.child.signalCode !== null;

async function untilHealthy(bot: Bot): Promise<void> {
  await eventually(
    async () => {
      if (hasExited(bot)) throw new Error(`bot ${bot.name} exited before it was healthy:\n${bot.output()}`);
      return fetch(`http://127.0.0.1:${bot.port}/healthz`).then(
        (response) => response.status === 200,
        () => false, // not listening yet
      );
    },
    90_000,
    `bot ${bot.name}'s /healthz to answer 200`,
  );
}

async function stopBot(bot: Bot): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (!hasExited(bot)) bot.child.kill("SIGTERM");
  const timer = setTimeout(() => bot.child.kill("SIGKILL"), 30_000);
  const result = await bot.exited;
  clearTimeout(timer);
  return result;
}

/** The bot's JSON log lines with this message. */
function logLines(bot: Bot, message: string): Record<string, unknown>[] {
  return bot
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{") && line.includes(`"message":${JSON.stringify(message)}`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

type Outcome = "ran" | "skipped-claimed" | "failed";
type Attempts = Record<string, Record<Outcome, number>>;

/** Claimed periods by job and outcome in this process (servicedesk_job_runs_total on /metrics). */
async function jobAttempts(bot: Bot): Promise<Attempts> {
  const text = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
  const attempts: Attempts = {};
  for (const line of text.split("\n")) {
    if (!line.startsWith("servicedesk_job_runs_total{")) continue;
    const job = /job="([^"]+)"/.exec(line)?.[1];
    const outcome = /outcome="([^"]+)"/.exec(line)?.[1] as Outcome | undefined;
    if (!job || !outcome) continue;
    attempts[job] ??= { ran: 0, "skipped-claimed": 0, failed: 0 };
    attempts[job][outcome] = Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return attempts;
}

/** Periods of the job this process claimed or found claimed (ticks that found nothing due are not counted). */
const tried = (attempts: Attempts, job: string) => (attempts[job] ? attempts[job].ran + attempts[job]["skipped-claimed"] + attempts[job].failed : 0);

/** Slack posts still queued in the outbox (waiting, retrying or being sent). */
async function queuedEffectCount(prisma: Db): Promise<number> {
  const [row] = await prisma.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`;
  return row.n;
}

// --- the branches ---------------------------------------------------------------------------------

/** A fixed-offset zone whose local hour is `hour` now ("Etc/GMT-9" is UTC+9). */
function zoneAtLocalHour(hour: number, now: Date): string {
  let offset = hour - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

interface SeededBranch {
  code: string;
  date: string;
  dispatch: string;
  directors: string;
  director: string;
  technician: string;
  contractNumber: string;
  carriedVoucher: string;
  overdueVoucher: string;
}

const DAY_MS = 86_400_000;

async function seedBranch(prisma: Db, index: number, now: Date): Promise<SeededBranch> {
  const timeZone = zoneAtLocalHour(LOCAL_HOURS[index], now);
  const local = wallClock(timeZone, now); // "2026-03-30 Mon 15:00", read from Intl
  expect(Number(local.slice(15, 17))).toBe(LOCAL_HOURS[index]);
  const date = local.slice(0, 10);
  const seeded = {
    code: `ONCE${index + 1}`,
    date,
    dispatch: `C0ONCEDSP${index + 1}`,
    directors: `C0ONCEDIR${index + 1}`,
    director: `U0ONCEDIR${index + 1}`,
    technician: `U0ONCETEC${index + 1}`,
  };
  const branch = await createBranchWithCalendar(prisma, {
    code: seeded.code,
    name: `Once ${index + 1}`,
    timeZone,
    dispatchChannelId: seeded.dispatch,
    directorsChannelId: seeded.directors,
    weekdays: [0, 1, 2, 3, 4, 5, 6],
    opensAt: 8 * 60,
    closesAt: 11 * 60,
  });
  // The director gets the overdue alert and follows the contract's renewal up; the technician is reminded of the daily report.
  await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: seeded.director });
  await createTechnician(prisma, { branchId: branch.id, slackUserId: seeded.technician });
  // Carried over this morning: an unassigned call from two days ago.
  const carried = await createTicket(prisma, { branchId: branch.id, receivedAt: new Date(now.getTime() - 2 * DAY_MS) });
  // Overdue: a call of today (local time is past 13:00) whose deadline passed a minute ago.
  const overdue = await createTicket(prisma, { branchId: branch.id, receivedAt: new Date(now.getTime() - 10 * 60_000), arrivalDeadline: new Date(now.getTime() - 60_000) });
  // Ends in ten days: within CONTRACT_NOTICE_DAYS (30).
  const contract = await createContract(prisma, { branchId: branch.id, endsOn: new Date(Date.parse(`${date}T00:00:00Z`) + 10 * DAY_MS) });
  return { ...seeded, contractNumber: contract.number, carriedVoucher: carried.voucherNo, overdueVoucher: overdue.voucherNo };
}

// --- the test -------------------------------------------------------------------------------------

describe("scheduled jobs with two replicas of the built bot on one database", () => {
  let database: TestDatabase | undefined;
  let slack: SlackFake | undefined;
  let cwd: string | undefined;
  const bots: Bot[] = [];

  beforeAll(async () => {
    // As startup.test.ts: what `npm run build` does after `prisma generate`, which `npm test` has just
    // run (regenerating the client here would rewrite files the other test workers are loading).
    await promisify(execFile)(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root });
  });

  afterAll(async () => {
    for (const bot of bots) {
      if (!hasExited(bot)) bot.child.kill("SIGKILL");
      await bot.exited;
    }
    await slack?.close();
    await database?.close();
    if (cwd) fs.rmSync(cwd, { recursive: true, force: true });
  });

  it("runs every (job, period) once: both replicas try each period, one claim wins, and nothing is posted to Slack twice", async () => {
    database = await createTestDatabase();
    const { prisma } = database;
    const now = new Date();
    const branches: SeededBranch[] = [];
    for (let index = 0; index < LOCAL_HOURS.length; index++) branches.push(await seedBranch(prisma, index, now));

    slack = await startSlackFake({
      signingSecret: SIGNING_SECRET,
      botToken: BOT_TOKEN,
      users: Object.fromEntries(branches.flatMap((b) => [[b.director, { name: `director.${b.code}` }], [b.technician, { name: `technician.${b.code}` }]])),
      channels: Object.fromEntries(branches.flatMap((b) => [[b.dispatch, { name: `dispatch-${b.code}` }], [b.directors, { name: `directors-${b.code}` }]])),
    });
    // A working directory of its own: no .env of this checkout reaches the bots.
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), "servicedesk-jobs-once-"));
    const env = {
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      JOBS_ENABLED: "true",
      LOG_LEVEL: "info",
    };
    // Started together: their catch-up ticks contend for the same periods.
    const [portA, portB] = [await freePort(), await freePort()];
    const a = startBuiltBot("A", cwd, portA, env);
    const b = startBuiltBot("B", cwd, portB, env);
    bots.push(a, b);
    await Promise.all([untilHealthy(a), untilHealthy(b)]);

    // Both schedulers have been through the periods: each process tried every branch's day of each
    // daily job (its catch-up tick goes through every branch) and each scan at least twice, the
    // second time fired by its cron task; two minutes of each scan have run. Up to a minute to the
    // next minute's ticks, and a loaded machine may be slow to reach them.
    await eventually(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 250)); // a scrape queries the database: not every 20 ms
        for (const bot of bots) if (hasExited(bot)) throw new Error(`bot ${bot.name} exited:\n${bot.output()}`);
        const seen = await Promise.all(bots.map(jobAttempts));
        const minutes = await prisma.jobRun.groupBy({ by: ["job"], where: { job: { in: MINUTE_JOBS } }, _count: { _all: true } });
        return (
          seen.every((attempts) => DAILY_JOBS.every((job) => tried(attempts, job) >= branches.length) && MINUTE_JOBS.every((job) => tried(attempts, job) >= 2)) &&
          MINUTE_JOBS.every((job) => (minutes.find((row) => row.job === job)?._count._all ?? 0) >= 2)
        );
      },
      120_000,
      "both schedulers to try each daily job's periods and two minutes of each scan",
    );

    // What the jobs posted, delivered by the two bots' outboxes.
    const topLevel = (channel: string) => slack!.messagesIn(channel).filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts);
    const dm = (userId: string) => slack!.messagesIn(`D${userId.slice(1)}`);
    const mentions = (message: FakeMessage, text: string) => message.text.includes(text) || JSON.stringify(message.blocks ?? []).includes(text);
    await eventually(
      async () =>
        (await queuedEffectCount(prisma)) === 0 &&
        branches.every(
          (branch) =>
            topLevel(branch.directors).length >= 1 &&
            topLevel(branch.dispatch).some((message) => mentions(message, "carried over to today")) &&
            topLevel(branch.dispatch).some((message) => mentions(message, branch.contractNumber)) &&
            topLevel(branch.dispatch).some((message) => mentions(message, `Overdue (R7): ${branch.overdueVoucher}`)) &&
            dm(branch.technician).length >= 1 &&
            dm(branch.director).length >= 2,
        ),
      60_000,
      "the outboxes to deliver every job's posts",
    );

    // The counts last, then the stop: no run starts while the database is read, and the logs are complete.
    const [attemptsA, attemptsB] = await Promise.all(bots.map(jobAttempts));
    const [stoppedA, stoppedB] = await Promise.all(bots.map(stopBot));
    expect([stoppedA, stoppedB]).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);

    // 1. Every (job, period) has exactly one JobRun, claimed by one of the two bots and run to its end.
    const runs = await prisma.jobRun.findMany({ select: { job: true, periodKey: true, status: true, claimedBy: true }, orderBy: { id: "asc" } });
    const keys = runs.map((run) => `${run.job} ${run.periodKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(runs.filter((run) => run.status !== "SUCCEEDED")).toEqual([]);
    expect(runs.filter((run) => run.claimedBy !== a.claimedBy && run.claimedBy !== b.claimedBy)).toEqual([]);
    for (const job of DAILY_JOBS) {
      expect(runs.filter((run) => run.job === job).map((run) => run.periodKey).sort()).toEqual(branches.map((branch) => `${job}:${branch.code}:${branch.date}`).sort());
    }
    for (const job of MINUTE_JOBS) expect(runs.filter((run) => run.job === job).length).toBeGreaterThanOrEqual(2);

    // 2. Each period ran once, in the process that holds its claim: the runs the two bots logged
    //    ("job ran", one line per period run) are exactly the JobRun rows, each in its claimant's log.
    const ranBy = (bot: Bot) => logLines(bot, "job ran").map((line) => `${String(line.job)} ${String(line.periodKey)}`);
    const logged = [...ranBy(a), ...ranBy(b)];
    expect([...logged].sort()).toEqual([...keys].sort());
    for (const run of runs) {
      const claimant = run.claimedBy === a.claimedBy ? a : b;
      expect(ranBy(claimant)).toContain(`${run.job} ${run.periodKey}`);
    }

    // 3. Both replicas tried those periods: for each daily job, each process claimed or found claimed
    //    every branch's day (a tick goes through every branch; its counts of ran, skipped-claimed and
    //    failed say so), and the two together ran each day once. Each scan was tried at least twice
    //    by each (the cron tasks of both fire at every minute) and found a minute already claimed at
    //    least once. Nothing failed.
    const both = (job: string, outcome: Outcome) => (attemptsA[job]?.[outcome] ?? 0) + (attemptsB[job]?.[outcome] ?? 0);
    for (const job of [...DAILY_JOBS, ...MINUTE_JOBS]) expect({ job, failed: both(job, "failed") }).toEqual({ job, failed: 0 });
    for (const job of DAILY_JOBS) {
      expect({ job, triedByA: tried(attemptsA, job) >= branches.length, triedByB: tried(attemptsB, job) >= branches.length, ran: both(job, "ran") }).toEqual({
        job,
        triedByA: true,
        triedByB: true,
        ran: branches.length,
      });
    }
    for (const job of MINUTE_JOBS) expect({ job, lostToAClaim: both(job, "skipped-claimed") >= 1 }).toEqual({ job, lostToAClaim: true });

    // 4. No post a job caused was made twice. Per branch: one directors' summary in its channel; in
    //    the dispatch channel one carry-over list, one contract notice and one overdue alert (and the
    //    alert once in the call's thread); one reminder DM to the technician; one overdue alert and
    //    one renewal DM to the director. And no two posts anywhere alike.
    for (const branch of branches) {
      const inChannel = (channel: string, text: string) => topLevel(channel).filter((message) => mentions(message, text)).length;
      const inDm = (userId: string, text: string) => dm(userId).filter((message) => mentions(message, text)).length;
      expect({
        branch: branch.code,
        // In a month's first week the monthly evaluation is due too: at most once, and not a summary.
        summaries: topLevel(branch.directors).filter((message) => !mentions(message, "Monthly evaluation")).length,
        evaluationsAtMostOnce: inChannel(branch.directors, "Monthly evaluation") <= 1,
        summariesOfTheDay: inChannel(branch.directors, branch.date),
        carryOverLists: inChannel(branch.dispatch, "carried over to today"),
        listsTheCarriedCall: topLevel(branch.dispatch).some((message) => mentions(message, "carried over to today") && mentions(message, branch.carriedVoucher)),
        contractNotices: inChannel(branch.dispatch, branch.contractNumber),
        overdueAlerts: inChannel(branch.dispatch, `Overdue (R7): ${branch.overdueVoucher}`),
        overdueAlertsWithThreads: slack.messagesIn(branch.dispatch).filter((message) => mentions(message, `Overdue (R7): ${branch.overdueVoucher}`)).length,
        technicianDms: dm(branch.technician).length,
        directorDms: dm(branch.director).length,
        directorOverdueDms: inDm(branch.director, `Overdue (R7): ${branch.overdueVoucher}`),
        directorRenewalDms: inDm(branch.director, branch.contractNumber),
      }).toEqual({
        branch: branch.code,
        summaries: 1,
        evaluationsAtMostOnce: true,
        summariesOfTheDay: 1,
        carryOverLists: 1,
        listsTheCarriedCall: true,
        contractNotices: 1,
        overdueAlerts: 1,
        overdueAlertsWithThreads: 2,
        technicianDms: 1,
        directorDms: 2,
        directorOverdueDms: 1,
        directorRenewalDms: 1,
      });
    }
    const posts = slack.callsTo("chat.postMessage").filter((call) => call.response?.ok === true);
    const postKey = (args: Record<string, unknown>) => JSON.stringify([args.channel, args.thread_ts ?? null, args.text]);
    const byContent = new Map<string, number>();
    for (const call of posts) byContent.set(postKey(call.args), (byContent.get(postKey(call.args)) ?? 0) + 1);
    expect([...byContent].filter(([, times]) => times > 1)).toEqual([]);
  });
});
