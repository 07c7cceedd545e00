// `npm run bench`: signed Slack requests against what users run — the built bot, `node dist/src/main.js`,
// a child process in HTTP mode against the Slack fake and a scratch database — and, the same way, a
// bare Bolt app acking the same requests (bench/bare-bolt.ts, its own process). Scenarios: /repair
// help, a complete intake submission (the ticket is registered before the ack), the Assign button
// (views.open with a trigger issued at the click), a Report work submission (hours, a part from stock,
// fee lines, the expected completion — recorded before the ack) and thread-reply events (`hours 0.5 B`
// in a ticket's thread: acked at once, recorded after). Every scenario runs at each concurrency level
// in turn (50, then 200 connections) against the same bot process. Prints ack latency p50/p99,
// throughput and the ratio to bare Bolt; each process's memory (RSS at rest, each scenario's peak,
// VmHWM); the Assign button's views.open calls (expired triggers); how fast thread replies are
// recorded and how many were lost; the Slack posts the outbox sent after each scenario; and checks
// that no post was made twice. Exits 1 on any error.
//
// `npm run bench -- --replicas 3`: three bots (JOBS_ENABLED=true, one database, one Slack fake) on
// their own ports, requests round-robin across them; then the scheduled jobs' runs (each claimed by
// exactly one replica), posts made twice (none), and a SIGKILL of one replica in the middle of a burst
// of intakes: every intake acked with HTTP 200 must end up as a ticket with exactly one message.
//
// Environment: BENCH_REQUESTS (measured requests per run, default 500; a quarter of that, 200 to 500,
// as warm-up before), BENCH_CONCURRENCY ("50,200", or one level), BENCH_ONLY ("report work,thread
// reply event" runs those scenarios), and a PostgreSQL server whose role may create databases in
// TEST_DATABASE_URL or DATABASE_URL (a scratch database is created and dropped); without one, an
// embedded server is started in a temporary directory. `npm run bench` builds first (`npm run build`).
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type { Db } from "../src/db";
import { createPrismaClient } from "../src/db/client";
import { migrate } from "../src/db/migrator";
import { silentLog } from "../src/logger";
import { ACK_BUDGET_MS } from "../src/handlers/support/ack-budget";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "../src/views/ids";
import { messagesFor } from "../src/views/messages";
import { createBranchWithCalendar, createCustomer, createDispatcher, createEquipment, createPart, createStaff, createTechnician, createTicket } from "../test/support/factories/data";
import { freePort } from "../test/support/free-port";
import { signSlackRequest, startSlackFake, type FakeMessage, type SlackFake } from "../src/sandbox/slack";
import { runLoad, type LoadRequest, type LoadResult } from "./load";
import { LogWatch, openScratchDatabase, readMemory, requireBuild, sampleMemory, sleep, startBareBolt, startBot, stopChild, waitForHealth, waitForOutput, type Child } from "./processes";
import { summarise } from "./stats";
import { runYearBench } from "./year";

// 500 by default (3000 before the bot ran in its own process): every scenario at two levels, the
// outbox's posts and the thread replies' recording waited for, keeps a run within ~5 minutes on 2 cores.
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 500);
const WARMUP = Math.min(500, Math.max(200, Math.ceil(TOTAL / 4)));
const LEVELS = (process.env.BENCH_CONCURRENCY ?? "50,200")
  .split(",")
  .map((level) => Number(level.trim()))
  .filter((level) => Number.isInteger(level) && level > 0);
const REPLICAS = replicasArgument(process.argv.slice(2));
const ONLY = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const SIGNING_SECRET = "bench-signing-secret";
const BOT_TOKEN = "xoxb-bench";
/** After /healthz, before the memory at rest is read. */
const SETTLE_MS = 3_000;
/** How long the outbox gets to send what a scenario queued before the next one starts. */
const DRAIN_TIMEOUT_MS = 180_000;
/** The replicas' crash check: intakes in the burst, at once, and the wait for their messages. */
const CRASH_INTAKES = 300;
const CRASH_CONCURRENCY = 20;
const CRASH_SETTLE_MS = 60_000;
/** What one bot may hold at most: 10 for requests, 6 for the outbox, its liveness lock, 2 for /metrics. */
const BOT_CONNECTIONS = 19;

const USERS = 50;
const TECHNICIANS = 12;
const DISPATCH_CHANNEL = "C0BENCHDSP";
// What the outbox puts in a ticket message's metadata (src/publish/ticket-effects.ts).
const TICKET_EVENT = "servicedesk_ticket";
const userOf = (index: number) => `U0BENCH${String(index % USERS).padStart(2, "0")}`;
const technicianOf = (index: number) => `U0BTECH${index}`;
/** Told of each invoice request (R10) by DM. */
const ACCOUNTANT = "U0BACCT";

function replicasArgument(args: string[]): number {
  const at = args.findIndex((arg) => arg === "--replicas" || arg.startsWith("--replicas="));
  if (at === -1) return 0;
  const value = Number(args[at].includes("=") ? args[at].split("=")[1] : args[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--replicas wants a number of bots, got ${args[at + 1]}`);
  return value;
}

// --- requests ----------------------------------------------------------------------------------------

function signed(body: string, contentType: string): LoadRequest {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    path: "/slack/events",
    body,
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signSlackRequest(SIGNING_SECRET, timestamp, body),
    },
  };
}

function slashCommand(text: string, index: number): LoadRequest {
  const body = new URLSearchParams({
    token: "bench",
    team_id: "T0BENCH",
    team_domain: "bench",
    channel_id: "C0BENCH",
    channel_name: "bench",
    user_id: userOf(index),
    user_name: "bench",
    command: "/repair",
    text,
    api_app_id: "A0BENCH",
    response_url: "http://127.0.0.1:9/response",
    trigger_id: `${index}.bench`,
  }).toString();
  return signed(body, "application/x-www-form-urlencoded");
}

function interaction(payload: Record<string, unknown>): LoadRequest {
  return signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded");
}

/** A complete intake of the intake modal, under its own view id (Slack gives each modal its own). */
function intakeSubmission(seed: Seed, viewId: string, userId: string, fault: string): LoadRequest {
  return interaction({
    type: "view_submission",
    team: { id: "T0BENCH" },
    user: { id: userId },
    api_app_id: "A0BENCH",
    view: {
      id: viewId,
      type: "modal",
      callback_id: VIEWS.intake,
      hash: `${viewId}.bench`,
      private_metadata: JSON.stringify({ mode: "new", customerId: seed.customer.id, newCustomer: false, suggestedCategory: "A_PAID" }),
      blocks: [],
      state: {
        values: {
          [BLOCKS.intakeCustomer]: { [ACTIONS.intakeCustomerSelect]: { type: "external_select", selected_option: { text: { type: "plain_text", text: "Bench Foods" }, value: String(seed.customer.id) } } },
          [BLOCKS.intakeEquipment]: { [ACTIONS.intakeEquipmentSelect]: { type: "static_select", selected_option: { text: { type: "plain_text", text: "AC-900" }, value: String(seed.equipment.id) } } },
          [BLOCKS.intakeFault]: { [INPUTS.fault]: { type: "plain_text_input", value: fault } },
        },
      },
    },
  });
}

const SAVING = JSON.stringify(messagesFor().slowSave.saving).slice(1, -1);

/**
 * What a view submission's answer told the person: "closed" (saved), "saving" (past the ack budget
 * the bot says "Saving…" and tells the outcome by DM), "errors" (on the fields), "notice" (the modal
 * replaced by another message: a refusal or a failure), or the HTTP status (Bolt's 404 when nothing
 * acked within 3 s).
 */
function submissionAnswer(status: number, body: string): "closed" | "saving" | "errors" | "notice" | string {
  if (status !== 200) return `HTTP ${status}`;
  if (body.trim() === "") return "closed";
  try {
    const answer = JSON.parse(body) as { response_action?: string };
    if (!answer.response_action) return "closed";
    if (answer.response_action === "errors") return "errors";
    return body.includes(SAVING) ? "saving" : "notice";
  } catch {
    return "closed";
  }
}

/** A submission the bot took: saved before the ack, or being saved past the ack budget. */
const accepted = (status: number, body: string) => ["closed", "saving"].includes(submissionAnswer(status, body));

// --- seed ------------------------------------------------------------------------------------------

type Seed = Awaited<ReturnType<typeof seedBranch>>;
type PostedTicket = { id: number; ts: string; technician: string };

/**
 * What a dispatcher's branch needs: users, a customer, 200 tickets to assign; calls on site for the
 * Report work submissions (one each) and 200 for the thread replies, whose ticket messages are
 * posted in the fake first (as the bot would have), so that the updates and thread lines that
 * follow find them.
 */
async function seedBranch(prisma: Db, slack: SlackFake, reports: number) {
  const branch = await createBranchWithCalendar(prisma, { code: "BENCH", name: "Bench branch", timeZone: "Asia/Seoul", dispatchChannelId: DISPATCH_CHANNEL, weekdays: [0, 1, 2, 3, 4, 5, 6], opensAt: 0, closesAt: 1440 });
  for (let i = 0; i < USERS; i++) await createDispatcher(prisma, { slackUserId: userOf(i), name: `Dispatcher ${i}`, branchId: branch.id });
  for (let i = 0; i < TECHNICIANS; i++) await createTechnician(prisma, { slackUserId: technicianOf(i), name: `Technician ${i}`, branchId: branch.id, areas: ["URBAN"] });
  await createStaff(prisma, { slackUserId: ACCOUNTANT, name: "Bench Accountant", roles: ["ACCOUNTANT"], branchId: branch.id });
  const customer = await createCustomer(prisma, { name: "Bench Foods", area: "URBAN", grade: "A", branchId: branch.id });
  const equipment = await createEquipment(prisma, { customerId: customer.id, model: "AC-900", serial: "BENCH-1" });
  const tickets = [];
  for (let i = 0; i < 200; i++) tickets.push(await createTicket(prisma, { branchId: branch.id, customerId: customer.id, equipmentId: equipment.id, status: "REGISTERED" }));
  const technicians = await prisma.staff.findMany({ where: { branchId: branch.id, roles: { has: "TECHNICIAN" } }, orderBy: { id: "asc" } });
  const part = await createPart(prisma, { partNo: "BENCH-FAN", name: "Bench fan", unitPrice: 25000, stock: [{ branchId: branch.id, quantity: 1_000_000 }] });
  const onSite = async (count: number, prefix: string): Promise<PostedTicket[]> => {
    const created = [];
    for (let i = 0; i < count; i++) {
      created.push({
        voucherNo: `SV-2026-${prefix}${String(i).padStart(5, "0")}`,
        branchId: branch.id,
        customerId: customer.id,
        equipmentId: equipment.id,
        status: "ON_SITE" as const,
        category: "A_PAID" as const,
        suggestedCategory: "A_PAID" as const,
        area: "URBAN" as const,
        receivedAt: new Date(),
        calledAt: new Date(),
        arrivedAt: new Date(),
        assignedTechnicianId: technicians[i % technicians.length].id,
      });
    }
    await prisma.ticket.createMany({ data: created });
    const rows = await prisma.ticket.findMany({ where: { voucherNo: { startsWith: `SV-2026-${prefix}` } }, orderBy: { id: "asc" } });
    await prisma.assignment.createMany({
      data: rows.map((row) => ({ ticketId: row.id, technicianId: row.assignedTechnicianId!, assignedById: technicians[0].id, assignedAt: new Date(), acceptedAt: new Date() })),
    });
    const posted = await postTicketMessages(slack, rows);
    await prisma.$executeRawUnsafe(
      `UPDATE "Ticket" t SET "slackChannelId" = $2, "slackMessageTs" = v.ts FROM json_to_recordset($1::json) AS v(id int, ts text) WHERE t.id = v.id`,
      JSON.stringify(posted),
      DISPATCH_CHANNEL,
    );
    return posted.map(({ id, ts }) => ({ id, ts, technician: technicians.find((t) => t.id === rows.find((row) => row.id === id)!.assignedTechnicianId)!.slackUserId }));
  };
  const toReport = await onSite(reports, "8");
  const threads = await onSite(200, "9");
  return { customer, equipment, tickets, part, toReport, threads };
}

/** Each ticket's message, posted through the fake's Web API with the metadata the bot gives it. */
async function postTicketMessages(slack: SlackFake, tickets: { id: number; voucherNo: string }[]): Promise<{ id: number; ts: string }[]> {
  const posted: { id: number; ts: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tickets.length) {
      const ticket = tickets[next++];
      const response = await fetch(`${slack.apiUrl}chat.postMessage`, {
        method: "POST",
        headers: { authorization: `Bearer ${BOT_TOKEN}`, "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify({ channel: DISPATCH_CHANNEL, text: `${ticket.voucherNo} (bench seed)`, metadata: { event_type: TICKET_EVENT, event_payload: { ticket_id: ticket.id } } }),
      });
      const answer = (await response.json()) as { ok: boolean; ts?: string; error?: string };
      if (!answer.ok || !answer.ts) throw new Error(`seeding: chat.postMessage answered ${answer.error}`);
      posted.push({ id: ticket.id, ts: answer.ts });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return posted;
}

// --- the bot's own view of its acks ------------------------------------------------------------------

/**
 * The bots' servicedesk_slack_ack_seconds histogram, every listener summed: cumulative counts by
 * bucket bound (seconds). The load generator's latency also holds the time a request waited in the
 * kernel and, for the bot, the time this process (which also plays Slack for the bot's Web API calls)
 * took to read the answer; the bot's own figure does not, and the two side by side say where a tail is.
 */
interface AckScrape {
  /** Cumulative ack counts by bucket bound (seconds), every bot and listener summed. */
  buckets: Map<number, number>;
  /** The bots' longest event-loop delay since their previous scrape. */
  loopMaxMs?: number;
}

async function ackHistogram(ports: number[]): Promise<AckScrape> {
  const scrape: AckScrape = { buckets: new Map() };
  const { buckets } = scrape;
  for (const port of ports) {
    const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((response) => response.text(), () => "");
    // prom-client's event-loop figures cover the time since the previous scrape (the one before the run).
    const loopMax = /^nodejs_eventloop_lag_max_seconds (\S+)/m.exec(text);
    if (loopMax) scrape.loopMaxMs = Math.max(scrape.loopMaxMs ?? 0, Number(loopMax[1]) * 1000);
    for (const match of text.matchAll(/^servicedesk_slack_ack_seconds_bucket\{[^}]*le="([^"]+)"[^}]*\} (\d+)/gm)) {
      const bound = match[1] === "+Inf" ? Infinity : Number(match[1]);
      buckets.set(bound, (buckets.get(bound) ?? 0) + Number(match[2]));
    }
  }
  return scrape;
}

/** The run's acks (after minus before) as bucket bounds: "p50 ≤ 25 ms, p99 ≤ 1,000 ms, n 500". */
function describeAcks(before: AckScrape, after: AckScrape): string {
  const bounds = [...after.buckets.keys()].sort((a, b) => a - b);
  const counts = bounds.map((bound) => (after.buckets.get(bound) ?? 0) - (before.buckets.get(bound) ?? 0));
  const total = counts[counts.length - 1] ?? 0;
  if (!total) return "none recorded";
  const bound = (q: number) => {
    const index = counts.findIndex((count) => count >= q * total);
    const seconds = bounds[index]!;
    return Number.isFinite(seconds) ? `≤ ${(seconds * 1000).toLocaleString("en-US")} ms` : `> ${(bounds[index - 1]! * 1000).toLocaleString("en-US")} ms`;
  };
  const loop = after.loopMaxMs === undefined ? "" : `; its event loop's longest delay ${after.loopMaxMs.toFixed(0)} ms`;
  return `p50 ${bound(0.5)}, p99 ${bound(0.99)}, n ${total}${loop}`;
}

// --- scenarios ---------------------------------------------------------------------------------------

type Target = "bare" | "bot";

interface Scenario {
  name: string;
  /** Made just before it is sent (the click, the message): `target` says which app gets it. */
  request: (index: number, target: Target, measured: boolean) => LoadRequest;
  check: (status: number, body: string) => boolean;
  /** What each answer told the person, tallied for the bot's measured run when not all alike. */
  answer?: (status: number, body: string) => string;
  /** Before the level's warm-up. */
  begin?: (prisma: Db) => void | Promise<void>;
  /** After the bot's warm-up: waits for what its acks left to do, so that the measured runs start clean. */
  settle?: (prisma: Db) => Promise<void>;
  /** Once the runs are over: waits for what follows the acks, prints it, returns failures. */
  after?: (context: Context) => Promise<string[]>;
}

interface Context {
  prisma: Db;
  /** Concurrent connections. */
  level: number;
  /** The bot's requests acked with a 200 in the measured run. */
  acked: number;
}

function scenarios(seed: Seed, slack: SlackFake): Scenario[] {
  // Each submission is a different modal (view id), across warm-up and measured runs alike.
  let submission = 0;
  // Report work: each of the bot's submissions takes the next ticket on site (a report moves it on).
  let report = 0;
  let reply = 0;
  // The Assign button: the triggers of the bot's clicks (warm-up, measured), and when each was issued.
  let warmupTriggers = new Map<string, number>();
  let triggers = new Map<string, number>();
  const opened = (issued: Map<string, number>) => slack.callsTo("views.open").filter((call) => issued.has(String(call.args.trigger_id)) && call.status !== undefined);
  const untilOpened = async (issued: Map<string, number>, count: number) => {
    const waitedFrom = Date.now();
    while (opened(issued).length < count && Date.now() - waitedFrom < 30_000) await sleep(100);
    return opened(issued);
  };
  // Thread replies: when the bot's first measured one was sent, and the WorkLog rows before it.
  let firstReplySentAt = 0;
  let repliesBefore = 0;
  const replies = { hours: 0.5, category: "B_CONTRACT" as const };
  /** Until `expected` more replies than `before` are recorded, or 20 s without one more; how many were. */
  const untilRecorded = async (prisma: Db, before: number, expected: number) => {
    let recorded = 0;
    let progressAt = Date.now();
    while (recorded < expected && Date.now() - progressAt < 20_000) {
      const now = (await prisma.workLog.count({ where: replies })) - before;
      if (now > recorded) progressAt = Date.now();
      recorded = now;
      if (recorded < expected) await sleep(250);
    }
    return recorded;
  };
  return [
    {
      name: "/repair help",
      request: (i) => slashCommand("help", i),
      check: (status, body) => status === 200 && body.includes("How to use /repair"),
    },
    {
      // A complete intake: the service runs (R1, R4, R6, one transaction) before the ack.
      name: "intake submission",
      request: (i) => {
        const n = ++submission;
        return intakeSubmission(seed, `VBENCH${process.pid}-${n}`, userOf(i), `Compressor trips (bench ${n})`);
      },
      check: accepted,
      answer: submissionAnswer,
    },
    {
      // The Assign button: ack, then the technicians' load and views.open with the trigger Slack
      // issued at the click (3 s to use it), here just before the request is sent.
      name: "assign action",
      begin: () => {
        warmupTriggers = new Map();
        triggers = new Map();
      },
      request: (i, target, measured) => {
        const triggerId = slack.issueTrigger(userOf(i));
        if (target === "bot") (measured ? triggers : warmupTriggers).set(triggerId, Date.now());
        return interaction({
          type: "block_actions",
          team: { id: "T0BENCH" },
          user: { id: userOf(i) },
          api_app_id: "A0BENCH",
          trigger_id: triggerId,
          response_url: slack.issueResponseUrl("actions", { channel: DISPATCH_CHANNEL, userId: userOf(i) }),
          channel: { id: DISPATCH_CHANNEL },
          container: { type: "message", channel_id: DISPATCH_CHANNEL, message_ts: "1.000001" },
          actions: [{ type: "button", action_id: ACTIONS.ticketAssign, block_id: BLOCKS.ticketActions, value: String(seed.tickets[i % seed.tickets.length].id), action_ts: "1.0" }],
        });
      },
      check: (status) => status === 200,
      // The warm-up's modals are opened before the measured clicks start.
      settle: async () => void (await untilOpened(warmupTriggers, warmupTriggers.size)),
      after: async ({ acked, level }) => {
        // The bot opens the modal after the ack: wait until each acked click has its views.open.
        const calls = await untilOpened(triggers, acked);
        const failed = new Map<string, number>();
        for (const call of calls) if (call.response?.ok !== true) failed.set(String(call.response?.error), (failed.get(String(call.response?.error)) ?? 0) + 1);
        const expired = failed.get("expired_trigger_id") ?? 0;
        const others = [...failed].filter(([error]) => error !== "expired_trigger_id");
        const delay = summarise(calls.map((call) => call.at - triggers.get(String(call.args.trigger_id))!));
        console.log(
          `  views.open: ${calls.length} calls for ${acked} acked clicks, ${expired} expired_trigger_id (goal 0)` +
            `${others.length ? `, other errors: ${others.map(([error, n]) => `${error} ×${n}`).join(", ")}` : ""}; click → views.open p50 ${delay.p50.toFixed(0)} ms, p99 ${delay.p99.toFixed(0)} ms, max ${delay.max.toFixed(0)} ms`,
        );
        const problems = [];
        if (calls.length < acked) problems.push(`assign action at ${level}: ${acked - calls.length} acked clicks had no views.open within 30 s`);
        if (failed.size) problems.push(`assign action at ${level}: ${[...failed.values()].reduce((sum, n) => sum + n, 0)} views.open calls failed (${[...failed].map(([error, n]) => `${error} ×${n}`).join(", ")})`);
        return problems;
      },
    },
    {
      // R9–R14: a paid report (1.5 h of A, one part from stock, travel, signed, an invoice requested —
      // above the on-site limit —, rescheduled with the expected completion R12 asks for): the ticket
      // is locked, hours, part usage with the conditional stock decrement, fee lines, the invoice
      // request and audit in one transaction, before the ack.
      name: "report work",
      request: (i, target) => {
        // Bare Bolt records nothing: its requests reuse the first ticket.
        const ticket = target === "bot" ? seed.toReport[report++] : seed.toReport[0];
        if (!ticket) throw new Error("report work: no ticket on site left (seeded too few)");
        const inThreeDays = Math.floor(Date.now() / 1000) + 3 * 86_400;
        return interaction({
          type: "view_submission",
          team: { id: "T0BENCH" },
          user: { id: ticket.technician },
          api_app_id: "A0BENCH",
          view: {
            id: `VREPORT${process.pid}-${target}-${i}-${report}`,
            type: "modal",
            callback_id: VIEWS.reportWork,
            hash: `${i}.bench`,
            private_metadata: JSON.stringify({ ticketId: ticket.id, rows: 1, chargeable: true, category: "A_PAID", status: "ON_SITE" }),
            blocks: [],
            state: {
              values: {
                [BLOCKS.reportHoursPrefix + "A_PAID"]: { [INPUTS.reportHours]: { type: "number_input", value: "1.5" } },
                [BLOCKS.reportPartPrefix + "0"]: { [ACTIONS.reportPartSelect]: { type: "external_select", selected_option: { text: { type: "plain_text", text: "BENCH-FAN" }, value: String(seed.part.id) } } },
                [BLOCKS.reportPartQtyPrefix + "0"]: { [INPUTS.reportQuantity]: { type: "number_input", value: "1" } },
                [BLOCKS.reportOutcomeBlock]: { [ACTIONS.reportOutcome]: { type: "radio_buttons", selected_option: { text: { type: "plain_text", text: "Rescheduled" }, value: "RESCHEDULED" } } },
                [BLOCKS.reportExpectedCompletion]: { [INPUTS.reportExpectedCompletion]: { type: "datetimepicker", selected_date_time: inThreeDays } },
                [BLOCKS.reportTravel]: { [INPUTS.reportTravel]: { type: "number_input", value: "10000" } },
                // R10: above the branch's on-site limit, so invoiced (collecting it on site is refused).
                [BLOCKS.reportSettlement]: { [INPUTS.reportSettlement]: { type: "radio_buttons", selected_option: { text: { type: "plain_text", text: "Request an invoice" }, value: "INVOICE_REQUESTED" } } },
                [BLOCKS.reportSignedBy]: { [INPUTS.reportSignedBy]: { type: "plain_text_input", value: "Bench Customer" } },
                [BLOCKS.reportFeeAgreed]: { [INPUTS.reportFeeAgreed]: { type: "checkboxes", selected_options: [{ text: { type: "plain_text", text: "Agreed" }, value: "agreed" }] } },
              },
            },
          },
        });
      },
      check: accepted,
      answer: submissionAnswer,
    },
    {
      // A technician's `hours 0.5 B` in a ticket's thread: Events API, acked at once, recorded after.
      // The message is in the channel first (Slack stores it, then delivers the event): the bot reacts to it.
      name: "thread reply event",
      begin: async (prisma) => {
        firstReplySentAt = 0;
        repliesBefore = await prisma.workLog.count({ where: replies });
      },
      request: (_i, target, measured) => {
        const n = ++reply;
        const thread = seed.threads[n % seed.threads.length];
        if (target === "bot" && measured && firstReplySentAt === 0) firstReplySentAt = Date.now();
        const ts = slack.addUserMessage({ channel: DISPATCH_CHANNEL, user: thread.technician, text: "hours 0.5 B", threadTs: thread.ts });
        return signed(
          JSON.stringify({
            token: "bench",
            team_id: "T0BENCH",
            api_app_id: "A0BENCH",
            type: "event_callback",
            event_id: `EvBENCH${process.pid}x${n}`,
            event_time: Math.floor(Date.now() / 1000),
            event: { type: "message", channel: DISPATCH_CHANNEL, channel_type: "channel", user: thread.technician, text: "hours 0.5 B", ts, thread_ts: thread.ts, event_ts: ts },
          }),
          "application/json",
        );
      },
      check: (status) => status === 200,
      // The warm-up's replies are recorded before the measured runs (bare Bolt's then has the machine to itself).
      settle: async (prisma) => {
        await untilRecorded(prisma, repliesBefore, WARMUP);
        repliesBefore = await prisma.workLog.count({ where: replies });
      },
      after: async ({ prisma, level }) => {
        // Acked before they are handled: wait until every measured reply of the bot's is recorded (a
        // WorkLog each), as long as they keep coming, and say how fast that went from the first one sent.
        const expected = TOTAL;
        const recorded = await untilRecorded(prisma, repliesBefore, expected);
        const last = await prisma.workLog.aggregate({ where: replies, _max: { createdAt: true } });
        const seconds = ((last._max.createdAt?.getTime() ?? Date.now()) - firstReplySentAt) / 1000;
        const lost = expected - recorded;
        console.log(`  recorded ${recorded}/${expected} replies (WorkLog rows) in ${seconds.toFixed(1)} s from the first sent to the last recorded: ${(recorded / seconds).toFixed(0)} replies/s; lost ${lost}`);
        return lost > 0 ? [`thread reply event at ${level}: ${lost} of ${expected} replies were not recorded (20 s without progress)`] : [];
      },
    },
  ];
}

// --- the bots --------------------------------------------------------------------------------------

interface Bot extends Child {
  port: number;
  /** RSS 3 s after /healthz, MB. */
  restMb?: number;
}

async function startBots(count: number, env: Record<string, string>, watch: LogWatch, cwd: string): Promise<Bot[]> {
  const bots: Bot[] = [];
  for (let n = 1; n <= count; n++) {
    const name = count > 1 ? `replica ${n}` : "bot";
    const port = await freePort();
    bots.push({ ...startBot({ name, cwd, env: { ...env, PORT: String(port) }, onLine: watch.watch(name) }), port });
  }
  await Promise.all(bots.map((bot) => waitForHealth(bot.port, bot)));
  return bots;
}

/** Effects still queued for the outbox (waiting, retrying or locked). */
async function queuedEffects(prisma: Db): Promise<number> {
  const [row] = await prisma.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`;
  return row.n;
}

/** Waits until the outbox has sent what the scenario queued; prints how long it took and what was called. */
async function drainOutbox(prisma: Db, slack: SlackFake, since: number, { quiet = false } = {}): Promise<string[]> {
  const queued = await queuedEffects(prisma);
  const started = Date.now();
  let left = queued;
  while (left > 0 && Date.now() - started < DRAIN_TIMEOUT_MS) {
    await sleep(200);
    left = await queuedEffects(prisma);
  }
  if (quiet) return [];
  const calls = slack.calls.filter((call) => call.at >= since);
  const byMethod = new Map<string, { n: number; errors: Map<string, number> }>();
  for (const call of calls) {
    const entry = byMethod.get(call.method) ?? { n: 0, errors: new Map<string, number>() };
    entry.n += 1;
    if (call.response && call.response.ok !== true) entry.errors.set(String(call.response.error), (entry.errors.get(String(call.response.error)) ?? 0) + 1);
    byMethod.set(call.method, entry);
  }
  const described = [...byMethod]
    .sort((a, b) => b[1].n - a[1].n)
    .map(([method, { n, errors }]) => `${method} ${n}${errors.size ? ` (failed: ${[...errors].map(([e, k]) => `${e} ×${k}`).join(", ")})` : ""}`);
  if (queued > 0) console.log(`  outbox: ${queued} effects still queued at the end of the run, sent ${((Date.now() - started) / 1000).toFixed(1)} s later${left ? `; ${left} STILL QUEUED after ${DRAIN_TIMEOUT_MS / 1000} s` : ""}`);
  if (described.length) console.log(`  Web API calls (warm-ups included): ${described.join(", ")}`);
  return left ? [`outbox: ${left} effects still queued ${DRAIN_TIMEOUT_MS / 1000} s after the run`] : [];
}

// --- output ------------------------------------------------------------------------------------------

const mb = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "—" : `${value.toFixed(0)} MB`);

function line(label: string, r: { p50: number; p99: number; throughput: number; errors: number }, peak?: number): string {
  return `  ${label.padEnd(20)} p50 ${r.p50.toFixed(2).padStart(8)} ms   p99 ${r.p99.toFixed(2).padStart(8)} ms   ${r.throughput.toFixed(0).padStart(6)} req/s   errors ${String(r.errors).padEnd(4)}${peak === undefined ? "" : `   peak RSS ${mb(peak)}`}`;
}

// --- replicas' checks -------------------------------------------------------------------------------

/** (a) Every JobRun row claimed by one of the replicas; how many each claimed. */
async function checkJobRuns(prisma: Db, bots: Bot[], killed: Bot | undefined, startedAt: number): Promise<string[]> {
  const runs = await prisma.jobRun.findMany({ select: { job: true, periodKey: true, status: true, claimedBy: true }, orderBy: [{ job: "asc" }, { periodKey: "asc" }] });
  const replicaOf = (claimedBy: string) => bots.find((bot) => claimedBy.endsWith(`:${bot.pid}`));
  const perJob = new Map<string, { periods: number; byReplica: Map<string, number>; statuses: Map<string, number>; minutes: Set<number> }>();
  const byReplica = new Map<string, number>(bots.map((bot) => [bot.name, 0]));
  let unknown = 0;
  for (const run of runs) {
    const job = perJob.get(run.job) ?? { periods: 0, byReplica: new Map<string, number>(), statuses: new Map<string, number>(), minutes: new Set<number>() };
    job.periods += 1;
    // The minute scans' periods are UTC minutes (src/jobs/periods.ts, everyMinute).
    const minute = /:(\d{4}-\d\d-\d\dT\d\d:\d\d)$/.exec(run.periodKey)?.[1];
    if (minute) job.minutes.add(Date.parse(`${minute}:00Z`));
    const replica = replicaOf(run.claimedBy)?.name;
    if (!replica) unknown += 1;
    const who = replica ?? `unknown (${run.claimedBy})`;
    job.byReplica.set(who, (job.byReplica.get(who) ?? 0) + 1);
    job.statuses.set(run.status, (job.statuses.get(run.status) ?? 0) + 1);
    byReplica.set(who, (byReplica.get(who) ?? 0) + 1);
    perJob.set(run.job, job);
  }
  // Every whole minute the replicas were up, but the current one (its tick may be under way).
  const firstMinute = Math.ceil(startedAt / 60_000) * 60_000;
  const lastMinute = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  const expectedMinutes = Math.max(0, (lastMinute - firstMinute) / 60_000 + 1);
  console.log(`\nscheduled jobs: ${runs.length} runs (JobRun rows; one per job and period, the unique key)`);
  for (const [name, job] of perJob) {
    const who = [...job.byReplica].map(([replica, n]) => `${replica} ${n}`).join(", ");
    const statuses = [...job.statuses].map(([status, n]) => `${status.toLowerCase()} ${n}`).join(", ");
    let covered = "";
    if (job.minutes.size) {
      const missed = Array.from({ length: expectedMinutes }, (_, i) => firstMinute + i * 60_000).filter((minute) => !job.minutes.has(minute)).length;
      covered = `; minutes run ${expectedMinutes - missed} of ${expectedMinutes}${missed ? ` (${missed} missed)` : ""}`;
    }
    console.log(`  ${name.padEnd(26)} ${String(job.periods).padStart(3)} periods, claimed by ${who} (${statuses})${covered}`);
  }
  const left = killed ? runs.filter((run) => run.status === "RUNNING" && run.claimedBy.endsWith(`:${killed.pid}`)).length : 0;
  console.log(`  every run claimed by exactly one replica: ${unknown === 0 ? "yes" : `NO, ${unknown} by none of them`}; runs per replica: ${[...byReplica].map(([replica, n]) => `${replica} ${n}`).join(", ")}`);
  if (left) console.log(`  ${left} left RUNNING by the killed replica (taken over after JOB_STALE_MINUTES)`);
  const failed = runs.filter((run) => run.status === "FAILED").length;
  return [...(unknown ? [`jobs: ${unknown} runs claimed by none of the replicas`] : []), ...(failed ? [`jobs: ${failed} runs FAILED`] : [])];
}

/** (b) No post made twice: ticket messages per ticket, and every other post with metadata per place. */
async function checkPostedOnce(prisma: Db, slack: SlackFake): Promise<string[]> {
  const channels = [DISPATCH_CHANNEL, ...[...slack.config.users.keys()].map((user) => `D${user.slice(1)}`)];
  const perTicket = new Map<number, number>();
  const perPost = new Map<string, number>();
  let withMetadata = 0;
  for (const channel of channels) {
    for (const message of slack.messagesIn(channel)) {
      const metadata = message.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
      if (!metadata?.event_type) continue;
      withMetadata += 1;
      if (metadata.event_type === TICKET_EVENT && isTopLevel(message)) {
        const id = Number(metadata.event_payload?.ticket_id);
        perTicket.set(id, (perTicket.get(id) ?? 0) + 1);
      } else {
        const key = `${channel} ${message.thread_ts ?? ""} ${metadata.event_type} ${JSON.stringify(metadata.event_payload)}`;
        perPost.set(key, (perPost.get(key) ?? 0) + 1);
      }
    }
  }
  // Registered by an intake: each must have its message once the outbox has drained.
  const unposted = await prisma.ticket.count({ where: { intakeKey: { not: null }, slackMessageTs: null } });
  const ticketDuplicates = [...perTicket.values()].reduce((sum, n) => sum + n - 1, 0);
  const otherDuplicates = [...perPost.values()].reduce((sum, n) => sum + n - 1, 0);
  const twice = [...perTicket].filter(([, n]) => n > 1).map(([id]) => id);
  console.log(
    `\nposts (the fake's channels, by the metadata the bot attaches): ${withMetadata} messages; ${perTicket.size} tickets have a ticket message, ` +
      `${ticketDuplicates} duplicate ticket messages (goal 0)${twice.length ? ` — tickets ${twice.slice(0, 10).join(", ")}` : ""}; ` +
      `other posts made twice in the same place: ${otherDuplicates} (goal 0); intake tickets without their message: ${unposted}`,
  );
  return [
    ...(ticketDuplicates ? [`posts: ${ticketDuplicates} duplicate ticket messages`] : []),
    ...(otherDuplicates ? [`posts: ${otherDuplicates} posts made twice`] : []),
    ...(unposted ? [`posts: ${unposted} intake tickets without their message`] : []),
  ];
}

const isTopLevel = (message: FakeMessage) => message.thread_ts === undefined || message.thread_ts === message.ts;

/**
 * (c) A burst of intakes round-robin across the replicas; after 30–60% of them are acked one replica
 * gets SIGKILL (and leaves the rotation, as behind a load balancer). Every intake acknowledged with
 * HTTP 200 and no errors — saved (the modal closes) or "Saving…" (past the ack budget, the outcome to
 * follow by DM) — must become a ticket with exactly one ticket message, posted by the replicas left
 * (the outbox frees a dead bot's effects within seconds), within a minute.
 */
async function crashOneReplica(prisma: Db, slack: SlackFake, seed: Seed, bots: Bot[]): Promise<{ failures: string[]; killed: Bot }> {
  const victim = bots[bots.length - 1];
  const ports = bots.map((bot) => bot.port);
  const killAfter = Math.floor(CRASH_INTAKES * (0.3 + Math.random() * 0.3));
  const viewIdOf = (index: number) => `VCRASH${process.pid}-${String(index).padStart(4, "0")}`;
  const answers = new Map<string, { kind: string; byVictim: boolean }>();
  let acked = 0;
  let killedAt = 0;
  const burstStarted = Date.now();
  const peakBefore = readMemory(victim.pid)?.peakMb;
  await runLoad({
    ports,
    total: CRASH_INTAKES,
    concurrency: CRASH_CONCURRENCY,
    makeRequest: (index) => intakeSubmission(seed, viewIdOf(index), userOf(index), `Compressor trips (crash ${index})`),
    check: accepted,
    onResponse: (index, ok, status, body, port) => {
      answers.set(viewIdOf(index), { kind: status === 0 ? "no answer" : submissionAnswer(status, body), byVictim: port === victim.port });
      if (ok && ++acked === killAfter && !killedAt) {
        victim.child.kill("SIGKILL");
        killedAt = Date.now();
        // A load balancer takes the dead replica out; the requests in flight to it get no answer.
        ports.splice(ports.indexOf(victim.port), 1);
      }
    },
  });
  await victim.exited;
  const ackedIds = [...answers].filter(([, answer]) => answer.kind === "closed" || answer.kind === "saving").map(([viewId]) => viewId);
  // Until every acked intake has its ticket and exactly one message (or the minute is over).
  const waitStarted = Date.now();
  const state = async () => {
    const tickets = await prisma.ticket.findMany({ where: { intakeKey: { startsWith: `intake:VCRASH${process.pid}-` } }, select: { id: true, intakeKey: true } });
    const messages = new Map<number, number>();
    for (const message of slack.messagesIn(DISPATCH_CHANNEL)) {
      const metadata = message.metadata as { event_type?: string; event_payload?: { ticket_id?: unknown } } | undefined;
      if (metadata?.event_type !== TICKET_EVENT || !isTopLevel(message)) continue;
      const id = Number(metadata.event_payload?.ticket_id);
      messages.set(id, (messages.get(id) ?? 0) + 1);
    }
    const byKey = new Map(tickets.map((ticket) => [ticket.intakeKey, ticket]));
    const ticketOf = (viewId: string) => byKey.get(`intake:${viewId}`);
    const lost = ackedIds.filter((viewId) => !ticketOf(viewId));
    return {
      tickets,
      lost,
      withoutMessage: ackedIds.filter((viewId) => ticketOf(viewId) && !messages.get(ticketOf(viewId)!.id)).length,
      exactlyOne: ackedIds.filter((viewId) => ticketOf(viewId) && messages.get(ticketOf(viewId)!.id) === 1).length,
      twice: tickets.filter((ticket) => (messages.get(ticket.id) ?? 0) > 1).length,
      everyTicketOne: tickets.filter((ticket) => messages.get(ticket.id) === 1).length,
    };
  };
  let now = await state();
  while ((now.withoutMessage > 0 || (await queuedEffects(prisma)) > 0) && Date.now() - waitStarted < CRASH_SETTLE_MS) {
    await sleep(250);
    now = await state();
  }
  const settledMs = Date.now() - waitStarted;
  const count = (kind: string, byVictim?: boolean) => [...answers.values()].filter((answer) => answer.kind === kind && (byVictim === undefined || answer.byVictim === byVictim)).length;
  const others = [...new Set([...answers.values()].map((answer) => answer.kind))].filter((kind) => !["closed", "saving", "no answer"].includes(kind));
  console.log(`
kill -9 of ${victim.name} (pid ${victim.pid}, peak RSS ${mb(peakBefore)}) after ${killAfter} of ${CRASH_INTAKES} intakes acked, ${((killedAt - burstStarted) / 1000).toFixed(1)} s into the burst (${CRASH_CONCURRENCY} at once, round-robin)`);
  const rows: [string, string | number][] = [
    ["acked: saved, modal closed (by the killed replica)", `${count("closed")} (${count("closed", true)})`],
    ['acked: "Saving…", outcome by DM (by the killed replica)', `${count("saving")} (${count("saving", true)})`],
    ["no answer (in flight to the killed replica)", count("no answer")],
    ...others.map((kind): [string, number] => [`answered ${kind}`, count(kind)]),
    ["tickets registered (acked or not)", now.tickets.length],
    ["acked intakes without a ticket (lost)", now.lost.length],
    ["acked intakes whose ticket has exactly one message", now.exactlyOne],
    ["acked intakes whose ticket has no message", now.withoutMessage],
    ["tickets with more than one message", now.twice],
    ["tickets of the burst with exactly one message", `${now.everyTicketOne}/${now.tickets.length}`],
    ["from the end of the burst until all posted, queue empty", `${(settledMs / 1000).toFixed(1)} s`],
  ];
  for (const [label, value] of rows) console.log(`  ${label.padEnd(58)} ${String(value).padStart(9)}`);
  for (const viewId of now.lost.slice(0, 5)) {
    const answer = answers.get(viewId)!;
    console.log(`  lost: ${viewId}, answered ${answer.kind} by ${answer.byVictim ? "the killed replica" : "a surviving replica"}`);
  }
  const failures = [];
  if (!killedAt) failures.push(`crash: the replica was not killed (only ${acked} acks)`);
  if (now.lost.length) failures.push(`crash: ${now.lost.length} acknowledged intakes without a ticket`);
  if (now.withoutMessage) failures.push(`crash: ${now.withoutMessage} acked intakes without a ticket message after ${CRASH_SETTLE_MS / 1000} s`);
  if (now.twice) failures.push(`crash: ${now.twice} tickets with more than one message`);
  return { failures, killed: victim };
}

// --- the run -----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  requireBuild();
  if (!LEVELS.length) throw new Error(`BENCH_CONCURRENCY: expected levels such as "50,200", got "${process.env.BENCH_CONCURRENCY}"`);
  const replicas = Math.max(1, REPLICAS);
  const failures: string[] = [];
  const watch = new LogWatch();
  const users = {
    ...Object.fromEntries(Array.from({ length: USERS }, (_, i) => [userOf(i), { name: `bench${i}` }])),
    ...Object.fromEntries(Array.from({ length: TECHNICIANS }, (_, i) => [technicianOf(i), { name: `tech${i}` }])),
    [ACCOUNTANT]: { name: "accountant" },
  };
  const slack = await startSlackFake({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, users, channels: { [DISPATCH_CHANNEL]: { name: "bench-dispatch" } } });
  const database = await openScratchDatabase("servicedesk_bench", process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "servicedesk-bench-"));
  const prisma = createPrismaClient(database.url, { poolSize: 2 });
  const children: Child[] = [];
  try {
    const seeding = performance.now();
    await migrate({ url: database.url, log: silentLog });
    const only = (name: string) => !ONLY || ONLY.includes(name);
    const seed = await seedBranch(prisma, slack, only("report work") ? (WARMUP + TOTAL) * LEVELS.length : 0);
    const seededIn = (performance.now() - seeding) / 1000;

    const env = {
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: "",
      SLACK_API_URL: slack.apiUrl,
      // The scheduler is not what one bot's run measures; replicas run it, to check its claims.
      JOBS_ENABLED: REPLICAS ? "true" : "false",
      LOG_LEVEL: "warn",
    };
    const [connections] = await prisma.$queryRaw<[{ used: number; max: number }]>`SELECT count(*)::int AS used, current_setting('max_connections')::int AS max FROM pg_stat_activity`;
    if (connections.max - connections.used < replicas * BOT_CONNECTIONS + 5) {
      console.log(`warning: PostgreSQL has ${connections.max - connections.used} connections free (${connections.used} of ${connections.max} in use); ${replicas} bot${replicas > 1 ? "s" : ""} may want ${replicas * BOT_CONNECTIONS}`);
    }
    const bots = await startBots(replicas, env, watch, cwd);
    const startedAt = Date.now();
    children.push(...bots);
    const bare = startBareBolt({ name: "bare Bolt", env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: "0" }, onLine: watch.watch("bare Bolt") });
    children.push(bare);
    const barePort = Number((await waitForOutput(bare, /listening (\d+)/))[1]);
    await sleep(SETTLE_MS);
    for (const bot of bots) bot.restMb = readMemory(bot.pid)?.rssMb;
    const bareRest = readMemory(bare.pid)?.rssMb;

    const who = replicas > 1 ? `${replicas} replicas of the built bot (node dist/src/main.js, JOBS_ENABLED=true), requests round-robin` : "the built bot (node dist/src/main.js, JOBS_ENABLED=false)";
    console.log(`bench: ${TOTAL} requests per run after ${WARMUP} warm-up, at ${LEVELS.join(" then ")} concurrent connections; ${who}; bare Bolt in its own process; node ${process.version}, ${os.cpus().length} cores`);
    console.log(`seeded in ${seededIn.toFixed(1)} s; memory at rest (${SETTLE_MS / 1000} s after start): ${bots.map((bot) => `${bot.name} ${mb(bot.restMb)}`).join(", ")}, bare Bolt ${mb(bareRest)}`);

    const list = scenarios(seed, slack).filter((scenario) => only(scenario.name));
    const botPorts = bots.map((bot) => bot.port);
    const botLabel = replicas > 1 ? `bot ×${replicas} together` : "service desk bot";
    for (const level of LEVELS) {
      console.log(`\n=== ${level} concurrent connections ===`);
      for (const scenario of list) {
        // The heading first: the bots' error lines, printed as they come, fall under it.
        console.log(`\n${scenario.name} (${level} connections)`);
        await scenario.begin?.(prisma);
        slack.forgetCalls();
        const since = Date.now();
        const sampler = sampleMemory([...bots.map((bot) => bot.pid), bare.pid]);
        const answers = new Map<string, number>();
        // Each target keeps its connections from its warm-up to its measured run, as Slack keeps its
        // connections to an app: opened at once to a busy bot, 200 new connections made the first
        // request on each wait seconds before Node read it. BENCH_FRESH_CONNECTIONS=1 opens new ones.
        const agents = process.env.BENCH_FRESH_CONNECTIONS === "1" ? undefined : { bare: new http.Agent({ keepAlive: true, maxSockets: level }), bot: new http.Agent({ keepAlive: true, maxSockets: level }) };
        const load = (target: Target, total: number, measured: boolean) =>
          runLoad({
            agent: agents?.[target],
            ports: target === "bot" ? botPorts : [barePort],
            total,
            concurrency: level,
            makeRequest: (i) => scenario.request(i, target, measured),
            check: scenario.check,
            onResponse: (_i, _ok, status, body) => {
              if (target !== "bot" || !measured || !scenario.answer) return;
              const kind = status === 0 ? "no answer" : scenario.answer(status, body);
              answers.set(kind, (answers.get(kind) ?? 0) + 1);
            },
          });
        await load("bare", WARMUP, false);
        await load("bot", WARMUP, false);
        // What the warm-up's acks left to do (posts, modals) is done before the measured runs.
        await scenario.settle?.(prisma);
        await drainOutbox(prisma, slack, since, { quiet: true });
        const baseline = await load("bare", TOTAL, true);
        const acksBefore = await ackHistogram(botPorts);
        // This process sends the load and plays Slack for the bot: its own event loop's delay is part of what it measures.
        const ownDelay = monitorEventLoopDelay({ resolution: 10 });
        ownDelay.enable();
        const measured = await load("bot", TOTAL, true);
        ownDelay.disable();
        const acksAfter = await ackHistogram(botPorts);
        agents?.bare.destroy();
        agents?.bot.destroy();
        const peaks = sampler.stop();
        console.log(line("bare Bolt", baseline, peaks.get(bare.pid)));
        console.log(line(botLabel, measured, replicas > 1 ? undefined : peaks.get(bots[0].pid)));
        if (replicas > 1) for (const bot of bots) {
          const mine = measured.perPort.get(bot.port);
          if (mine) console.log(line(`  ${bot.name}`, mine, peaks.get(bot.pid)));
        }
        if (answers.size > 1 || (answers.size === 1 && !answers.has("closed"))) {
          const label = (kind: string) => (kind === "saving" ? `"Saving…" (past the ${ACK_BUDGET_MS / 1000} s ack budget; told by DM)` : kind === "closed" ? "saved, modal closed" : kind);
          console.log(`  the bot's answers: ${[...answers].map(([kind, n]) => `${label(kind)} ${n}`).join(", ")}`);
        }
        console.log(`  the bot's own acks (its /metrics, from a request's arrival in Node to its ack): ${describeAcks(acksBefore, acksAfter)}`);
        console.log(`  the bench's own event loop during the bot's run (load generator and Slack fake): delay p99 ${(ownDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(ownDelay.max / 1e6).toFixed(0)} ms`);
        console.log(`  ratio (bot / bare)  p50 ×${(measured.p50 / baseline.p50).toFixed(2)}   p99 ×${(measured.p99 / baseline.p99).toFixed(2)}   throughput ×${(measured.throughput / baseline.throughput).toFixed(2)}`);
        for (const [label, result] of [["bot", measured], ["bare Bolt", baseline]] as [string, LoadResult][]) {
          if (!result.errors) continue;
          failures.push(`${scenario.name} at ${level}: ${result.errors} errors from ${label}`);
          console.log(`  ${label}: ${result.errors} errors; first failure: ${result.firstFailure}`);
        }
        failures.push(...((await scenario.after?.({ prisma, level, acked: measured.statuses[200] ?? 0 })) ?? []));
        failures.push(...(await drainOutbox(prisma, slack, since)));
        console.log(`  took ${((Date.now() - since) / 1000).toFixed(0)} s in all (warm-ups, runs, waits, the outbox's posts)`);
      }
    }

    // Memory: the highest RSS each process reached (VmHWM), against the issue's goals.
    console.log("\nmemory (goal for the bot: ≤ 200 MB at rest, ≤ 300 MB peak)");
    for (const process_ of [...bots, bare]) {
      const memory = readMemory(process_.pid);
      const rest = "restMb" in process_ ? (process_ as Bot).restMb : bareRest;
      console.log(`  ${process_.name.padEnd(12)} at rest ${mb(rest).padStart(7)}   peak (VmHWM) ${mb(memory?.peakMb).padStart(7)}   now ${mb(memory?.rssMb).padStart(7)}`);
    }

    let killed: Bot | undefined;
    if (REPLICAS > 1) {
      const crash = await crashOneReplica(prisma, slack, seed, bots);
      killed = crash.killed;
      failures.push(...crash.failures);
    }
    if (REPLICAS) failures.push(...(await checkJobRuns(prisma, bots, killed, startedAt)));
    failures.push(...(await checkPostedOnce(prisma, slack)));
    const effectFailures = await prisma.slackEffectFailure.count();
    if (effectFailures) failures.push(`${effectFailures} Slack effects were recorded as failed for good`);

    const logs = watch.summary();
    if (logs.length) console.log(`\nlogs (LOG_LEVEL=warn):\n${logs.map((entry) => `  ${entry}`).join("\n")}`);
    if (watch.errorCount()) failures.push(`${watch.errorCount()} error lines logged`);
    if (failures.length) {
      console.log(`\nFAILED:\n${failures.map((failure) => `  - ${failure}`).join("\n")}`);
      process.exitCode = 1;
    } else console.log("\nok: no errors");
  } finally {
    await Promise.all(children.map((child) => stopChild(child)));
    await prisma.$disconnect();
    await slack.close();
    await database.drop();
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

main()
  // `npm run bench -- --year`: then the overdue scan and directors' summary on a year of data (bench/year.ts).
  .then(async () => {
    if (process.argv.includes("--year")) await runYearBench(process.argv.slice(2));
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
