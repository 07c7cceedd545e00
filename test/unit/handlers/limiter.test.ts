import { createLimiter } from "../../../src/handlers/support/limiter";

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
