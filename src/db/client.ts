import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool, type PoolClient, type PoolConfig } from "pg";
import { PrismaClient } from "../generated/prisma/client";
import type { PoolStats } from "../observability/metrics";

export type Db = PrismaClient;
/** What a service receives inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** How long a transaction may wait for a pooled connection. */
export const TRANSACTION_MAX_WAIT_MS = 20_000;
/** How long a transaction may run once begun (a guard against one stuck holding its locks). */
export const TRANSACTION_TIMEOUT_MS = 20_000;

// The pg Pool under each client, for /metrics (connections in use, callers waiting).
const pools = new WeakMap<PrismaClient, Pool>();

/**
 * One Prisma Client for the whole bot, whose queries run on one of two pg pools: the requests'
 * (answered before their ack) and, for code run in `onWorkersPool` (the outbox's and the thread
 * replies' workers), a pool of its own, so that a burst of queued work never makes a person's
 * request wait for a connection. Each Prisma Client holds its own query compiler (about 50 MB), so
 * two pools under one client rather than two clients.
 */
export function createPrismaClient(url: string, options: { poolSize?: number; workersPoolSize?: number } = {}): PrismaClient {
  const config: PoolConfig = { connectionString: url, max: options.poolSize ?? 10 };
  const pool = options.workersPoolSize ? new SplitPool(config, new Pool({ connectionString: url, max: options.workersPoolSize })) : new Pool(config);
  // Ours, so that its counts can be read; $disconnect() still ends it.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // Under a burst, a transaction waits for a connection rather than failing after Prisma's default 2 s:
  // the person's answer is bounded by the ack budget (a late save says "saving…" and DMs the outcome),
  // so queueing is better than refusing work someone else's burst delayed.
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: TRANSACTION_TIMEOUT_MS } });
  pools.set(client, pool);
  return client;
}

const workersContext = new AsyncLocalStorage<true>();

/**
 * Runs `work` with its queries (and transactions) on the workers' pool of a client that has one.
 * A Prisma query runs when it is awaited, in the context of its awaiter: `work` awaits its own.
 */
export function onWorkersPool<T>(work: () => T): T {
  return workersContext.run(true, work);
}

/**
 * The requests' pool, which hands out the workers' pool's connections inside `onWorkersPool`.
 * pg's Pool#query takes its connection through #connect, so routing #connect routes both; the
 * adapter only checks that it was given a Pool.
 */
class SplitPool extends Pool {
  constructor(
    config: PoolConfig,
    readonly workers: Pool,
  ) {
    super(config);
  }

  override connect(): Promise<PoolClient>;
  override connect(callback: (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<PoolClient> | void {
    const target = workersContext.getStore() ? this.workers : undefined;
    if (callback) return target ? target.connect(callback) : super.connect(callback);
    return target ? target.connect() : super.connect();
  }

  override async end(): Promise<void> {
    await Promise.all([super.end(), this.workers.end()]);
  }
}

/** The client's pool as it stands (the requests' one, or its workers' one), or undefined for a client made elsewhere. */
export function poolStats(client: PrismaClient, which: "requests" | "workers" = "requests"): PoolStats | undefined {
  const requests = pools.get(client);
  const pool = which === "requests" ? requests : requests instanceof SplitPool ? requests.workers : undefined;
  if (!pool) return undefined;
  return { max: pool.options.max ?? 10, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}
