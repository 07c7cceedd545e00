// The sandbox's clock: it keeps running in real time from where it was put, and reads "18:30" and
// local days in a branch's zone.
import { localDay, minuteOfDay, sandboxClock } from "../../../src/sandbox/clock";

describe("the sandbox's clock", () => {
  it("runs in real time from its start, and moves when set or advanced", () => {
    let real = Date.parse("2026-11-28T09:00:00Z");
    const clock = sandboxClock(new Date("2026-11-23T01:00:00Z"), () => real);
    expect(clock.now().toISOString()).toBe("2026-11-23T01:00:00.000Z");
    real += 90_000;
    expect(clock.now().toISOString()).toBe("2026-11-23T01:01:30.000Z");
    clock.advance(3_600_000);
    expect(clock.now().toISOString()).toBe("2026-11-23T02:01:30.000Z");
    clock.set(new Date("2026-11-23T09:30:00Z"));
    real += 1_000;
    expect(clock.now().toISOString()).toBe("2026-11-23T09:30:01.000Z");
  });

  it("reads a time of day and refuses what is not one", () => {
    expect(minuteOfDay("18:30")).toBe(18 * 60 + 30);
    expect(minuteOfDay("9:05")).toBe(9 * 60 + 5);
    expect(() => minuteOfDay("24:00")).toThrow(/not a time of day/);
    expect(() => minuteOfDay("half past six")).toThrow(/not a time of day/);
  });

  it("tells the local day in the branch's zone, not UTC's", () => {
    // 23:30 UTC on Sunday is Monday 08:30 in Seoul and Monday 00:30 in Berlin; 22:30 UTC is still Sunday in Berlin.
    const at = new Date("2026-11-22T23:30:00Z");
    expect(localDay(at, "Asia/Seoul")).toBe("2026-11-23");
    expect(localDay(at, "Europe/Berlin")).toBe("2026-11-23");
    expect(localDay(new Date("2026-11-22T22:30:00Z"), "Europe/Berlin")).toBe("2026-11-22");
  });
});
