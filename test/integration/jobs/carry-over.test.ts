import { fixedClock } from "../../../src/clock";
import { carryOverJob } from "../../../src/jobs/carry-over";
import { createScheduler, DEFAULT_JOB_SETTINGS } from "../../../src/jobs/scheduler";
import { useTestDatabase } from "../../support/db";
import { createBranchWithCalendar, createTechnician, createTicket } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient, jobDeps, runJob } from "./job-helpers";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({ channels: { C0SEOULDSP: { name: "dispatch-seoul" } } });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

// Monday 2026-11-23 in Seoul (UTC+9); the branch opens 09:00–18:00 Monday to Friday.
const FRIDAY_AFTERNOON = "2026-11-20T07:00:00Z"; // Fri 16:00 KST
const MONDAY_0905 = "2026-11-23T00:05:00Z"; // Mon 09:05 KST
const MONDAY_0830 = "2026-11-22T23:30:00Z"; // Mon 08:30 KST

async function seoulBranchWithCalls() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", dispatchChannelId: "C0SEOULDSP" });
  const technician = await createTechnician(prisma, { branchId: branch.id });
  const fridayUnassigned = await createTicket(prisma, { branchId: branch.id, receivedAt: new Date(FRIDAY_AFTERNOON) });
  const fridayAssigned = await createTicket(prisma, { branchId: branch.id, receivedAt: new Date(FRIDAY_AFTERNOON), status: "ASSIGNED", assignedTechnicianId: technician.id });
  const fridayIncomplete = await createTicket(prisma, { branchId: branch.id, receivedAt: new Date(FRIDAY_AFTERNOON), status: "INCOMPLETE" });
  const todays = await createTicket(prisma, { branchId: branch.id, receivedAt: new Date("2026-11-23T00:01:00Z") });
  return { branch, fridayUnassigned, fridayAssigned, fridayIncomplete, todays };
}

describe("carry-over job (R8)", () => {
  it("R8: calls registered on an earlier day and still unassigned become priority; today's and assigned ones do not", async () => {
    const { fridayUnassigned, fridayAssigned, fridayIncomplete, todays } = await seoulBranchWithCalls();
    const clock = fixedClock(MONDAY_0905);

    const outcomes = await runJob(jobDeps(db.current.prisma, clock, { slack: fakeSlackClient(fake) }), carryOverJob);

    expect(outcomes).toEqual([{ branch: "SEOUL", periodKey: "carry-over:SEOUL:2026-11-23", outcome: "ran", summary: { carried: 1 } }]);
    const tickets = await db.current.prisma.ticket.findMany({ orderBy: { id: "asc" }, select: { id: true, priority: true, carriedOverAt: true } });
    expect(tickets).toEqual([
      { id: fridayUnassigned.id, priority: true, carriedOverAt: new Date(MONDAY_0905) },
      { id: fridayAssigned.id, priority: false, carriedOverAt: null },
      { id: fridayIncomplete.id, priority: false, carriedOverAt: null },
      { id: todays.id, priority: false, carriedOverAt: null },
    ]);
    expect(await db.current.prisma.auditLog.findMany({ where: { action: "ticket.carry-over" } })).toEqual([
      expect.objectContaining({ actor: "system:carry-over", entity: "Ticket", ticketId: fridayUnassigned.id }),
    ]);
    expect(await db.current.prisma.jobRun.findFirstOrThrow()).toMatchObject({ job: "carry-over", periodKey: "carry-over:SEOUL:2026-11-23", status: "SUCCEEDED", summary: { carried: 1 } });
  });

  it("R8: a second run for the same day is skipped by the claim, and a later day never carries a call twice", async () => {
    await seoulBranchWithCalls();
    const clock = fixedClock(MONDAY_0905);
    const deps = jobDeps(db.current.prisma, clock, { slack: fakeSlackClient(fake) });
    await runJob(deps, carryOverJob);
    const postsAfterFirst = fake.callsTo("chat.postMessage").length;

    expect(await runJob(deps, carryOverJob)).toEqual([expect.objectContaining({ outcome: "skipped-claimed" })]);
    clock.set("2026-11-24T00:05:00Z");
    expect(await runJob(deps, carryOverJob)).toEqual([expect.objectContaining({ periodKey: "carry-over:SEOUL:2026-11-24", outcome: "ran", summary: { carried: 1 } })]);
    // Tuesday carries Monday's unassigned call only; Friday's was carried on Monday.
    expect(await db.current.prisma.auditLog.count({ where: { action: "ticket.carry-over" } })).toBe(2);
    expect(await db.current.prisma.ticket.count({ where: { carriedOverAt: new Date(MONDAY_0905) } })).toBe(1);
    expect(fake.callsTo("chat.postMessage").length).toBeGreaterThan(postsAfterFirst);
  });

  it("R8: nothing is due before the branch's first opening, nor on a day it is closed", async () => {
    await seoulBranchWithCalls();
    const clock = fixedClock(MONDAY_0830);
    const deps = jobDeps(db.current.prisma, clock, { slack: fakeSlackClient(fake) });

    expect(await runJob(deps, carryOverJob, { dueOnly: true })).toEqual([expect.objectContaining({ outcome: "not-due" })]);
    clock.set("2026-11-22T03:00:00Z"); // Sunday noon in Seoul
    expect(await runJob(deps, carryOverJob, { dueOnly: true })).toEqual([expect.objectContaining({ outcome: "not-due" })]);
    expect(await db.current.prisma.jobRun.count()).toBe(0);
    expect(await db.current.prisma.ticket.count({ where: { priority: true } })).toBe(0);
  });

  it("R8: a configured carry-over time (CARRY_OVER_AT) replaces the first opening", async () => {
    await seoulBranchWithCalls();
    const clock = fixedClock(MONDAY_0905);
    const deps = jobDeps(db.current.prisma, clock, { slack: fakeSlackClient(fake), settings: { ...DEFAULT_JOB_SETTINGS, carryOverAtMinute: 10 * 60 } });

    expect(await runJob(deps, carryOverJob, { dueOnly: true })).toEqual([expect.objectContaining({ outcome: "not-due" })]);
    clock.set("2026-11-23T01:00:00Z"); // 10:00 KST
    expect(await runJob(deps, carryOverJob, { dueOnly: true })).toEqual([expect.objectContaining({ outcome: "ran", summary: { carried: 1 } })]);
  });

  it("R8: starting the scheduler after the opening catches up today's missed carry-over once", async () => {
    await seoulBranchWithCalls();
    const clock = fixedClock("2026-11-23T02:30:00Z"); // Mon 11:30 KST: the bot was down at 09:00
    const deps = jobDeps(db.current.prisma, clock, { slack: fakeSlackClient(fake) });

    const first = createScheduler(deps, [carryOverJob]);
    await first.start();
    await first.stop();
    const second = createScheduler({ ...deps, claimedBy: "replica-b" }, [carryOverJob]);
    await second.start();
    await second.stop();

    expect(await db.current.prisma.jobRun.findMany({ select: { periodKey: true, status: true, claimedBy: true, summary: true } })).toEqual([
      { periodKey: "carry-over:SEOUL:2026-11-23", status: "SUCCEEDED", claimedBy: "test-scheduler", summary: { carried: 1 } },
    ]);
    expect(await db.current.prisma.ticket.count({ where: { priority: true } })).toBe(1);
  });

  it("stopping waits for a run in progress at most the grace period; the run keeps its claim, to be reclaimed when stale", async () => {
    await seoulBranchWithCalls();
    const clock = fixedClock("2026-11-23T02:30:00Z");
    const deps = jobDeps(db.current.prisma, clock, { slack: fakeSlackClient(fake) });
    const hanging = { ...carryOverJob, name: "hanging", periodKey: () => "hanging:once", run: () => new Promise<never>(() => undefined) };
    const scheduler = createScheduler(deps, [hanging]);
    void scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 200));

    const started = Date.now();
    await scheduler.stop(300);

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await db.current.prisma.jobRun.findMany({ select: { periodKey: true, status: true } })).toEqual([{ periodKey: "hanging:once", status: "RUNNING" }]);
  });
});
