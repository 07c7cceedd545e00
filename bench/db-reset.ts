// Measures the ways a test can get a clean database: truncating every table, or cloning the
// migrated template afresh. Decides test/support/db.ts's strategy (see README, "Benchmark").
// Needs TEST_DATABASE_URL or DATABASE_URL (a server URL whose role may create databases).
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { createPrismaClient } from "../src/db/client";
import { migrate } from "../src/db/migrator";
import { silentLog } from "../src/logger";
import { withDatabase } from "../test/support/db-names";
import { tablesChildrenFirst } from "../test/support/table-order";
import { summarise } from "./stats";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

async function main(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("set TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server URL");
  const admin = new Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  const template = `bench_template_${process.pid}`;
  await admin.query(`CREATE DATABASE "${template}"`);
  try {
    await migrate({ url: withDatabase(serverUrl, template), log: silentLog });

    const cloneTimes: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await admin.query(`CREATE DATABASE "bench_clone_${process.pid}" TEMPLATE "${template}"`);
      cloneTimes.push(performance.now() - started);
      await admin.query(`DROP DATABASE "bench_clone_${process.pid}"`);
    }

    await admin.query(`CREATE DATABASE "bench_trunc_${process.pid}" TEMPLATE "${template}"`);
    const prisma = createPrismaClient(withDatabase(serverUrl, `bench_trunc_${process.pid}`));
    const tables = await prisma.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
    const sql = `TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`;
    const truncateTimes: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await prisma.branch.create({ data: { code: `B${i}`, name: "Bench", timeZone: "UTC" } });
      const started = performance.now();
      await prisma.$executeRawUnsafe(sql);
      truncateTimes.push(performance.now() - started);
    }
    const deleteSql = (await tablesChildrenFirst(prisma)).map((t) => `DELETE FROM "${t}";`).join(" ");
    const deleteTimes: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await prisma.branch.create({ data: { code: `D${i}`, name: "Bench", timeZone: "UTC" } });
      const started = performance.now();
      await prisma.$executeRawUnsafe(deleteSql);
      deleteTimes.push(performance.now() - started);
    }
    await prisma.$disconnect();
    await admin.query(`DROP DATABASE "bench_trunc_${process.pid}"`);

    const clone = summarise(cloneTimes);
    const truncate = summarise(truncateTimes);
    console.log(`clean database per test, ${ROUNDS} rounds, ${tables.length} tables`);
    console.log(`  clone template : p50 ${clone.p50.toFixed(1)} ms  p99 ${clone.p99.toFixed(1)} ms`);
    console.log(`  truncate all   : p50 ${truncate.p50.toFixed(1)} ms  p99 ${truncate.p99.toFixed(1)} ms`);
    const del = summarise(deleteTimes);
    console.log(`  delete rows    : p50 ${del.p50.toFixed(1)} ms  p99 ${del.p99.toFixed(1)} ms`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
