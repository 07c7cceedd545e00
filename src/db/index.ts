// The database, whichever way it comes: DATABASE_URL, or an embedded server of our own.
// One code path after that: migrations, then Prisma Client over @prisma/adapter-pg.
import type { Config } from "../config";
import type { Log } from "../logger";
import { createPrismaClient, type Db } from "./client";
import { startEmbeddedPostgres } from "./embedded";
import { migrate } from "./migrator";

export type { Db, Tx, DbOrTx } from "./client";

export interface Database {
  prisma: Db;
  url: string;
  embedded: boolean;
  health(): Promise<DatabaseHealth>;
  close(): Promise<void>;
}

export interface DatabaseHealth {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export async function openDatabase(options: { config: Config; log: Log }): Promise<Database> {
  const { config, log } = options;
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT, log });
  const url = config.DATABASE_URL ?? embedded!.url;
  try {
    const result = await migrate({ url, log });
    log.info("database ready", { embedded: Boolean(embedded), applied: result.applied.length, alreadyApplied: result.alreadyApplied });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const prisma = createPrismaClient(url);
  return {
    prisma,
    url,
    embedded: Boolean(embedded),
    health: () => checkHealth(prisma),
    async close() {
      await prisma.$disconnect();
      await embedded?.stop();
    },
  };
}

export async function checkHealth(prisma: Db): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await prisma.$queryRaw`SELECT 1`;
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  }
}
