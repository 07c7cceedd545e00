import { fixedClock } from "../../../src/clock";
import { claimRun, failRun, finishRun } from "../../../src/jobs/claim";
import type { Job } from "../../../src/jobs/types";
import { useTestDatabase } from "../../support/db";
import { jobDeps, runJob } from "./job-helpers";

const db = useTestDatabase();
const period = { job: "test-job", periodKey: "test-job:SEOUL:2026-11-23" };

describe("job run claim", () => {
  it("lets exactly one of two schedulers claim the same period", async () => {
    const clock = fixedClock("2026-11-23T00:00:00Z");
    const deps = { db: db.current.prisma, clock };
    const results = await Promise.all([claimRun(deps, { ...period, claimedBy: "replica-a" }), claimRun(deps, { ...period, claimedBy: "replica-b" })]);

    expect(results.filter((result) => result.won)).toHaveLength(1);
    expect(results.find((result) => !result.won)).toEqual({ won: false, status: "RUNNING" });
    expect(await db.current.prisma.jobRun.count()).toBe(1);
  });

  it("records the summary of a finished run, and a finished period is not claimed again", async () => {
    const clock = fixedClock("2026-11-23T00:00:00Z");
    const deps = { db: db.current.prisma, clock };
    const claim = await claimRun(deps, { ...period, claimedBy: "replica-a" });
    if (!claim.won) throw new Error("expected to win");
    clock.advance(5_000);
    await finishRun(deps, { runId: claim.runId, claimedBy: "replica-a", summary: { carried: 3 } });
    clock.advance(24 * 3_600_000);

    expect(await claimRun(deps, { ...period, claimedBy: "replica-b" })).toEqual({ won: false, status: "SUCCEEDED" });
    expect(await db.current.prisma.jobRun.findFirstOrThrow()).toMatchObject({
      status: "SUCCEEDED",
      claimedBy: "replica-a",
      summary: { carried: 3 },
      startedAt: new Date("2026-11-23T00:00:00Z"),
      finishedAt: new Date("2026-11-23T00:00:05Z"),
    });
  });

  it("reclaims a run left RUNNING past the stale timeout once, and only then", async () => {
    const clock = fixedClock("2026-11-23T00:00:00Z");
    const deps = { db: db.current.prisma, clock };
    const crashed = await claimRun(deps, { ...period, claimedBy: "crashed" });
    expect(crashed.won).toBe(true);

    clock.advance(14 * 60_000);
    expect((await claimRun(deps, { ...period, claimedBy: "early", staleAfterMinutes: 15 })).won).toBe(false);

    clock.advance(2 * 60_000);
    const contenders = await Promise.all(["replica-a", "replica-b", "replica-c"].map((claimedBy) => claimRun(deps, { ...period, claimedBy, staleAfterMinutes: 15 })));
    expect(contenders.filter((result) => result.won)).toHaveLength(1);
    const row = await db.current.prisma.jobRun.findFirstOrThrow();
    expect(row).toMatchObject({ status: "RUNNING", startedAt: new Date("2026-11-23T00:16:00Z") });
    expect(["replica-a", "replica-b", "replica-c"]).toContain(row.claimedBy);
    // The crashed process, if it comes back, cannot overwrite the new holder's run.
    if (!crashed.won) throw new Error("unreachable");
    expect(await finishRun(deps, { runId: crashed.runId, claimedBy: "crashed", summary: { carried: 1 } })).toBe(false);
  });

  it("records a failed run with its error; the scheduler leaves it, a retry by hand takes it over", async () => {
    const clock = fixedClock("2026-11-23T00:00:00Z");
    const failing: Job = {
      name: "always-fails",
      schedule: "* * * * *",
      perBranch: false,
      periodKey: ({ date }) => `always-fails:${date}`,
      run: () => Promise.reject(new Error("Slack is down")),
    };
    const deps = jobDeps(db.current.prisma, clock);

    expect(await runJob(deps, failing)).toEqual([{ branch: null, periodKey: "always-fails:2026-11-23", outcome: "failed", error: "Slack is down" }]);
    expect(await db.current.prisma.jobRun.findFirstOrThrow()).toMatchObject({ status: "FAILED", error: "Slack is down", finishedAt: new Date("2026-11-23T00:00:00Z") });

    clock.advance(60 * 60_000);
    expect(await runJob(deps, failing)).toEqual([expect.objectContaining({ outcome: "skipped-claimed" })]);
    const retried = await claimRun({ db: db.current.prisma, clock }, { job: "always-fails", periodKey: "always-fails:2026-11-23", claimedBy: "cli", retryFailed: true });
    expect(retried.won).toBe(true);
    if (retried.won) await failRun({ db: db.current.prisma, clock }, { runId: retried.runId, claimedBy: "cli", error: new Error("still down") });
    expect(await db.current.prisma.jobRun.findFirstOrThrow()).toMatchObject({ status: "FAILED", claimedBy: "cli", error: "still down" });
  });
});
