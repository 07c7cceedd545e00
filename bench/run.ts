// `npm run bench`: signed Slack requests against the real app and, in the same run, a bare Bolt app
// answering the same command, at 50 concurrent connections. Prints ack latency p50/p99, throughput
// and the ratio to the bare Bolt baseline. Figures depend on the machine: compare within one run.
//
// Environment: BENCH_REQUESTS (default 3000), BENCH_CONCURRENCY (50), and a PostgreSQL server URL in
// TEST_DATABASE_URL or DATABASE_URL (a scratch database is created and dropped); without one, an
// embedded server is started in a temporary directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { App, HTTPReceiver } from "@slack/bolt";
import type { AddressInfo, Server } from "node:net";
import { Client } from "pg";
import { createSlackApp } from "../src/app";
import { systemClock } from "../src/clock";
import { checkHealth } from "../src/db";
import { createPrismaClient } from "../src/db/client";
import { startEmbeddedPostgres } from "../src/db/embedded";
import { migrate } from "../src/db/migrator";
import { silentLog } from "../src/logger";
import { createServices } from "../src/services";
import { buildHelpMessage } from "../src/views/help";
import { withDatabase } from "../test/support/db-names";
import { signSlackRequest, startSlackFake } from "../test/support/slack-fake";
import { runLoad, type LoadRequest, type LoadResult } from "./load";

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

const scenarios: Scenario[] = [
  {
    name: "/repair help",
    request: (i) => slashCommand("help", i),
    check: (status, body) => status === 200 && body.includes("How to use /repair"),
  },
];

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
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 20000 + Math.floor(Math.random() * 20000), log: silentLog });
  return {
    url: server.url,
    close: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The baseline: Bolt with nothing of ours, acking the same command with the same blocks. */
async function startBareBolt(slackApiUrl: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET });
  const app = new App({ token: BOT_TOKEN, receiver, clientOptions: { slackApiUrl, retryConfig: { retries: 0 } } });
  app.command("/repair", async ({ ack }) => {
    const help = buildHelpMessage();
    await ack({ response_type: "ephemeral", text: help.text, blocks: help.blocks });
  });
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
  const slack = await startSlackFake({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  const database = await openBenchDatabase();
  await migrate({ url: database.url, log: silentLog });
  const prisma = createPrismaClient(database.url);
  const services = createServices({ db: prisma, clock: systemClock, log: silentLog, adminSlackIds: [] });
  const ours = createSlackApp({
    mode: { kind: "http", botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET },
    port: 0,
    slackApiUrl: slack.apiUrl,
    log: silentLog,
    handlerDeps: { services, log: silentLog },
    health: () => checkHealth(prisma),
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const oursPort = await ours.start();
  const bare = await startBareBolt(slack.apiUrl);

  console.log(`bench: ${TOTAL} requests per run, ${CONCURRENCY} concurrent connections, node ${process.version}, ${os.cpus().length} cores`);
  try {
    for (const scenario of scenarios) {
      const load = (port: number, total: number) => runLoad({ port, total, concurrency: CONCURRENCY, makeRequest: scenario.request, check: scenario.check });
      await load(bare.port, WARMUP);
      await load(oursPort, WARMUP);
      const baseline = await load(bare.port, TOTAL);
      const measured = await load(oursPort, TOTAL);
      console.log(`\n${scenario.name}`);
      console.log(line("bare Bolt", baseline));
      console.log(line("service desk bot", measured));
      console.log(
        `  ratio (bot / bare)  p50 ×${(measured.p50 / baseline.p50).toFixed(2)}   p99 ×${(measured.p99 / baseline.p99).toFixed(2)}   throughput ×${(measured.throughput / baseline.throughput).toFixed(2)}`,
      );
      if (measured.errors || baseline.errors) process.exitCode = 1;
    }
  } finally {
    await ours.stop();
    await bare.stop();
    await prisma.$disconnect();
    await slack.close();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
