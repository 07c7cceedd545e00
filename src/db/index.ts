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

export interface OpenDatabaseOptions {
  config: Config;
  log: Log;
  /**
   * The bot adopts an embedded server left running by its previous run and supervises it; a CLI
   * command shares the bot's server when it runs, and starts (then stops) one of its own otherwise.
   */
  user: "bot" | "cli";
  /** The bot's embedded server died and could not be restarted. */
  onDatabaseLost?: (error: Error) => void;
  /** Connections apart for code run in `onWorkersPool` (the bot's outbox and reply workers); none by default. */
  workersPoolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { config, log } = options;
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: config.EMBEDDED_PG_DIR,
        port: config.EMBEDDED_PG_PORT,
        systemDir: config.EMBEDDED_PG_SYSTEM_DIR,
        whenRunning: options.user === "bot" ? "adopt" : "share",
        log,
      });
  const url = config.DATABASE_URL ?? embedded!.url;
  try {
    const result = await migrate({ url, log });
    log.info("database ready", { embedded: Boolean(embedded), applied: result.applied.length, alreadyApplied: result.alreadyApplied });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const prisma = createPrismaClient(url, { workersPoolSize: options.workersPoolSize });
  if (embedded && options.onDatabaseLost) embedded.supervise({ onGiveUp: options.onDatabaseLost });
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

/** Answers within `timeoutMs` whatever the database does: a frozen server is reported, not waited for. */
export async function checkHealth(prisma: Db, timeoutMs = 1_000): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([prisma.$queryRaw`SELECT 1`, timeout]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
