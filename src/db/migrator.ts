// Applies prisma/migrations/* the way `prisma migrate deploy` does, so that `npm start` needs no
// Prisma CLI (whose schema engine cannot be downloaded everywhere) and both agree afterwards:
// same `_prisma_migrations` table, same checksums, same advisory lock.
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { runMigrations as installJobQueue } from "graphile-worker";
import { Client } from "pg";
import { queueLogger, type Log } from "../logger";

/** The advisory lock key Prisma's migrate commands take, so the app and the CLI never race either. */
const PRISMA_MIGRATE_LOCK = 72707369;

/**
 * prisma/migrations of the project this file belongs to: two levels up from src/db when run from the
 * sources, three from dist/src/db when built (`npm start`), whatever the working directory.
 */
export const DEFAULT_MIGRATIONS_DIR = findUp(__dirname, path.join("prisma", "migrations"));

function findUp(from: string, relative: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(path.join(dir, "package.json")) && existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(from, "../..", relative);
  }
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql"))).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export async function migrate(options: { url: string; log: Log; dir?: string }): Promise<MigrateResult> {
  const migrations = await readMigrations(options.dir);
  const client = new Client({ connectionString: options.url });
  await client.connect();
  try {
    // Session-level lock: two replicas starting together apply each migration once.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    // The outbox's queue (graphile-worker's own schema and migrations) first: our migrations may
    // queue Slack effects, and services call graphile_worker.add_job in their transactions.
    await installJobQueue({ connectionString: options.url, logger: queueLogger(options.log) });
    await ensureMigrationsTable(client);
    const rows = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
    );
    const failed = rows.rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} failed earlier and was not rolled back. Fix the database, then mark it with \`prisma migrate resolve\` or delete its row from "_prisma_migrations".`,
      );
    }
    const applied = new Map(rows.rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
    const result: MigrateResult = { applied: [], alreadyApplied: 0 };
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        result.alreadyApplied += 1;
        if (checksum !== migration.checksum) {
          options.log.warn("an applied migration was edited since it ran", { migration: migration.name });
        }
        continue;
      }
      await applyMigration(client, migration);
      options.log.info("applied migration", { migration: migration.name });
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => undefined);
    await client.end();
  }
}

async function ensureMigrationsTable(client: Client): Promise<void> {
  // Prisma's own definition of the table.
  await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`);
}

async function applyMigration(client: Client, migration: Migration): Promise<void> {
  const id = randomUUID();
  await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)', [
    id,
    migration.checksum,
    migration.name,
  ]);
  // PostgreSQL DDL is transactional: a failed migration leaves no half-made schema behind.
  try {
    await client.query("BEGIN");
    await client.query(migration.sql);
    await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    await client.query('UPDATE "_prisma_migrations" SET logs = $2, rolled_back_at = now() WHERE id = $1', [id, message]);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${message}`, { cause: error });
  }
}
