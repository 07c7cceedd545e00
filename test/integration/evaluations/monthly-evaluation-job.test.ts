// R20/R22: the monthly evaluation job posts each branch's previous month once, on the month's first
// working day (after its closing), whatever the replicas and days that follow; a manager signs it
// off by the daily summary's rule (R17).
import { fixedClock } from "../../../src/clock";
import { AppError } from "../../../src/errors";
import { evaluationDueAt, monthlyEvaluationJob } from "../../../src/jobs/monthly-evaluation";
import type { JobBranch } from "../../../src/jobs/types";
import { computeMonthlyEvaluation } from "../../../src/services/evaluations/compute-monthly-evaluation";
import { storeEvaluationReport } from "../../../src/services/evaluations/evaluation-report";
import { signOffEvaluation } from "../../../src/services/evaluations/sign-off-evaluation";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient, jobDeps, runJob } from "../jobs/job-helpers";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({ channels: { C0SEOULDIR: { name: "directors-seoul" }, C0SEOULDSP: { name: "dispatch-seoul" } } });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

// November 2026 starts on a Sunday; Monday the 2nd is made a holiday, so the first working day is Tuesday the 3rd.
const HOLIDAY = "2026-11-02";
const FIRST_WORKING_DAY_AFTER_CLOSE = "2026-11-03T09:35:00Z"; // Tue 18:35 KST; the branch closes at 18:00
const FIRST_WORKING_DAY_MORNING = "2026-11-03T01:00:00Z"; // Tue 10:00 KST

const seoulCalendar = (holidays: string[] = []): JobBranch["calendar"] => ({
  timeZone: "Asia/Seoul",
  weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: 540, closesAt: 1080 })),
  holidays,
});

async function branchWithOctober() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul", dispatchChannelId: "C0SEOULDSP", directorsChannelId: "C0SEOULDIR", holidays: [HOLIDAY] });
  const kim = await createTechnician(prisma, { branchId: branch.id, name: "Kim", slackUserId: "U0KIM" });
  await createTicket(prisma, { branchId: branch.id, receivedAt: new Date("2026-10-14T01:00:00Z"), status: "CLOSED", closedAt: new Date("2026-10-15T03:00:00Z"), assignedTechnicianId: kim.id });
  return { branch, kim };
}

function topLevel(channel: string) {
  return fake.messagesIn(channel).filter((message) => !message.thread_ts || message.thread_ts === message.ts);
}

describe("monthly evaluation job (R20, R22)", () => {
  it("R20: is due after the closing of the month's first working day — past a weekend and a holiday — and stays due on the days after", () => {
    const deps = jobDeps(db.current.prisma, fixedClock(FIRST_WORKING_DAY_AFTER_CLOSE));
    const branch: JobBranch = { id: 1, code: "SEOUL", name: "Seoul", timeZone: "Asia/Seoul", dispatchChannelId: null, calendar: seoulCalendar([HOLIDAY]) };
    const due = new Date(Date.parse("2026-11-03T09:00:00Z") + deps.settings.summaryAfterCloseMinutes * 60_000);
    expect(evaluationDueAt({ deps, branch, date: "2026-11-01" })).toBeNull(); // Sunday
    expect(evaluationDueAt({ deps, branch, date: "2026-11-02" })).toBeNull(); // the holiday
    expect(evaluationDueAt({ deps, branch, date: "2026-11-03" })).toEqual(due);
    expect(evaluationDueAt({ deps, branch, date: "2026-11-04" })).toEqual(due); // caught up by a bot that was down
    expect(evaluationDueAt({ deps, branch, date: "2026-11-10" })).toEqual(due); // the seventh day after, still
    expect(evaluationDueAt({ deps, branch, date: "2026-11-11" })).toBeNull(); // later: a bot first started late in the month posts no stale report
    // Without the holiday, Monday the 2nd.
    expect(evaluationDueAt({ deps, branch: { ...branch, calendar: seoulCalendar() }, date: "2026-11-02" })).toEqual(new Date(Date.parse("2026-11-02T09:00:00Z") + 30 * 60_000));
  });

  it("R20: posts the previous month with Sign off in the directors' channel, once per branch and month: not before it is due, not again later that day or month", async () => {
    const { branch } = await branchWithOctober();
    const prisma = db.current.prisma;
    const at = (iso: string) => jobDeps(prisma, fixedClock(iso), { slack: fakeSlackClient(fake) });

    expect(await runJob(at(FIRST_WORKING_DAY_MORNING), monthlyEvaluationJob, { dueOnly: true })).toEqual([expect.objectContaining({ outcome: "not-due" })]);
    expect(await runJob(at("2026-11-02T09:35:00Z"), monthlyEvaluationJob, { dueOnly: true })).toEqual([expect.objectContaining({ outcome: "not-due" })]);
    expect(topLevel("C0SEOULDIR")).toHaveLength(0);

    const outcomes = await runJob(at(FIRST_WORKING_DAY_AFTER_CLOSE), monthlyEvaluationJob, { dueOnly: true });
    expect(outcomes).toEqual([expect.objectContaining({ outcome: "ran", periodKey: "monthly-evaluation:SEOUL:2026-10", summary: { stored: 1, queued: 1, technicians: 1 } })]);
    const [message] = topLevel("C0SEOULDIR");
    expect(message.text).toContain("Monthly evaluation for Seoul, 2026-10");
    expect(JSON.stringify(message.blocks)).toContain("<@U0KIM>");
    expect(JSON.stringify(message.blocks)).toContain("calls closed 1");
    expect(JSON.stringify(message.blocks)).toContain("evaluation_sign_off");
    expect(await prisma.evaluationReport.findFirstOrThrow()).toMatchObject({ branchId: branch.id, month: "2026-10", channelId: "C0SEOULDIR", messageTs: message.ts });

    expect(await runJob(at("2026-11-03T10:00:00Z"), monthlyEvaluationJob, { dueOnly: true })).toEqual([expect.objectContaining({ outcome: "skipped-claimed" })]);
    expect(await runJob(at("2026-11-04T10:00:00Z"), monthlyEvaluationJob, { dueOnly: true })).toEqual([expect.objectContaining({ outcome: "skipped-claimed", periodKey: "monthly-evaluation:SEOUL:2026-10" })]);
    expect(topLevel("C0SEOULDIR")).toHaveLength(1);
    expect(await prisma.evaluationReport.count()).toBe(1);
  });

  it("R20: two replicas ticking at once post it once", async () => {
    await branchWithOctober();
    const prisma = db.current.prisma;
    const clock = fixedClock(FIRST_WORKING_DAY_AFTER_CLOSE);
    const replicas = ["replica-a", "replica-b"].map((claimedBy) => jobDeps(prisma, clock, { claimedBy, slack: fakeSlackClient(fake) }));
    const outcomes = (await Promise.all(replicas.map((deps) => runJob(deps, monthlyEvaluationJob, { dueOnly: true })))).flat();
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(["ran", "skipped-claimed"]);
    expect(topLevel("C0SEOULDIR")).toHaveLength(1);
    expect(await prisma.evaluationReport.count()).toBe(1);
  });

  it("R20: a report stored before a crash (never posted) is queued again by the next run, not stored twice", async () => {
    const { branch } = await branchWithOctober();
    const prisma = db.current.prisma;
    const clock = fixedClock(FIRST_WORKING_DAY_AFTER_CLOSE);
    const evaluation = await computeMonthlyEvaluation(prisma, { branchId: branch.id, month: "2026-10" });
    await storeEvaluationReport({ db: prisma, clock }, { evaluation, actor: "system:monthly-evaluation" }); // then the process died
    const outcomes = await runJob(jobDeps(prisma, clock, { slack: fakeSlackClient(fake) }), monthlyEvaluationJob, { dueOnly: true });
    expect(outcomes).toEqual([expect.objectContaining({ outcome: "ran", summary: { stored: 0, queued: 1 } })]);
    expect(topLevel("C0SEOULDIR")).toHaveLength(1);
    expect((await prisma.evaluationReport.findFirstOrThrow()).messageTs).toBe(topLevel("C0SEOULDIR")[0].ts);
  });
});

describe("monthly evaluation sign-off (R20, R17's rule)", () => {
  async function storedReport() {
    const { branch } = await branchWithOctober();
    const prisma = db.current.prisma;
    const clock = fixedClock(FIRST_WORKING_DAY_AFTER_CLOSE);
    const evaluation = await computeMonthlyEvaluation(prisma, { branchId: branch.id, month: "2026-10" });
    const { report } = await storeEvaluationReport({ db: prisma, clock }, { evaluation, actor: "test" });
    return { branch, report, clock };
  }

  it("R20: a manager signs off once; a second manager is told who signed and when", async () => {
    const { branch, report, clock } = await storedReport();
    const prisma = db.current.prisma;
    const manager = await createStaff(prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGR1" });
    const other = await createStaff(prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGR2" });
    const signed = await signOffEvaluation({ db: prisma, clock }, { actor: actorFor(manager), reportId: report.id });
    expect(signed).toMatchObject({ signedOffAt: clock.now(), signedOffBy: { slackUserId: "U0MGR1" } });
    await expect(signOffEvaluation({ db: prisma, clock }, { actor: actorFor(other), reportId: report.id })).rejects.toMatchObject({ code: "ALREADY_DONE", details: { by: "U0MGR1" } });
    expect(await prisma.auditLog.count({ where: { action: "evaluation-report.sign-off" } })).toBe(1);
  });

  it("R20: a director is refused, and so is the branch's director who is also a manager (own report)", async () => {
    const { branch, report, clock } = await storedReport();
    const prisma = db.current.prisma;
    const director = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"] });
    const directorManager = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR", "MANAGER"] });
    const refusal = (error: unknown) => (error instanceof AppError ? error.details?.reason : error);
    await expect(signOffEvaluation({ db: prisma, clock }, { actor: actorFor(director), reportId: report.id }).catch(refusal)).resolves.toBe("not-a-manager");
    await expect(signOffEvaluation({ db: prisma, clock }, { actor: actorFor(directorManager), reportId: report.id }).catch(refusal)).resolves.toBe("own-report");
    expect(await prisma.evaluationReport.findFirstOrThrow()).toMatchObject({ signedOffAt: null });
  });
});
