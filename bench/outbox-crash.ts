// `npm run bench:crash`: the outbox's promise, measured on what users run (dist/src/main.js, as
// `npm start` does). "After kill -9 of the bot in the middle of a burst of intakes followed by a
// restart, every acknowledged ticket has exactly one message, with its whole history in one thread."
//
// 1. The built bot runs as a child process, in HTTP mode against the Slack fake, on a scratch database.
// 2. The same intake submission is delivered 20 times at once: one ticket, one message, one line.
// 3. A burst of intake submissions (each its own modal), a few at a time; after a random number of
//    acks the bot gets SIGKILL — mid-transaction, mid-post, with effects locked by its workers. By
//    default the kill waits for the next ticket message Slack accepts and lands before the bot can
//    record its ts: the worst moment, which a kill at a random instant hits in a run out of two.
// 4. The bot is started again (same environment) and the outbox is left to drain.
// 5. Every ticket must have exactly one top-level message in the dispatch channel (found by its
//    metadata), that message's ts recorded on the ticket, and its "registered" line once in that
//    thread; every acknowledged submission must have its ticket. Exits 1 when a check fails.
//
// Needs `npm run build` first and a PostgreSQL server whose role may create databases: DATABASE_URL,
// else postgresql://postgres@127.0.0.1:5432/postgres (a scratch database is created and dropped).
// BENCH_CRASH_INTAKES (200), BENCH_CRASH_CONCURRENCY (20), BENCH_CRASH_KILL_AFTER (acks before the
// kill; default: random, between 30% and 70% of the burst), BENCH_CRASH_KILL_AT=ack (kill at that ack,
// not at the next ticket message posted).
import { randomInt } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ViewOutput } from "@slack/bolt";
import type { Db } from "../src/db";
import { createPrismaClient } from "../src/db/client";
import { migrate } from "../src/db/migrator";
import { silentLog } from "../src/logger";
import { ACTIONS, BLOCKS, INPUTS } from "../src/views/ids";
import { createBranchWithCalendar, createCustomer, createDispatcher, createEquipment } from "../test/support/factories/data";
import { startSlackFake, type ApiCall, type FakeMessage, type SlackFake } from "../src/sandbox/slack";
import { freePort } from "../test/support/free-port";
import { logLines, openScratchDatabase, requireBuild, sleep, startBot, stopChild, waitForHealth, type Child } from "./processes";

const ADMIN_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const BURST = Number(process.env.BENCH_CRASH_INTAKES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CRASH_CONCURRENCY ?? 20);
const KILL_AFTER = Number(process.env.BENCH_CRASH_KILL_AFTER ?? randomInt(Math.floor(BURST * 0.3), Math.floor(BURST * 0.7) + 1));
const KILL_AT: "post" | "ack" = process.env.BENCH_CRASH_KILL_AT === "ack" ? "ack" : "post";
const DUPLICATES = 20;
const DRAIN_TIMEOUT_MS = 90_000;

const SIGNING_SECRET = "crash-bench-signing-secret";
const BOT_TOKEN = "xoxb-crash-bench";
const DISPATCH = "C0CRASHDSP";
const DISPATCHER = "U0CRASHDSP";
// What the outbox puts in a ticket message's metadata (src/publish/ticket-effects.ts).
const TICKET_EVENT = "servicedesk_ticket";
const REGISTERED_LINE = /registered the call/;
// View ids: the burst's modals, and the one modal delivered 20 times.
const BURST_VIEW = "VBURST";
const DUPLICATE_VIEW = "VDUPLICATE";

// --- database --------------------------------------------------------------------------------------

async function seed(prisma: Db) {
  // Open around the clock, so that the arrival deadline is computed whenever the bench runs.
  const branch = await createBranchWithCalendar(prisma, { code: "CRASH", name: "Crash bench branch", timeZone: "Asia/Seoul", dispatchChannelId: DISPATCH, weekdays: [0, 1, 2, 3, 4, 5, 6], opensAt: 0, closesAt: 1440 });
  await createDispatcher(prisma, { slackUserId: DISPATCHER, name: "Crash Dispatcher", branchId: branch.id });
  const customer = await createCustomer(prisma, { name: "Crash Foods", area: "URBAN", grade: "A", branchId: branch.id });
  await createEquipment(prisma, { customerId: customer.id, model: "AC-900", serial: "CRASH-1" });
  return { customer };
}

/** Effects still queued (waiting, retrying or locked). */
async function queuedEffects(prisma: Db): Promise<number> {
  const [row] = await prisma.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`;
  return row.n;
}

/** Milliseconds until the queue is empty, or null when it is not within the timeout. */
async function untilDrained(prisma: Db, since: number, timeoutMs = DRAIN_TIMEOUT_MS): Promise<number | null> {
  while (Date.now() - since < timeoutMs) {
    if ((await queuedEffects(prisma)) === 0) return Date.now() - since;
    await sleep(100);
  }
  return null;
}

// --- Slack side --------------------------------------------------------------------------------------

type Outcome = { kind: "acked"; ms: number } | { kind: "refused"; detail: string } | { kind: "failed"; detail: string };

/** The intake modal as the bot built it, the customer chosen: what every submission is a copy of. */
async function intakeModal(slack: SlackFake, customerId: number): Promise<ViewOutput> {
  const opened = await slack.driver.sendCommand({ text: "new", userId: DISPATCHER, channelId: DISPATCH });
  if (opened.status !== 200) throw new Error(`/repair new answered ${opened.status}`);
  const modal = await slack.waitFor((fake) => fake.openModal(DISPATCHER), 10_000);
  await slack.driver.sendBlockActions({ userId: DISPATCHER, view: modal, actions: [{ action_id: ACTIONS.intakeCustomerSelect, block_id: BLOCKS.intakeCustomer, value: String(customerId) }] });
  // The bot updates the modal with the customer's equipment.
  return slack.waitFor((fake) => {
    const view = fake.openModal(DISPATCHER);
    return view && JSON.stringify(view).includes("CRASH-1") ? view : undefined;
  }, 10_000);
}

/** One submission of a copy of `template` under its own view id (Slack gives each modal its own). */
async function submit(slack: SlackFake, template: ViewOutput, viewId: string, fault: string): Promise<Outcome> {
  try {
    const view = { ...structuredClone(template), id: viewId };
    const result = await slack.driver.sendViewSubmission({ userId: DISPATCHER, view, values: { [BLOCKS.intakeFault]: { [INPUTS.fault]: fault } } });
    // A plain 200 closes the modal: the ticket was registered. Errors or a notice mean it was not.
    const answered = typeof result.body === "object" && result.body !== null && "response_action" in result.body;
    if (result.status === 200 && !answered) return { kind: "acked", ms: result.durationMs };
    return { kind: "refused", detail: `HTTP ${result.status} ${JSON.stringify(result.body).slice(0, 300)}` };
  } catch (error) {
    return { kind: "failed", detail: error instanceof Error ? error.message : String(error) };
  }
}

function ticketIdOf(message: FakeMessage): number | undefined {
  const metadata = message.metadata as { event_type?: string; event_payload?: { ticket_id?: unknown } } | undefined;
  return metadata?.event_type === TICKET_EVENT ? Number(metadata.event_payload?.ticket_id) : undefined;
}

const isTopLevel = (message: FakeMessage) => message.thread_ts === undefined || message.thread_ts === message.ts;

/** A ticket's message that Slack has just accepted (the fake answers, then notifies). */
function isTicketPost(call: ApiCall | undefined): boolean {
  const metadata = call?.args.metadata as { event_type?: string } | undefined;
  return call?.method === "chat.postMessage" && call.response?.ok === true && metadata?.event_type === TICKET_EVENT;
}

// --- the checks --------------------------------------------------------------------------------------

interface Audit {
  tickets: number;
  exactlyOne: number;
  duplicates: number;
  missing: number;
  tsRecorded: number;
  registeredOnce: number;
  /** Top-level messages that name no ticket of the database. */
  stray: number;
  /** Thread replies under no ticket's recorded message: history split off its thread. */
  linesAstray: number;
  problems: string[];
}

type AuditedTicket = { id: number; voucherNo: string; slackChannelId: string | null; slackMessageTs: string | null };

/** Each of `tickets` against what the fake's dispatch channel holds; `everyTicket` are all the database's. */
function audit(slack: SlackFake, tickets: AuditedTicket[], everyTicket: AuditedTicket[] = tickets): Audit {
  const all = slack.messagesIn(DISPATCH);
  const topLevel = all.filter(isTopLevel);
  const replies = all.filter((message) => !isTopLevel(message));
  const byTicket = new Map<number, FakeMessage[]>();
  for (const message of topLevel) {
    const id = ticketIdOf(message);
    if (id !== undefined) byTicket.set(id, [...(byTicket.get(id) ?? []), message]);
  }
  const result: Audit = { tickets: tickets.length, exactlyOne: 0, duplicates: 0, missing: 0, tsRecorded: 0, registeredOnce: 0, stray: 0, linesAstray: 0, problems: [] };
  for (const ticket of tickets) {
    const messages = byTicket.get(ticket.id) ?? [];
    if (messages.length === 0) result.missing += 1;
    if (messages.length > 1) result.duplicates += messages.length - 1;
    if (messages.length !== 1) {
      result.problems.push(`${ticket.voucherNo} (ticket ${ticket.id}) has ${messages.length} messages`);
      continue;
    }
    result.exactlyOne += 1;
    const [message] = messages;
    if (ticket.slackChannelId === DISPATCH && ticket.slackMessageTs === message.ts) result.tsRecorded += 1;
    else result.problems.push(`${ticket.voucherNo} records ${ticket.slackChannelId}/${ticket.slackMessageTs}, its message is ${DISPATCH}/${message.ts}`);
    const registered = replies.filter((reply) => reply.thread_ts === message.ts && REGISTERED_LINE.test(reply.text)).length;
    if (registered === 1) result.registeredOnce += 1;
    else result.problems.push(`${ticket.voucherNo}'s thread has its registered line ${registered} times`);
  }
  const known = new Set(everyTicket.map((ticket) => ticket.id));
  result.stray = topLevel.filter((message) => !known.has(ticketIdOf(message) ?? -1)).length;
  const threads = new Set(everyTicket.map((ticket) => ticket.slackMessageTs));
  result.linesAstray = replies.filter((reply) => !threads.has(reply.thread_ts ?? null)).length;
  if (result.stray) result.problems.push(`${result.stray} top-level messages name no ticket`);
  if (result.linesAstray) result.problems.push(`${result.linesAstray} thread lines are outside their ticket's thread`);
  return result;
}

// --- the run -----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  requireBuild();
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
  };

  const slack = await startSlackFake({
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    users: { [DISPATCHER]: { name: "crash.dispatcher" } },
    channels: { [DISPATCH]: { name: "crash-dispatch" } },
  });
  const database = await openScratchDatabase("servicedesk_crash", ADMIN_URL);
  const dbUrl = database.url;
  // A working directory of its own: no .env of this checkout reaches the bot.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "servicedesk-crash-"));
  const prisma = createPrismaClient(dbUrl, { poolSize: 2 });
  const bots: Child[] = [];
  try {
    await migrate({ url: dbUrl, log: silentLog });
    const { customer } = await seed(prisma);

    const port = await freePort();
    const env = {
      DATABASE_URL: dbUrl,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: "",
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      // No scheduled jobs: only the intakes' effects are in the queue.
      JOBS_ENABLED: "false",
      LOG_LEVEL: "warn",
    };
    slack.setAppUrl(`http://127.0.0.1:${port}`);
    const first = startBot({ name: "bot", cwd, env });
    bots.push(first);
    await waitForHealth(port, first);
    const template = await intakeModal(slack, customer.id);
    console.log(`outbox crash bench: ${BURST} intakes, ${CONCURRENCY} at a time, SIGKILL after ${KILL_AFTER} acks${KILL_AT === "post" ? ", as Slack accepts the next ticket message" : ""}; node ${process.version}, ${os.cpus().length} cores`);

    // --- the same submission delivered 20 times at once (a double click, Slack's retries) ---
    const duplicate = await Promise.all(Array.from({ length: DUPLICATES }, () => submit(slack, template, DUPLICATE_VIEW, "Compressor trips (delivered 20 times)")));
    const dupAcked = duplicate.filter((outcome) => outcome.kind === "acked").length;
    const dupDrained = await untilDrained(prisma, Date.now(), 30_000);
    const dupTickets = await prisma.ticket.findMany({ where: { intakeKey: `intake:${DUPLICATE_VIEW}` }, select: { id: true, voucherNo: true, slackChannelId: true, slackMessageTs: true } });
    const dupAudit = audit(slack, dupTickets);
    const dupOk = dupAcked === DUPLICATES && dupDrained !== null && (await prisma.ticket.count()) === 1 && dupAudit.exactlyOne === 1 && dupAudit.tsRecorded === 1 && dupAudit.registeredOnce === 1 && dupAudit.problems.length === 0;
    console.log(
      `duplicate delivery: ${DUPLICATES} × one submission → ${dupAcked} acks, ${await prisma.ticket.count()} ticket, ` +
        `${slack.messagesIn(DISPATCH).filter(isTopLevel).length} message, registered line in its thread ×${dupAudit.registeredOnce}   ${dupOk ? "ok" : "FAILED"}`,
    );
    for (const problem of dupAudit.problems) console.log(`  ${problem}`);
    check(dupOk, "duplicate delivery: not one ticket with one message and one registered line");

    // --- the burst, and SIGKILL after KILL_AFTER acks ---
    const viewIdOf = (n: number) => `${BURST_VIEW}${String(n).padStart(4, "0")}`;
    const outcomes = new Map<string, Outcome>();
    let acked = 0;
    let killedAt: number | null = null;
    const kill = () => {
      if (killedAt !== null) return;
      first.child.kill("SIGKILL");
      killedAt = Date.now();
    };
    const arm = () => {
      if (KILL_AT === "ack") return kill();
      // The fake's answer to chat.postMessage is on its way: the bot dies before it can record the ts.
      const armedAt = slack.calls.length;
      const posted = (fake: SlackFake) => fake.calls.length > armedAt && isTicketPost(fake.calls.at(-1));
      slack.waitFor((fake) => posted(fake) || undefined, 5_000).then(kill, kill);
    };
    let next = 0;
    const worker = async () => {
      while (next < BURST) {
        const viewId = viewIdOf(next++);
        const outcome = await submit(slack, template, viewId, `Compressor trips (${viewId})`);
        outcomes.set(viewId, outcome);
        // Other submissions are mid-transaction then, and the workers mid-post.
        if (outcome.kind === "acked" && ++acked === KILL_AFTER) arm();
      }
    };
    const burstStarted = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    // A kill armed near the end of the burst may still be waiting for a post (5 s at most).
    while (killedAt === null && acked >= KILL_AFTER) await sleep(10);
    if (killedAt === null) first.child.kill("SIGKILL"); // too few acks: the check below fails
    await first.exited;
    check(killedAt !== null, `the bot was not killed during the burst (only ${acked} acks)`);
    const killMs = killedAt === null ? null : killedAt - burstStarted;

    // What the kill left behind, before any bot runs again.
    const atKill = {
      tickets: await prisma.ticket.count({ where: { intakeKey: { startsWith: `intake:${BURST_VIEW}` } } }),
      recorded: await prisma.ticket.count({ where: { intakeKey: { startsWith: `intake:${BURST_VIEW}` }, slackMessageTs: { not: null } } }),
      underway: await prisma.ticket.findMany({ where: { slackPostStartedAt: { not: null }, slackMessageTs: null }, select: { id: true } }),
      queued: await queuedEffects(prisma),
      locked: (await prisma.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL`)[0].n,
    };
    const postedIds = new Set(slack.messagesIn(DISPATCH).filter(isTopLevel).map(ticketIdOf));
    const postedUnrecorded = atKill.underway.filter((ticket) => postedIds.has(ticket.id)).length;

    // --- restart, same environment, and let the outbox drain ---
    const restartedAt = Date.now();
    const second = startBot({ name: "restarted bot", cwd, env });
    bots.push(second);
    await waitForHealth(port, second);
    const healthyMs = Date.now() - restartedAt;
    const drainedMs = await untilDrained(prisma, restartedAt);
    check(drainedMs !== null, `the outbox did not drain within ${DRAIN_TIMEOUT_MS / 1000} s (${await queuedEffects(prisma)} effects left)`);
    await stopChild(second);

    // --- the checks ---
    const tickets = await prisma.ticket.findMany({
      where: { intakeKey: { startsWith: `intake:${BURST_VIEW}` } },
      select: { id: true, voucherNo: true, intakeKey: true, slackChannelId: true, slackMessageTs: true },
      orderBy: { id: "asc" },
    });
    const result = audit(slack, tickets, [...tickets, ...dupTickets]);
    const byKey = new Set(tickets.map((ticket) => ticket.intakeKey));
    const list = [...outcomes.entries()];
    const ackedIds = list.filter(([, outcome]) => outcome.kind === "acked").map(([id]) => id);
    const failed = list.filter(([, outcome]) => outcome.kind === "failed");
    const refused = list.filter(([, outcome]) => outcome.kind === "refused");
    const ackedWithoutTicket = ackedIds.filter((id) => !byKey.has(`intake:${id}`));
    const lostAcks = failed.filter(([id]) => byKey.has(`intake:${id}`)).length;
    const slowAcks = list.filter(([, outcome]) => outcome.kind === "acked" && outcome.ms > 3_000).length;
    const effectFailures = await prisma.slackEffectFailure.count();
    const freed = logLines(second, "outbox: freed the effects of a bot that stopped without finishing them").flatMap((line) => (Array.isArray(line.workers) ? line.workers : []));
    const recovered = logLines(second, "found the ticket's message posted by an attempt that did not finish; keeping it").length;
    // The restarted bot's look-ups for posts a dead attempt may have made (a ticket's message, a thread line).
    const lookups = (method: string) => slack.callsTo(method).filter((call) => call.at >= restartedAt).length;
    const errorsOf = (bot: Child) => bot.output().split("\n").filter((line) => line.includes('"level":"error"'));
    const errors = [...errorsOf(first), ...errorsOf(second)];

    check(refused.length === 0, `${refused.length} submissions were refused (first: ${refused[0]?.[1].kind === "refused" ? refused[0][1].detail : ""})`);
    check(ackedWithoutTicket.length === 0, `acknowledged submissions without a ticket: ${ackedWithoutTicket.join(", ")}`);
    check(result.problems.length === 0, `${result.problems.length} ticket checks failed`);
    check(result.exactlyOne === tickets.length && result.tsRecorded === tickets.length && result.registeredOnce === tickets.length, "not every ticket has one message, its ts and its registered line");
    check(effectFailures === 0, `${effectFailures} Slack effects were recorded as failed`);

    const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`);
    const rows: [string, string | number][] = [
      ["submissions sent", list.length],
      ["acknowledged (HTTP 200, modal closed)", ackedIds.length],
      ["  of which acked after Slack's 3 s", slowAcks],
      ["failed by the kill (no answer)", failed.length],
      ["refused (errors or a notice)", refused.length],
      ["bot killed after", seconds(killMs)],
      ["at the kill: tickets committed", atKill.tickets],
      ["at the kill: messages recorded", atKill.recorded],
      ["at the kill: posts under way (already in Slack)", `${atKill.underway.length} (${postedUnrecorded})`],
      ["at the kill: effects queued (locked by the dead bot)", `${atKill.queued} (${atKill.locked})`],
      ["tickets", tickets.length],
      ["  of which the ack was lost to the kill", lostAcks],
      ["acknowledged submissions without a ticket", ackedWithoutTicket.length],
      ["tickets with exactly one message", result.exactlyOne],
      ["duplicate messages", result.duplicates],
      ["missing messages", result.missing],
      ["ticket's recorded ts = its message", result.tsRecorded],
      ["threads with the registered line exactly once", result.registeredOnce],
      ["top-level messages naming no ticket", result.stray],
      ["thread lines outside their ticket's thread", result.linesAstray],
      ["dead bot's workers freed / messages found by metadata", `${freed.length} / ${recovered}`],
      ["look-ups after the restart: history / replies", `${lookups("conversations.history")} / ${lookups("conversations.replies")}`],
      ["effects recorded as failed", effectFailures],
      ["errors logged: before the kill / after the restart", `${errorsOf(first).length} / ${errorsOf(second).length}`],
      ["restart → healthy", seconds(healthyMs)],
      ["restart → outbox drained", seconds(drainedMs)],
    ];
    console.log("");
    for (const [label, value] of rows) console.log(`  ${label.padEnd(54)} ${String(value).padStart(10)}`);
    for (const problem of result.problems.slice(0, 10)) console.log(`  problem: ${problem}`);
    if (errors.length) console.log(`\n  the bots logged ${errors.length} errors; first:\n  ${errors[0]}`);
    if (failures.length) {
      console.log(`\nFAILED:\n${failures.map((failure) => `  - ${failure}`).join("\n")}`);
      process.exitCode = 1;
    } else {
      console.log("\nok: every acknowledged ticket has exactly one message, with its history in one thread");
    }
  } finally {
    for (const bot of bots) {
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
      await bot.exited;
    }
    await prisma.$disconnect();
    await slack.close();
    await database.drop();
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
