import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
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

export function createPrismaClient(url: string, options: { poolSize?: number } = {}): PrismaClient {
  const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // Ours, so that its counts can be read; $disconnect() still ends it.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // Under a burst, a transaction waits for a connection rather than failing after Prisma's default 2 s:
  // the person's answer is bounded by the ack budget (a late save says "saving…" and DMs the outcome),
  // so queueing is better than refusing work someone else's burst delayed.
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: TRANSACTION_TIMEOUT_MS } });
  pools.set(client, pool);
  return client;
}

/** The client's pool as it stands, or undefined for a client made elsewhere. */
export function poolStats(client: PrismaClient): PoolStats | undefined {
  const pool = pools.get(client);
  if (!pool) return undefined;
  return { max: pool.options.max ?? 10, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}
