// npm run sandbox [-- --reset] [--port 3000] [--at 2026-11-23T10:00:00+09:00]
// The whole service desk in a browser, with no Slack: an embedded PostgreSQL of its own
// (data/sandbox), the demo company, the Slack stand-in and the bot on the sandbox's clock.
// Never loaded by `npm start` (src/main.ts does not import src/sandbox).
import fs from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded";
import { createLogger } from "../logger";
import { startDesk } from "./desk";
import { SandboxPages } from "./page-server";
import { SLACK_STATE_FILE } from "./slack-state-file";

export interface SandboxArgs {
  reset: boolean;
  port: number;
  at?: Date;
  dataDir: string;
  pgPort: number;
}

export function parseSandboxArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): SandboxArgs {
  const args: SandboxArgs = {
    reset: false,
    port: Number(env.SANDBOX_PORT ?? 3000),
    dataDir: env.SANDBOX_DATA_DIR ?? "./data/sandbox",
    pgPort: Number(env.SANDBOX_PG_PORT ?? 54339),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === "--reset") args.reset = true;
    else if (flag === "--port") args.port = Number(value());
    else if (flag === "--at") args.at = new Date(value());
    else throw new Error(`unknown option ${flag} (known: --reset, --port N, --at ISO-TIME)`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error("the port must be a number from 0 to 65535");
  if (args.at && Number.isNaN(args.at.getTime())) throw new Error("--at must be a date and time, e.g. 2026-11-23T10:00:00+09:00");
  return args;
}

/** Where the clock was left, so a restart goes on from there (jobs already ran up to it). */
const CLOCK_FILE = "sandbox-clock.json";

async function main(): Promise<void> {
  const args = parseSandboxArgs(process.argv.slice(2));
  const log = createLogger(process.env.LOG_LEVEL === "debug" ? "debug" : "warn", (line) => process.stderr.write(line + "\n"));
  const dataDir = path.resolve(args.dataDir);
  if (args.reset) await fs.rm(dataDir, { recursive: true, force: true });
  await fs.mkdir(dataDir, { recursive: true });
  const clockFile = path.join(dataDir, CLOCK_FILE);
  const saved = await fs.readFile(clockFile, "utf8").then((raw) => new Date(JSON.parse(raw).now as string), () => undefined);

  process.stdout.write("Starting the sandbox: database, demo company, Slack stand-in and bot…\n");
  const database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: args.pgPort, whenRunning: "adopt", log });
  let desk: Awaited<ReturnType<typeof startDesk>>;
  try {
    desk = await startDesk({ databaseUrl: database.url, now: args.at ?? saved ?? new Date(), log, slackStateFile: path.join(dataDir, SLACK_STATE_FILE) });
  } catch (error) {
    await database.stop();
    throw error;
  }
  const pages = new SandboxPages(desk);
  const address = await pages.listen(args.port);
  if (desk.slackState.kind === "set-aside") {
    process.stdout.write(`The saved Slack workspace was set aside as ${desk.slackState.setAsideAs} (${desk.slackState.reason}); the channels start empty.\n`);
  } else if (desk.slackState.kind === "loaded") {
    process.stdout.write("Resumed: the calls, the clock and the channels are as they were (open modals are closed). --reset starts over.\n");
  } else if (saved) {
    // A data directory from before the workspace was kept: the database has calls the channels do not show.
    process.stdout.write("Resumed: the calls and the clock are as they were, but no saved Slack workspace was found, so the channels start empty. --reset starts over.\n");
  }
  process.stdout.write(`The service desk sandbox is at ${address}\n`);

  const remember = () => fs.writeFile(clockFile, JSON.stringify({ now: desk.clock.now().toISOString() })).catch(() => undefined);
  const timer = setInterval(() => void remember(), 10_000);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    await remember();
    await pages.close();
    await desk.stop();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`The sandbox could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
