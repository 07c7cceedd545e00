import { createKeyedQueue, createLimiter } from "../../../src/handlers/support/limiter";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("createLimiter", () => {
  it("runs at most N at once and starts the waiting ones in order as others finish, even when one fails", async () => {
    const limit = createLimiter(2);
    const started: number[] = [];
    const finishers = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
    const jobs = [0, 1, 2, 3].map((n) =>
      limit(
        () =>
          new Promise<number>((resolve, reject) => {
            started.push(n);
            finishers.set(n, { resolve: () => resolve(n), reject });
          }),
      ),
    );
    const settled = Promise.allSettled(jobs);
    await tick();
    expect(started).toEqual([0, 1]);
    finishers.get(1)!.reject(new Error("boom"));
    await tick();
    expect(started).toEqual([0, 1, 2]);
    finishers.get(0)!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    finishers.get(2)!.resolve();
    finishers.get(3)!.resolve();
    expect(await settled).toEqual([
      { status: "fulfilled", value: 0 },
      { status: "rejected", reason: new Error("boom") },
      { status: "fulfilled", value: 2 },
      { status: "fulfilled", value: 3 },
    ]);
  });

  it("refuses a concurrency that is not a positive integer", () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});

describe("createKeyedQueue", () => {
  it("runs one key's work in arrival order, even when an earlier one fails, and other keys meanwhile", async () => {
    const inOrder = createKeyedQueue();
    const events: string[] = [];
    const slow = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => {
        events.push(`start ${name}`);
        setTimeout(() => {
          events.push(`end ${name}`);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms);
      });
    const results = await Promise.allSettled([
      inOrder("thread-1", slow("arrived", 30, true)),
      inOrder("thread-1", slow("hours", 1)),
      inOrder("thread-2", slow("other", 1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(events.indexOf("start hours")).toBeGreaterThan(events.indexOf("end arrived"));
    expect(events.indexOf("end other")).toBeLessThan(events.indexOf("end arrived"));
  });
});
