import { createHash } from "node:crypto";
// Prepares one PostgreSQL for the whole run: TEST_DATABASE_URL when given (CI gives the machine's
// server), otherwise an embedded server of our own, so `npm test` needs nothing but Node.
// A template database holds the migrated schema; each worker clones it (see test/support/db.ts).
import os from "node:os";
import path from "node:path";
import fs from "node:fs/promises";
import { Client } from "pg";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../src/db/embedded";
import { migrate, readMigrations } from "../../src/db/migrator";
import { silentLog } from "../../src/logger";
import { TEMPLATE_ENV, SERVER_ENV, withDatabase } from "./db-names";

declare global {
  var __embeddedTestServer: EmbeddedServer | undefined;
  var __embeddedTestDir: string | undefined;
}

export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "servicedesk-test-pg-"));
    const port = 20000 + Math.floor(Math.random() * 20000);
    // ephemeral: as root in a private $TMPDIR the data goes elsewhere (src/db/embedded-layout.ts), and is removed at stop.
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port, database: "postgres", log: silentLog, ephemeral: true }).catch(
      async (error: unknown) => {
        await fs.rm(dir, { recursive: true, force: true });
        throw error;
      },
    );
    globalThis.__embeddedTestServer = server;
    globalThis.__embeddedTestDir = dir;
    serverUrl = server.url;
  }
  const migrations = await readMigrations();
  // Our migrations and the outbox queue's schema (graphile-worker's version) make the template.
  const queueVersion = (JSON.parse(await fs.readFile(require.resolve("graphile-worker/package.json"), "utf8")) as { version: string }).version;
  const fingerprint = createHash("sha256").update(migrations.map((m) => m.checksum).join("") + queueVersion).digest("hex").slice(0, 24);
  const admin = new Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  // Per role: only a template's owner (or a superuser) may clone it, and one server may serve
  // runs under different roles (a developer as postgres, CI as its own role).
  const role = (await admin.query<{ role: string }>("SELECT current_user AS role")).rows[0].role.replace(/[^a-z0-9_]/gi, "").slice(0, 20);
  const template = `servicedesk_template_${role}_${fingerprint}`;
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
    if (exists.rowCount === 0) {
      // Built under a temporary name and renamed, so a crashed run never leaves a half-migrated template.
      const building = `${template}_building_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
      await admin.query(`CREATE DATABASE "${building}"`);
      await migrate({ url: withDatabase(serverUrl, building), log: silentLog });
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`).catch(async (error: unknown) => {
        await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
        if (!String(error).includes("already exists")) throw error;
      });
    }
  } finally {
    await admin.end();
  }
  process.env[SERVER_ENV] = serverUrl;
  process.env[TEMPLATE_ENV] = template;
}
