// `npm start` as a new user meets it: the built code (`node dist/src/main.js`, what `npm start` runs)
// in a child process, its own embedded PostgreSQL (no DATABASE_URL), HTTP mode against the Slack fake,
// a working directory and $TMPDIR of its own; then the CLI commands next to the running bot.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startSlackFake, type SlackFake } from "../../src/sandbox/slack";
import { freePort } from "../support/free-port";
import { startScriptNodeArgs } from "../support/start-script";

const root = path.resolve(__dirname, "../..");
const builtMain = path.join(root, "dist/src/main.js");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
jest.setTimeout(180_000);


interface Bot {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

function baseEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "info", ...extra };
}

function runBuiltBot(cwd: string, env: Record<string, string>): Bot {
  const child = spawn(process.execPath, [...startScriptNodeArgs(), builtMain], { cwd, env: baseEnv(env) });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForHealth(port: number, bot: Bot, status = 200, timeoutMs = 90_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (bot.child.exitCode !== null) throw new Error(`the bot exited early:\n${bot.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === status) return response;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`/healthz never answered ${status}:\n${bot.output()}`);
}

function logField(output: string, message: string, field: string): string | undefined {
  for (const line of output.split("\n")) {
    if (!line.includes(`"message":"${message}"`)) continue;
    const value = (JSON.parse(line) as Record<string, unknown>)[field];
    if (value !== undefined) return String(value);
  }
  return undefined;
}

function logLine(output: string, matches: (line: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
  for (const text of output.split("\n")) {
    if (!text.startsWith("{")) continue;
    const line = JSON.parse(text) as Record<string, unknown>;
    if (matches(line)) return line;
  }
  return undefined;
}

const portIsClosed = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });

describe("npm start, as built", () => {
  beforeAll(async () => {
    // What `npm run build` does after `prisma generate`, which `npm test` has just run: regenerating
    // the client here would rewrite files the other test workers are loading.
    await promisify(execFile)(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root });
  });

  it("exits at once naming the missing Slack variables, without a stack trace", async () => {
    const bot = runBuiltBot(os.tmpdir(), {});
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain("SLACK_BOT_TOKEN: missing");
    expect(bot.output()).toContain("SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode): missing");
    expect(bot.output()).toContain('README.md, section "Slack setup"');
    expect(bot.output()).not.toMatch(/\n\s+at /);
  });

  describe("with Slack credentials and no DATABASE_URL", () => {
    let slack: SlackFake;
    let home: string;
    let tmp: string;
    let relocatedDataDir: string | undefined;
    beforeAll(async () => {
      slack = await startSlackFake({ signingSecret: "startup-secret", botToken: "xoxb-startup" });
      // A private directory, like a home directory or `mktemp -d`: as root the postgres system user cannot enter it.
      home = fs.mkdtempSync(path.join(os.tmpdir(), "servicedesk-home-"));
      fs.chmodSync(home, 0o700);
      tmp = path.join(home, "tmp");
      fs.mkdirSync(tmp);
    });
    afterAll(async () => {
      await slack.close();
      fs.rmSync(home, { recursive: true, force: true });
      if (relocatedDataDir) fs.rmSync(relocatedDataDir, { recursive: true, force: true });
    });

    it("starts its own PostgreSQL, serves Slack and /healthz, shares its database with the CLI, survives a killed database, stops cleanly on SIGTERM after finishing a request in flight, and keeps its data", async () => {
      const port = await freePort();
      const env = {
        SLACK_BOT_TOKEN: "xoxb-startup",
        SLACK_SIGNING_SECRET: "startup-secret",
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        SHUTDOWN_TIMEOUT_SECONDS: "8",
        EMBEDDED_PG_PORT: String(await freePort()),
        TMPDIR: tmp,
        // Absolute: `npm run` works in the project's directory, the bot here in `home`.
        EMBEDDED_PG_DIR: path.join(home, "data/postgres"),
      };
      const first = runBuiltBot(home, env);
      const health = await waitForHealth(port, first);
      await expect(health.json()).resolves.toMatchObject({ status: "ok", database: { ok: true } });
      expect(first.output()).toMatch(/"message":"applied migration"/);
      const dataDir = logField(first.output(), "embedded PostgreSQL ready", "dataDir")!;
      if (isRoot) {
        // The README's promise: said at start, kept out of the private directory.
        expect(first.output()).toContain(`which cannot reach ${home}/data/postgres`);
        expect(dataDir.startsWith(home)).toBe(false);
        relocatedDataDir = dataDir;
      } else {
        expect(dataDir).toBe(path.join(home, "data/postgres"));
      }
      // The password is generated, kept beside the data for its owner only, and nowhere in the code.
      const passwordFile = path.join(dataDir, "servicedesk-password");
      expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(passwordFile, "utf8").trim()).toMatch(/^[A-Za-z0-9_-]{32}$/);

      slack.setAppUrl(`http://127.0.0.1:${port}`);
      const help = await slack.driver.sendCommand({ text: "help" });
      expect(help.body).toMatchObject({ response_type: "ephemeral", text: "How to use /repair" });

      // A second terminal: `npm run job` and `npm run import` use the running server, no URL to look up.
      const cli = (args: string[]) => promisify(execFile)("npm", ["run", "-s", ...args], { cwd: root, env: baseEnv(env) });
      const job = await cli(["job", "--", "carry-over"]);
      expect(job.stdout).toContain("carry-over:");
      const imported = await cli(["import", "--", "branches", "examples/import/branches.csv"]);
      expect(imported.stdout).toMatch(/Imported branches from branches.csv: \d+ created/);
      await waitForHealth(port, first); // the CLI left the bot's server running

      // Killed under the bot, the server is restarted by it.
      const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      process.kill(pid, "SIGKILL");
      await waitForHealth(port, first, 503, 10_000).catch(() => undefined);
      await waitForHealth(port, first, 200, 60_000);
      expect(first.output()).toContain("embedded PostgreSQL restarted");

      // A request in flight at SIGTERM still completes: its post-ack views.publish is answered 1.5 s later.
      slack.delayNext("views.publish", 1_500);
      expect((await slack.driver.sendEvent({ type: "app_home_opened", user: "U0FAKEUSER", tab: "home" })).status).toBe(200);
      await slack.waitFor({ method: "views.publish" });
      const signalledAt = performance.now();
      first.child.kill("SIGTERM");
      expect(await first.exited).toBe(0);
      const exitMs = performance.now() - signalledAt;
      expect(slack.callsTo("views.publish").at(-1)!.status).toBe(200);
      expect(exitMs).toBeGreaterThan(1_000);
      expect(exitMs).toBeLessThan(8_000); // SHUTDOWN_TIMEOUT_SECONDS
      const request = logLine(first.output(), (line) => line.message === "slack request" && line.listener === "app_home_opened");
      expect(request).toMatchObject({ acked: true, requestId: expect.any(String) });
      expect(logLine(first.output(), (line) => line.message === "stopped")).toMatchObject({ reason: "SIGTERM" });
      // No secrets in the logs: not the Slack credentials, not the generated database password.
      expect(first.output()).not.toContain("xoxb-startup");
      expect(first.output()).not.toContain("startup-secret");
      expect(first.output()).not.toContain(fs.readFileSync(passwordFile, "utf8").trim());
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      expect(await portIsClosed(Number(env.EMBEDDED_PG_PORT))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
      expect(fs.readdirSync(tmp)).toEqual([]);

      // Second start: same data, nothing left to migrate, the imported branches still there.
      const second = runBuiltBot(home, env);
      await waitForHealth(port, second);
      expect(second.output()).toMatch(/"applied":0,"alreadyApplied":[1-9]/);
      const listed = await cli(["import", "--", "branches", "examples/import/branches.csv"]);
      expect(listed.stdout).toMatch(/0 created, 0 updated, \d+ unchanged/);
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
      expect(fs.readdirSync(tmp)).toEqual([]);
    });
  });
});
