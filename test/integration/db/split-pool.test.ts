// One Prisma Client, two pools (issue 12): the workers' queries never take the connections the
// requests answered before their ack need, and a transaction stays on one connection.
import { createPrismaClient, onWorkersPool, poolStats, type Db } from "../../../src/db/client";
import { useTestDatabase } from "../../support/db";
import { eventually } from "../../support/eventually";

const database = useTestDatabase();

describe("a client with a workers' pool", () => {
  let db: Db;
  beforeAll(() => {
    db = createPrismaClient(database.current.url, { poolSize: 1, workersPoolSize: 1 });
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  const backendPid = async (client: Db | Parameters<Parameters<Db["$transaction"]>[0]>[0]) => (await client.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`)[0].pid;

  it("runs onWorkersPool's queries and transactions on the workers' connections, the rest on the requests'", async () => {
    const requestsPid = await backendPid(db);
    const workersPid = await onWorkersPool(() => backendPid(db));
    expect(workersPid).not.toBe(requestsPid);
    expect(await onWorkersPool(() => db.$transaction(async (tx) => [await backendPid(tx), await backendPid(tx)]))).toEqual([workersPid, workersPid]);
    expect(await db.$transaction(async (tx) => backendPid(tx))).toBe(requestsPid);
    expect(poolStats(db)).toMatchObject({ max: 1, total: 1 });
    expect(poolStats(db, "workers")).toMatchObject({ max: 1, total: 1 });
  });

  it("answers a request while every workers' connection is busy", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let began!: () => void;
    const begun = new Promise<void>((resolve) => (began = resolve));
    const busyWorker = onWorkersPool(() =>
      db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        began();
        await held;
      }),
    );
    await begun;
    // The workers' only connection is held; a second worker's query waits for it…
    // (A Prisma query runs when awaited, so in the context of whoever awaits it: hence the async.)
    const waitingWorker = onWorkersPool(async () => db.$queryRaw`SELECT 2 AS n`);
    await eventually(() => poolStats(db, "workers")?.waiting === 1, 2_000, "a second worker waiting for the workers' connection");
    // …but a request's does not.
    await expect(db.$queryRaw`SELECT 3 AS n`).resolves.toEqual([{ n: 3 }]);
    release();
    await busyWorker;
    await expect(waitingWorker).resolves.toEqual([{ n: 2 }]);
  });

  it("has no workers' pool unless asked for one", () => {
    expect(poolStats(database.current.prisma, "workers")).toBeUndefined();
  });
});
