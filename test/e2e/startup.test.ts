// `npm start` as a new user meets it: the real entry point in a child process, its own embedded
// PostgreSQL (no DATABASE_URL), HTTP mode against the Slack fake.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startSlackFake, type SlackFake } from "../support/slack-fake";

const root = path.resolve(__dirname, "../..");
jest.setTimeout(120_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

interface Bot {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

function runBot(env: Record<string, string>): Bot {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "info", ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForHealthy(port: number, bot: Bot, timeoutMs = 60_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (bot.child.exitCode !== null) throw new Error(`the bot exited early:\n${bot.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === 200) return response;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the bot did not become healthy:\n${bot.output()}`);
}

describe("starting the bot", () => {
  it("exits at once naming the missing Slack variables, without a stack trace", async () => {
    const bot = runBot({});
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain("SLACK_BOT_TOKEN: missing");
    expect(bot.output()).toContain("SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode): missing");
    expect(bot.output()).toContain('README.md, section "Slack setup"');
    expect(bot.output()).not.toMatch(/\n\s+at /);
  });

  describe("with Slack credentials and no DATABASE_URL", () => {
    let slack: SlackFake;
    let dataDir: string;
    beforeAll(async () => {
      slack = await startSlackFake({ signingSecret: "startup-secret", botToken: "xoxb-startup" });
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "servicedesk-start-"));
      fs.chmodSync(dataDir, 0o755);
    });
    afterAll(async () => {
      await slack.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("starts its own PostgreSQL, applies migrations, serves Slack and /healthz, stops cleanly, and keeps its data", async () => {
      const port = await freePort();
      const env = {
        SLACK_BOT_TOKEN: "xoxb-startup",
        SLACK_SIGNING_SECRET: "startup-secret",
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        EMBEDDED_PG_DIR: path.join(dataDir, "pg"),
        EMBEDDED_PG_PORT: String(await freePort()),
      };
      const first = runBot(env);
      const health = await waitForHealthy(port, first);
      await expect(health.json()).resolves.toMatchObject({ status: "ok", database: { ok: true } });
      expect(first.output()).toMatch(/"message":"applied migration"/);

      slack.setAppUrl(`http://127.0.0.1:${port}`);
      const help = await slack.driver.sendCommand({ text: "help" });
      expect(help.body).toMatchObject({ response_type: "ephemeral", text: "How to use /repair" });

      first.child.kill("SIGTERM");
      expect(await first.exited).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

      // Second start: same data directory, nothing left to migrate.
      const second = runBot(env);
      await waitForHealthy(port, second);
      expect(second.output()).toMatch(/"applied":0,"alreadyApplied":[1-9]/);
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    });
  });
});
