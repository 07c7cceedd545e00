// Stopping the bot stops the scheduler: nothing more is claimed, and a run already claimed is let
// finish (within the grace period) rather than abandoned with its claim held.
import { fixedClock } from "../../../src/clock";
import { createScheduler } from "../../../src/jobs/scheduler";
import type { Job } from "../../../src/jobs/types";
import { useTestDatabase } from "../../support/db";
import { createBranch } from "../../support/factories/data";
import { jobDeps } from "./job-helpers";

const db = useTestDatabase();

function perBranchJob(run: Job["run"]): Job {
  return { name: "per-branch", schedule: "0 0 1 1 *", perBranch: true, periodKey: ({ branch, date }) => `per-branch:${branch!.code}:${date}`, run };
}

describe("the scheduler's stop", () => {
  it("lets the run it claimed finish, claims no further branch, and reports each claimed period's outcome", async () => {
    const prisma = db.current.prisma;
    await createBranch(prisma, { code: "BUSAN" });
    await createBranch(prisma, { code: "SEOUL" });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let claimedFirst!: () => void;
    const firstClaimed = new Promise<void>((resolve) => (claimedFirst = resolve));
    const job = perBranchJob(async () => {
      claimedFirst();
      await released;
      return { done: 1 };
    });
    const observed: unknown[] = [];
    const scheduler = createScheduler(jobDeps(prisma, fixedClock("2026-11-23T02:30:00Z")), [job], { observe: (report) => observed.push(report) });

    const started = scheduler.start();
    await firstClaimed;
    const stopped = scheduler.stop(5_000);
    setTimeout(release, 200);
    await stopped;
    await started;

    // BUSAN (first by code) ran to its end; SEOUL was never claimed.
    expect(await prisma.jobRun.findMany({ select: { periodKey: true, status: true } })).toEqual([{ periodKey: "per-branch:BUSAN:2026-11-23", status: "SUCCEEDED" }]);
    expect(observed).toEqual([{ job: "per-branch", outcome: "ran", seconds: expect.any(Number) }]);
  });

  it("reports a failed period and one another replica had claimed", async () => {
    const prisma = db.current.prisma;
    await createBranch(prisma, { code: "SEOUL" });
    const failing = perBranchJob(async () => Promise.reject(new Error("Slack is down")));
    const observed: { outcome: string }[] = [];
    const deps = jobDeps(prisma, fixedClock("2026-11-23T02:30:00Z"));
    const first = createScheduler(deps, [failing], { observe: (report) => observed.push(report) });
    await first.tick(failing);
    const second = createScheduler({ ...deps, claimedBy: "replica-b" }, [failing], { observe: (report) => observed.push(report) });
    await second.tick(failing);
    await Promise.all([first.stop(), second.stop()]);
    expect(observed.map((report) => report.outcome)).toEqual(["failed", "skipped-claimed"]);
  });
});
