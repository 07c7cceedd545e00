// Issue 12's memory bound is part of what users run: `npm start` gives Node the heap's bounds, and
// the bench and the artifact test start the bot with the same flags.
import { execFileSync } from "node:child_process";
import { startScriptNodeArgs } from "../../support/start-script";

describe("npm start's Node flags", () => {
  it("bound the old generation and the young one (issue 12: ≤ 300 MB at peak)", () => {
    const flags = startScriptNodeArgs();
    const value = (name: string) => Number(flags.find((flag) => flag.startsWith(`${name}=`))?.split("=")[1]);
    expect(value("--max-old-space-size")).toBeGreaterThanOrEqual(128);
    expect(value("--max-old-space-size")).toBeLessThanOrEqual(256);
    expect(value("--max-semi-space-size")).toBeGreaterThan(0);
  });

  it("are flags this Node accepts, and set the heap limit it reports", () => {
    const limitMb = Number(execFileSync(process.execPath, [...startScriptNodeArgs(), "-e", "process.stdout.write(String(require('v8').getHeapStatistics().heap_size_limit / 1048576))"], { encoding: "utf8" }));
    const oldSpaceMb = Number(startScriptNodeArgs().find((flag) => flag.startsWith("--max-old-space-size="))!.split("=")[1]);
    // The limit is the old generation plus the young one.
    expect(limitMb).toBeGreaterThanOrEqual(oldSpaceMb);
    expect(limitMb).toBeLessThan(oldSpaceMb + 64);
  });
});
