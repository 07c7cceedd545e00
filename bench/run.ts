// `npm run bench`: signed Slack requests against the real app and, in the same run, a bare Bolt app
// acking the same requests, at 50 concurrent connections: /repair help, a complete intake
// submission (the ticket is registered before the ack), the Assign button, a Report work submission
// (hours, a part from stock, fee lines — recorded before the ack) and thread-reply events
// (`hours 0.5 B` in a ticket's thread: acked at once, recorded after). Prints ack latency p50/p99,
// throughput and the ratio to the bare Bolt baseline; for the thread replies also how fast the
// replies were recorded. Figures depend on the machine: compare within one run.
//
// Environment: BENCH_REQUESTS (default 3000), BENCH_CONCURRENCY (50), and a PostgreSQL server URL in
// TEST_DATABASE_URL or DATABASE_URL (a scratch database is created and dropped); without one, an
// embedded server is started in a temporary directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { App, HTTPReceiver } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import type { AddressInfo, Server } from "node:net";
import { Client } from "pg";
import { createSlackApp } from "../src/app";
import { systemClock } from "../src/clock";
import { checkHealth } from "../src/db";
import { createPrismaClient } from "../src/db/client";
import { startEmbeddedPostgres } from "../src/db/embedded";
import { migrate } from "../src/db/migrator";
import { silentLog } from "../src/logger";
import { startOutbox } from "../src/publish/outbox";
import { createServices } from "../src/services";
import { buildHelpMessage } from "../src/views/help";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "../src/views/ids";
import type { Db } from "../src/db";
import { createBranchWithCalendar, createCustomer, createDispatcher, createEquipment, createPart, createTechnician, createTicket } from "../test/support/factories/data";
import { withDatabase } from "../test/support/db-names";
import { signSlackRequest, startSlackFake, type SlackFake } from "../test/support/slack-fake";
import { runLoad, type LoadRequest, type LoadResult } from "./load";
import { runYearBench } from "./year";

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const WARMUP = Math.min(500, TOTAL);
const SIGNING_SECRET = "bench-signing-secret";
const BOT_TOKEN = "xoxb-bench";

interface Scenario {
  name: string;
  request: (index: number) => LoadRequest;
  check: (status: number, body: string) => boolean;
}

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
    user_id: `U0BENCH${index % 50}`,
    user_name: "bench",
    command: "/repair",
    text,
    api_app_id: "A0BENCH",
    response_url: "http://127.0.0.1:9/response",
    trigger_id: `${index}.bench`,
  }).toString();
  return signed(body, "application/x-www-form-urlencoded");
}

const USERS = 50;
const DISPATCH_CHANNEL = "C0BENCHDSP";
const userOf = (index: number) => `U0BENCH${String(index % USERS).padStart(2, "0")}`;

function interaction(payload: Record<string, unknown>): LoadRequest {
  return signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded");
}

/** What a dispatcher's branch needs for the intake and assign scenarios: users, a customer, tickets. */
async function seedBranch(prisma: Db) {
  const branch = await createBranchWithCalendar(prisma, { code: "BENCH", name: "Bench branch", timeZone: "Asia/Seoul", dispatchChannelId: DISPATCH_CHANNEL, weekdays: [0, 1, 2, 3, 4, 5, 6], opensAt: 0, closesAt: 1440 });
  for (let i = 0; i < USERS; i++) await createDispatcher(prisma, { slackUserId: userOf(i), name: `Dispatcher ${i}`, branchId: branch.id });
  for (let i = 0; i < 12; i++) await createTechnician(prisma, { slackUserId: `U0BTECH${i}`, name: `Technician ${i}`, branchId: branch.id, areas: ["URBAN"] });
  const customer = await createCustomer(prisma, { name: "Bench Foods", area: "URBAN", grade: "A", branchId: branch.id });
  const equipment = await createEquipment(prisma, { customerId: customer.id, model: "AC-900", serial: "BENCH-1" });
  const tickets = [];
  for (let i = 0; i < 200; i++) tickets.push(await createTicket(prisma, { branchId: branch.id, customerId: customer.id, equipmentId: equipment.id, status: "REGISTERED" }));
  const technicians = await prisma.staff.findMany({ where: { branchId: branch.id, roles: { has: "TECHNICIAN" } }, orderBy: { id: "asc" } });
  const part = await createPart(prisma, { partNo: "BENCH-FAN", name: "Bench fan", unitPrice: 25000, stock: [{ branchId: branch.id, quantity: 1_000_000 }] });
  const runs = WARMUP + TOTAL;
  const onSite = async (count: number, prefix: string) => {
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
        slackChannelId: DISPATCH_CHANNEL,
        slackMessageTs: `1700000000.${prefix}${String(i).padStart(5, "0")}`,
      });
    }
    await prisma.ticket.createMany({ data: created });
    const rows = await prisma.ticket.findMany({ where: { voucherNo: { startsWith: `SV-2026-${prefix}` } }, orderBy: { id: "asc" } });
    await prisma.assignment.createMany({
      data: rows.map((row) => ({ ticketId: row.id, technicianId: row.assignedTechnicianId!, assignedById: technicians[0].id, assignedAt: new Date(), acceptedAt: new Date() })),
    });
    return rows.map((row) => ({ id: row.id, ts: row.slackMessageTs!, technician: technicians.find((t) => t.id === row.assignedTechnicianId)!.slackUserId }));
  };
  // One ticket per Report work submission, the bare app's included (each report moves its ticket on);
  // 200 tickets share the thread replies.
  const toReport = await onSite(2 * runs, "8");
  const threads = await onSite(200, "9");
  return { customer, equipment, tickets, part, toReport, threads };
}

function scenarios(seed: Awaited<ReturnType<typeof seedBranch>>, slack: SlackFake): Scenario[] {
  // Each submission is a different modal (view id), across warm-up and measured runs alike.
  let submission = 0;
  // Report work and thread replies: the bot's runs take the next ticket / message; the bare app's too.
  let report = 0;
  let reply = 0;
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
        return interaction({
          type: "view_submission",
          team: { id: "T0BENCH" },
          user: { id: userOf(i) },
          api_app_id: "A0BENCH",
          view: {
            id: `VBENCH${process.pid}-${n}`,
            type: "modal",
            callback_id: VIEWS.intake,
            hash: `${i}.bench`,
            private_metadata: JSON.stringify({ mode: "new", customerId: seed.customer.id, newCustomer: false, suggestedCategory: "A_PAID" }),
            blocks: [],
            state: {
              values: {
                [BLOCKS.intakeCustomer]: { [ACTIONS.intakeCustomerSelect]: { type: "external_select", selected_option: { text: { type: "plain_text", text: "Bench Foods" }, value: String(seed.customer.id) } } },
                [BLOCKS.intakeEquipment]: { [ACTIONS.intakeEquipmentSelect]: { type: "static_select", selected_option: { text: { type: "plain_text", text: "AC-900" }, value: String(seed.equipment.id) } } },
                [BLOCKS.intakeFault]: { [INPUTS.fault]: { type: "plain_text_input", value: `Compressor trips (bench ${n})` } },
              },
            },
          },
        });
      },
      check: (status, body) => status === 200 && !body.includes("errors"),
    },
    {
      // The Assign button: ack, then the technicians' load and views.open with a trigger the fake issued.
      name: "assign action",
      request: (i) =>
        interaction({
          type: "block_actions",
          team: { id: "T0BENCH" },
          user: { id: userOf(i) },
          api_app_id: "A0BENCH",
          trigger_id: slack.issueTrigger(userOf(i)),
          response_url: slack.issueResponseUrl("actions", { channel: DISPATCH_CHANNEL, userId: userOf(i) }),
          channel: { id: DISPATCH_CHANNEL },
          container: { type: "message", channel_id: DISPATCH_CHANNEL, message_ts: "1.000001" },
          actions: [{ type: "button", action_id: ACTIONS.ticketAssign, block_id: BLOCKS.ticketActions, value: String(seed.tickets[i % seed.tickets.length].id), action_ts: "1.0" }],
        }),
      check: (status) => status === 200,
    },
    {
      // R9–R14: a paid report (1.5 h of A, one part from stock, travel, collected on site): the ticket is
      // locked, hours, part usage with the conditional stock decrement, fee lines and audit in one transaction, before the ack.
      name: "report work",
      request: (i) => {
        const ticket = seed.toReport[report++ % seed.toReport.length];
        return interaction({
          type: "view_submission",
          team: { id: "T0BENCH" },
          user: { id: ticket.technician },
          api_app_id: "A0BENCH",
          view: {
            id: `VREPORT${process.pid}-${report}`,
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
                [BLOCKS.reportTravel]: { [INPUTS.reportTravel]: { type: "number_input", value: "10000" } },
                [BLOCKS.reportSettlement]: { [INPUTS.reportSettlement]: { type: "radio_buttons", selected_option: { text: { type: "plain_text", text: "Collected" }, value: "COLLECTED_ON_SITE" } } },
                [BLOCKS.reportFeeAgreed]: { [INPUTS.reportFeeAgreed]: { type: "checkboxes", selected_options: [{ text: { type: "plain_text", text: "Agreed" }, value: "agreed" }] } },
              },
            },
          },
        });
      },
      check: (status, body) => status === 200 && !body.includes("errors"),
    },
    {
      // A technician's `hours 0.5 B` in a ticket's thread: Events API, acked at once, recorded after.
      name: "thread reply event",
      request: () => {
        const n = ++reply;
        const thread = seed.threads[n % seed.threads.length];
        const ts = `1800000000.${String(n).padStart(6, "0")}`;
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
    },
  ];
}

async function openBenchDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `servicedesk_bench_${process.pid}`;
    const admin = new Client({ connectionString: withDatabase(serverUrl, "postgres") });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    return {
      url: withDatabase(serverUrl, name),
      close: async () => {
        const cleanup = new Client({ connectionString: withDatabase(serverUrl, "postgres") });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "servicedesk-bench-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 20000 + Math.floor(Math.random() * 20000), log: silentLog, ephemeral: true });
  return {
    url: server.url,
    close: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Events are acked before they are handled, so the ack figure says little: this waits until every
 * reply is recorded (a WorkLog each) and prints how long that took from the start of the run.
 */
async function reportRecording(prisma: Db, expected: number): Promise<void> {
  const started = recordingStartedAt ?? Date.now();
  let recorded = 0;
  for (let waited = 0; waited < 120_000; waited += 50) {
    recorded = await prisma.workLog.count({ where: { hours: 0.5, category: "B_CONTRACT" } });
    if (recorded >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`  recorded ${recorded}/${expected} replies (WorkLog rows) ${seconds.toFixed(1)} s after the first was sent: ${(recorded / seconds).toFixed(0)} replies/s`);
}
let recordingStartedAt: number | null = null;

/** The baseline: Bolt with nothing of ours, acking the same command with the same blocks. */
async function startBareBolt(slackApiUrl: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET });
  const app = new App({ token: BOT_TOKEN, receiver, clientOptions: { slackApiUrl, retryConfig: { retries: 0 } } });
  app.command("/repair", async ({ ack }) => {
    const help = buildHelpMessage();
    await ack({ response_type: "ephemeral", text: help.text, blocks: help.blocks });
  });
  app.view(VIEWS.intake, async ({ ack }) => ack());
  app.action(ACTIONS.ticketAssign, async ({ ack }) => ack());
  app.view(VIEWS.reportWork, async ({ ack }) => ack());
  app.message(async () => {});
  const server = (await receiver.start(0)) as Server;
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      await app.stop();
    },
  };
}

function line(label: string, r: LoadResult): string {
  return `  ${label.padEnd(18)} p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms   ${r.throughput.toFixed(0).padStart(6)} req/s   errors ${r.errors}`;
}

async function main(): Promise<void> {
  const users = Object.fromEntries(Array.from({ length: USERS }, (_, i) => [userOf(i), { name: `bench${i}` }]));
  const slack = await startSlackFake({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, users, channels: { [DISPATCH_CHANNEL]: { name: "bench-dispatch" } } });
  const database = await openBenchDatabase();
  await migrate({ url: database.url, log: silentLog });
  const prisma = createPrismaClient(database.url);
  const services = createServices({ db: prisma, clock: systemClock, log: silentLog, adminSlackIds: [] });
  const seed = await seedBranch(prisma);
  const ours = createSlackApp({
    mode: { kind: "http", botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET },
    port: 0,
    slackApiUrl: slack.apiUrl,
    log: silentLog,
    handlerDeps: { services, log: silentLog, clock: systemClock, jobNames: [] },
    health: () => checkHealth(prisma),
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const oursPort = await ours.start();
  // The bot's workers, as in src/main.ts (their own pool): they handle the queued thread replies and post the outbox's effects.
  const workersDb = createPrismaClient(database.url);
  const outbox = await startOutbox({
    connectionString: database.url,
    deps: { services: createServices({ db: workersDb, clock: systemClock, log: silentLog, adminSlackIds: [] }), clock: systemClock, log: silentLog },
    slack: new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }),
  });
  const bare = await startBareBolt(slack.apiUrl);

  console.log(`bench: ${TOTAL} requests per run, ${CONCURRENCY} concurrent connections, node ${process.version}, ${os.cpus().length} cores`);
  try {
    // BENCH_ONLY="report work,thread reply event" runs just those scenarios.
    const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
    for (const scenario of scenarios(seed, slack).filter((s) => !only || only.includes(s.name))) {
      const load = (port: number, total: number) => runLoad({ port, total, concurrency: CONCURRENCY, makeRequest: scenario.request, check: scenario.check });
      await load(bare.port, WARMUP);
      recordingStartedAt = Date.now();
      await load(oursPort, WARMUP);
      const baseline = await load(bare.port, TOTAL);
      const measured = await load(oursPort, TOTAL);
      console.log(`\n${scenario.name}`);
      console.log(line("bare Bolt", baseline));
      console.log(line("service desk bot", measured));
      console.log(
        `  ratio (bot / bare)  p50 ×${(measured.p50 / baseline.p50).toFixed(2)}   p99 ×${(measured.p99 / baseline.p99).toFixed(2)}   throughput ×${(measured.throughput / baseline.throughput).toFixed(2)}`,
      );
      if (measured.errors || baseline.errors) {
        process.exitCode = 1;
        console.log(`  first failure: ${measured.firstFailure ?? baseline.firstFailure}`);
      }
      if (scenario.name === "thread reply event") await reportRecording(prisma, WARMUP + TOTAL);
    }
  } finally {
    await ours.stop();
    await outbox.stop();
    await workersDb.$disconnect();
    await bare.stop();
    await prisma.$disconnect();
    await slack.close();
    await database.close();
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
