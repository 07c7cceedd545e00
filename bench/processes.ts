// What the benches share to measure processes as users run them: the built bot (`dist/src/main.js`)
// and the bare Bolt baseline as child processes, their health, their log lines and their memory
// (from /proc), and a scratch database created and dropped around a run.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { startEmbeddedPostgres } from "../src/db/embedded";
import { silentLog } from "../src/logger";
import { withDatabase } from "../test/support/db-names";
import { startScriptNodeArgs } from "../test/support/start-script";

export const BUILT_MAIN = path.resolve(__dirname, "../dist/src/main.js");
export const BARE_BOLT = path.resolve(__dirname, "bare-bolt.ts");
const REPO_ROOT = path.resolve(__dirname, "..");

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Exits 1 with a hint when the built bot is missing: the benches measure what `npm start` runs. */
export function requireBuild(): void {
  if (fs.existsSync(BUILT_MAIN)) return;
  console.error(`${path.relative(process.cwd(), BUILT_MAIN)} does not exist: run \`npm run build\` first (the bench measures the built bot, what \`npm start\` runs).`);
  process.exit(1);
}

// --- child processes ---------------------------------------------------------------------------

export interface ChildOptions {
  /** How the child is named in forwarded lines ("bot", "replica 2", "bare Bolt"). */
  name: string;
  cwd: string;
  env: Record<string, string>;
  /** Each complete line the child writes (stdout: the bot's JSON log; stderr: anything else). */
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
}

export interface Child {
  name: string;
  child: ChildProcessWithoutNullStreams;
  pid: number;
  /** Everything it wrote so far, both streams. */
  output: () => string;
  exited: Promise<void>;
  alive: () => boolean;
}

function spawnChild(args: string[], options: ChildOptions): Child {
  // Only what the child needs: nothing of this shell's DATABASE_URL or Slack settings leaks in.
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...options.env } });
  let output = "";
  const pending = { stdout: "", stderr: "" };
  const read = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (!options.onLine) return;
    const lines = (pending[stream] + text).split("\n");
    pending[stream] = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) options.onLine(line, stream);
  };
  child.stdout.on("data", read("stdout"));
  child.stderr.on("data", read("stderr"));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  if (child.pid === undefined) throw new Error(`${options.name} could not be started`);
  return { name: options.name, child, pid: child.pid, output: () => output, exited, alive: () => child.exitCode === null && child.signalCode === null };
}

/** `node … dist/src/main.js`, as `npm start` runs it (its Node flags too), in a working directory of its own (no .env reaches it). */
export function startBot(options: ChildOptions): Child {
  // For profiling the bot, e.g. BENCH_BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_BOT_NODE_ARGS ?? "").split(" ").filter(Boolean);
  return spawnChild([...startScriptNodeArgs(), ...nodeArgs, BUILT_MAIN], options);
}

/** bench/bare-bolt.ts under tsx (from the repository, where tsx resolves); it prints `listening <port>`. */
export function startBareBolt(options: Omit<ChildOptions, "cwd">): Child {
  return spawnChild(["--import", "tsx", BARE_BOLT], { ...options, cwd: REPO_ROOT, env: { TSX_DISABLE_CACHE: "1", ...options.env } });
}

export async function waitForHealth(port: number, bot: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!bot.alive()) throw new Error(`${bot.name} exited before it was healthy:\n${bot.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${bot.name}: /healthz never answered 200 within ${timeoutMs} ms:\n${bot.output()}`);
}

/** Until the child has written `pattern` (its start line), or throws when it exits first. */
export async function waitForOutput(child: Child, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(child.output());
    if (match) return match;
    if (!child.alive()) throw new Error(`${child.name} exited before it started:\n${child.output()}`);
    await sleep(50);
  }
  throw new Error(`${child.name} did not start within ${timeoutMs} ms:\n${child.output()}`);
}

/** SIGTERM (the graceful stop), SIGKILL after 15 s. */
export async function stopChild(child: Child): Promise<void> {
  if (!child.alive()) return;
  child.child.kill("SIGTERM");
  const timer = setTimeout(() => child.child.kill("SIGKILL"), 15_000);
  await child.exited;
  clearTimeout(timer);
}

/** The bot's JSON log lines with this message. */
export function logLines(bot: Child, message: string): Record<string, unknown>[] {
  return bot
    .output()
    .split("\n")
    .filter((line) => line.includes(`"message":${JSON.stringify(message)}`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The bot's error lines (JSON `"level":"error"`), and whatever else it wrote on stderr. */
export function isErrorLine(line: string, stream: "stdout" | "stderr"): boolean {
  return line.includes('"level":"error"') || line.includes('"level":"fatal"') || (stream === "stderr" && !line.startsWith("{"));
}

/**
 * Keeps a run's output readable: the first few error lines are printed as they come (shortened),
 * the rest counted by child and kind; warnings are counted by message, for a summary at the end.
 */
export class LogWatch {
  private readonly errors = new Map<string, number>();
  private readonly errorKinds = new Map<string, Map<string, number>>();
  private readonly warnings = new Map<string, Map<string, number>>();

  private printed = 0;

  /** `shown`: how many error lines are printed as they come, of all children together. */
  constructor(private readonly shown = 3) {}

  /** The onLine of a child named `name`. */
  watch(name: string): (line: string, stream: "stdout" | "stderr") => void {
    return (line, stream) => {
      if (isErrorLine(line, stream)) {
        const count = (this.errors.get(name) ?? 0) + 1;
        this.errors.set(name, count);
        const short = shorten(line);
        const kinds = this.errorKinds.get(name) ?? new Map<string, number>();
        kinds.set(short, (kinds.get(short) ?? 0) + 1);
        this.errorKinds.set(name, kinds);
        if (++this.printed <= this.shown) console.log(`  [${name}] ${short}`);
        return;
      }
      if (line.includes('"level":"warn"')) {
        const message = /"message":"((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? line.slice(0, 100);
        const byMessage = this.warnings.get(name) ?? new Map<string, number>();
        byMessage.set(message, (byMessage.get(message) ?? 0) + 1);
        this.warnings.set(name, byMessage);
      }
    };
  }

  errorCount(name?: string): number {
    if (name !== undefined) return this.errors.get(name) ?? 0;
    return [...this.errors.values()].reduce((sum, n) => sum + n, 0);
  }

  /** Lines for the end of the run: errors and warnings per child. */
  summary(): string[] {
    const lines: string[] = [];
    for (const [name, count] of this.errors) {
      lines.push(`${name}: ${count} error line${count === 1 ? "" : "s"}`);
      for (const [kind, n] of [...(this.errorKinds.get(name) ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 5)) lines.push(`  ${n} × ${kind}`);
    }
    for (const [name, byMessage] of this.warnings) {
      for (const [message, count] of [...byMessage].sort((a, b) => b[1] - a[1]).slice(0, 5)) lines.push(`${name}: ${count} × warning "${message}"`);
    }
    return lines;
  }
}

/** A log line made short: level, message and the error's message when there is one. */
function shorten(line: string): string {
  try {
    const parsed = JSON.parse(line) as { level?: string; message?: string; error?: { message?: string; code?: string } | string; reason?: string };
    const error = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.error?.code ?? parsed.reason);
    return `${parsed.level ?? "?"}: ${parsed.message ?? ""}${error ? ` — ${String(error).slice(0, 200)}` : ""}`;
  } catch {
    return line.slice(0, 300);
  }
}

// --- memory ------------------------------------------------------------------------------------

export interface Memory {
  /** Resident set size now, in MB. */
  rssMb: number;
  /** The highest resident set size since the process started (VmHWM), in MB. */
  peakMb: number;
}

/** From /proc/<pid>/status; undefined once the process is gone. */
export function readMemory(pid: number): Memory | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

/** Samples VmRSS of each pid every `everyMs`; `stop()` gives each one's highest sample, in MB. */
export function sampleMemory(pids: number[], everyMs = 200): { stop: () => Map<number, number> } {
  const peaks = new Map<number, number>();
  const sample = () => {
    for (const pid of pids) {
      const memory = readMemory(pid);
      if (memory && memory.rssMb > (peaks.get(pid) ?? 0)) peaks.set(pid, memory.rssMb);
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}

// --- scratch database ----------------------------------------------------------------------------

export interface ScratchDatabase {
  url: string;
  drop: () => Promise<void>;
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(adminUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A database of its own on the server of `serverUrl` (whose role may create databases), dropped by
 * `drop()`; without a URL, an embedded server in a temporary directory, stopped and removed by `drop()`.
 */
export async function openScratchDatabase(prefix: string, serverUrl: string | undefined): Promise<ScratchDatabase> {
  if (serverUrl) {
    const name = `${prefix}_${process.pid}_${Date.now()}`;
    await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
    return { url: withDatabase(serverUrl, name), drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 20000 + Math.floor(Math.random() * 20000), log: silentLog, ephemeral: true });
  return {
    url: server.url,
    drop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
