import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient } from "../generated/prisma/client";
import type { PoolStats } from "../observability/metrics";

export type Db = PrismaClient;
/** What a service receives inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

// The pg Pool under each client, for /metrics (connections in use, callers waiting).
const pools = new WeakMap<PrismaClient, Pool>();

export function createPrismaClient(url: string, options: { poolSize?: number } = {}): PrismaClient {
  const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // Ours, so that its counts can be read; $disconnect() still ends it.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({ adapter });
  pools.set(client, pool);
  return client;
}

/** The client's pool as it stands, or undefined for a client made elsewhere. */
export function poolStats(client: PrismaClient): PoolStats | undefined {
  const pool = pools.get(client);
  if (!pool) return undefined;
  return { max: pool.options.max ?? 10, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}
