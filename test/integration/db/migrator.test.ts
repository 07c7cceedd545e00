import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { migrate, readMigrations } from "../../../src/db/migrator";
import { silentLog } from "../../../src/logger";
import { SERVER_ENV, withDatabase } from "../../support/db-names";

// A database of its own: these tests start from nothing, not from the migrated template.
const serverUrl = () => process.env[SERVER_ENV]!;
const name = `servicedesk_migrator_${process.pid}`;

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(serverUrl(), "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe("migrator", () => {
  beforeEach(() => admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  }));
  afterAll(() => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));

  it("applies every migration once and records it the way Prisma does", async () => {
    const url = withDatabase(serverUrl(), name);
    const first = await migrate({ url, log: silentLog });
    const migrations = await readMigrations();
    expect(first.applied).toEqual(migrations.map((m) => m.name));

    const again = await migrate({ url, log: silentLog });
    expect(again).toEqual({ applied: [], alreadyApplied: migrations.length });

    const client = new Client({ connectionString: url });
    await client.connect();
    const rows = await client.query('SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"');
    await client.end();
    expect(rows.rows).toEqual(
      migrations.map((m) => expect.objectContaining({ migration_name: m.name, checksum: m.checksum, finished_at: expect.any(Date), applied_steps_count: 1 })),
    );
  });

  it("lets two replicas start together: each migration runs exactly once", async () => {
    const url = withDatabase(serverUrl(), name);
    const results = await Promise.all([migrate({ url, log: silentLog }), migrate({ url, log: silentLog }), migrate({ url, log: silentLog })]);
    const appliedCounts = results.map((r) => r.applied.length).sort();
    const total = (await readMigrations()).length;
    expect(appliedCounts).toEqual([0, 0, total]);
  });

  it("rolls back a failing migration whole, keeps the earlier ones, and applies the fixed one on the next start", async () => {
    const url = withDatabase(serverUrl(), name);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-"));
    await fs.mkdir(path.join(dir, "20260101000000_ok"));
    await fs.writeFile(path.join(dir, "20260101000000_ok", "migration.sql"), 'CREATE TABLE "Ok" (id int);');
    await fs.mkdir(path.join(dir, "20260102000000_broken"));
    await fs.writeFile(path.join(dir, "20260102000000_broken", "migration.sql"), 'CREATE TABLE "Half" (id int); SELECT * FROM "Missing";');

    await expect(migrate({ url, log: silentLog, dir })).rejects.toThrow(/20260102000000_broken failed and was rolled back/);
    const client = new Client({ connectionString: url });
    await client.connect();
    const half = await client.query(`SELECT to_regclass('"Half"') AS t`);
    const ok = await client.query(`SELECT to_regclass('"Ok"') AS t`);
    await client.end();
    expect(half.rows[0].t).toBeNull();
    expect(ok.rows[0].t).toBe('"Ok"');

    await fs.writeFile(path.join(dir, "20260102000000_broken", "migration.sql"), 'CREATE TABLE "Half" (id int);');
    await expect(migrate({ url, log: silentLog, dir })).resolves.toEqual({ applied: ["20260102000000_broken"], alreadyApplied: 1 });
    await fs.rm(dir, { recursive: true, force: true });
  });
});
