import { checkHealth, type Db } from "../../../src/db";

describe("the database health check behind /healthz", () => {
  it("answers within its timeout when the database does not answer at all (a frozen server)", async () => {
    const frozen = { $queryRaw: () => new Promise(() => undefined) } as unknown as Db;
    const started = Date.now();
    const health = await checkHealth(frozen, 200);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(health).toMatchObject({ ok: false, error: "no answer within 200 ms" });
  });

  it("reports a refused connection with its message", async () => {
    const down = { $queryRaw: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:54329")) } as unknown as Db;
    await expect(checkHealth(down)).resolves.toMatchObject({ ok: false, error: "connect ECONNREFUSED 127.0.0.1:54329" });
  });
});
