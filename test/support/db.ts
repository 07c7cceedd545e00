// Each test file gets its own database cloned from the migrated template; before each test its rows
// are deleted, children first. `npm run bench:db-reset` measured the choices: deleting a test's few
// rows takes ~1 ms, TRUNCATE of all tables ~75–150 ms, a fresh clone ~25–350 ms.
import { Client } from "pg";
import { createPrismaClient, type Db } from "../../src/db/client";
import { SERVER_ENV, TEMPLATE_ENV, withDatabase } from "./db-names";
import { tablesChildrenFirst } from "./table-order";

export interface TestDatabase {
  prisma: Db;
  url: string;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env[SERVER_ENV];
  const template = process.env[TEMPLATE_ENV];
  if (!serverUrl || !template) throw new Error("test/support/global-setup.ts did not run: use `npm test` or `npx jest`");
  const name = `servicedesk_test_${process.env.JEST_WORKER_ID ?? "0"}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const prisma = createPrismaClient(url, { poolSize: 20 });
  // The outbox's queue too: a test's effects must not be delivered in the next one.
  const deleteAll = [...(await tablesChildrenFirst(prisma)).map((table) => `DELETE FROM "${table}";`), "DELETE FROM graphile_worker._private_jobs;", "DELETE FROM graphile_worker._private_job_queues;"].join(" ");
  return {
    prisma,
    url,
    reset: async () => {
      await prisma.$executeRawUnsafe(deleteAll);
    },
    close: async () => {
      await prisma.$disconnect();
      const cleanup = new Client({ connectionString: withDatabase(serverUrl, "postgres") });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => cleanup.end());
    },
  };
}

/** Registers a fresh database for the test file and empties it before each test. */
export function useTestDatabase(): { readonly current: TestDatabase } {
  const holder: { current?: TestDatabase } = {};
  beforeAll(async () => {
    holder.current = await createTestDatabase();
  });
  beforeEach(async () => {
    await holder.current!.reset();
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return {
    get current() {
      if (!holder.current) throw new Error("useTestDatabase(): the database is ready only inside tests");
      return holder.current;
    },
  };
}
