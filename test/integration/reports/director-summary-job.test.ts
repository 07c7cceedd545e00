// R16/R17: the daily summary job stores one DirectorReport per branch and day and posts it once,
// even across a crash between storing and posting; managers sign off, one at a time (R17).
import { fixedClock } from "../../../src/clock";
import { directorSummaryJob, summaryDueAt } from "../../../src/jobs/director-summary";
import type { JobBranch, JobContext } from "../../../src/jobs/types";
import { storeDirectorReport } from "../../../src/services/reports/director-report";
import { computeDirectorSummary } from "../../../src/services/reports/director-summary";
import { signOffDirectorReport } from "../../../src/services/reports/sign-off";
import { AppError } from "../../../src/errors";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createStaff, createTicket } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient, jobDeps, runJob } from "../jobs/job-helpers";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({ channels: { C0SEOULDIR: { name: "directors-seoul" }, C0SEOULDSP: { name: "dispatch-seoul" } } });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const DATE = "2026-11-23";
const AFTER_CLOSE = "2026-11-23T09:35:00Z"; // Mon 18:35 KST; the branch closes at 18:00

async function branchWithCall(overrides: { directorsChannelId?: string | null } = {}) {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", dispatchChannelId: "C0SEOULDSP", directorsChannelId: "C0SEOULDIR", ...overrides });
  await createTicket(prisma, { branchId: branch.id, receivedAt: new Date("2026-11-23T01:00:00Z") });
  return branch;
}

function topLevel(channel: string) {
  return fake.messagesIn(channel).filter((message) => !message.thread_ts || message.thread_ts === message.ts);
}

describe("directors' daily summary job (R16, R17)", () => {
  it("R16: is due SUMMARY_AFTER_CLOSE_MINUTES after the last closing of a working day, never on a closed day", async () => {
    const branch = await branchWithCall();
    const deps = jobDeps(db.current.prisma, fixedClock(AFTER_CLOSE));
    const jobBranch: JobBranch = {
      id: branch.id,
      code: "SEOUL",
      name: branch.name,
      timeZone: "Asia/Seoul",
      dispatchChannelId: null,
      calendar: { timeZone: "Asia/Seoul", weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: 540, closesAt: 1080 })), holidays: [] },
    };
    const due = summaryDueAt({ deps, branch: jobBranch, date: DATE });
    expect(due).toEqual(new Date(Date.parse("2026-11-23T09:00:00Z") + deps.settings.summaryAfterCloseMinutes * 60_000));
    expect(summaryDueAt({ deps, branch: jobBranch, date: "2026-11-22" })).toBeNull(); // Sunday
  });

  it("R16: posts the day's summary with a Sign off button in the directors channel and stores one DirectorReport", async () => {
    const branch = await branchWithCall();
    const outcomes = await runJob(jobDeps(db.current.prisma, fixedClock(AFTER_CLOSE), { slack: fakeSlackClient(fake) }), directorSummaryJob);
    expect(outcomes).toEqual([expect.objectContaining({ outcome: "ran", periodKey: `director-summary:SEOUL:${DATE}`, summary: { stored: 1, queued: 1 } })]);
    const [message] = topLevel("C0SEOULDIR");
    expect(message.text).toContain(`Daily summary for ${branch.name}, ${DATE}`);
    expect(JSON.stringify(message.blocks)).toContain("director_report_sign_off");
    expect(JSON.stringify(message.blocks)).toContain("received 1");
    const reports = await db.current.prisma.directorReport.findMany();
    expect(reports).toEqual([expect.objectContaining({ branchId: branch.id, reportDate: new Date(`${DATE}T00:00:00Z`), channelId: "C0SEOULDIR", messageTs: message.ts })]);
    expect((reports[0].figures as { calls: { received: number } }).calls.received).toBe(1);
  });

  it("R16: one DirectorReport per day: running the job body again posts nothing more", async () => {
    await branchWithCall();
    const deps = jobDeps(db.current.prisma, fixedClock(AFTER_CLOSE), { slack: fakeSlackClient(fake) });
    await runJob(deps, directorSummaryJob);
    const [outcome] = await runJob(deps, directorSummaryJob, { retryFailed: true });
    expect(outcome.outcome).toBe("skipped-claimed");
    // The body alone (as after a reclaimed stale run) sees the posted report and stops.
    const branch = (await db.current.prisma.branch.findFirstOrThrow({ include: { workingHours: true } }));
    const context: JobContext = {
      deps,
      now: deps.clock.now(),
      date: DATE,
      branch: { id: branch.id, code: branch.code, name: branch.name, timeZone: branch.timeZone, dispatchChannelId: branch.dispatchChannelId, calendar: { timeZone: branch.timeZone, weeklyHours: branch.workingHours, holidays: [] } },
    };
    expect(await directorSummaryJob.run(context)).toEqual({ stored: 0, queued: 0 });
    expect(topLevel("C0SEOULDIR")).toHaveLength(1);
    expect(await db.current.prisma.directorReport.count()).toBe(1);
  });

  it("R16: a report stored but never posted (a crash, or a failed post): the next run queues it again and it is posted once, its message recorded", async () => {
    const branch = await branchWithCall();
    const clock = fixedClock(AFTER_CLOSE);
    const summary = await computeDirectorSummary(db.current.prisma, { branchId: branch.id, date: DATE });
    await storeDirectorReport({ db: db.current.prisma, clock }, { summary, actor: "system:director-summary" }); // then the process died
    const outcomes = await runJob(jobDeps(db.current.prisma, clock, { slack: fakeSlackClient(fake) }), directorSummaryJob);
    expect(outcomes).toEqual([expect.objectContaining({ outcome: "ran", summary: { stored: 0, queued: 1 } })]);
    expect(topLevel("C0SEOULDIR")).toHaveLength(1);
    const reports = await db.current.prisma.directorReport.findMany();
    expect(reports).toHaveLength(1);
    expect(reports[0].messageTs).toBe(topLevel("C0SEOULDIR")[0].ts);
  });

  it("R16: without a directors channel the summary goes to the dispatch channel", async () => {
    await branchWithCall({ directorsChannelId: null });
    await runJob(jobDeps(db.current.prisma, fixedClock(AFTER_CLOSE), { slack: fakeSlackClient(fake) }), directorSummaryJob);
    expect(topLevel("C0SEOULDSP")).toHaveLength(1);
    expect(await db.current.prisma.directorReport.findFirstOrThrow()).toMatchObject({ channelId: "C0SEOULDSP" });
  });
});

describe("sign-off of the director's report (R17)", () => {
  async function storedReport() {
    const branch = await branchWithCall();
    const clock = fixedClock(AFTER_CLOSE);
    const summary = await computeDirectorSummary(db.current.prisma, { branchId: branch.id, date: DATE });
    const { report } = await storeDirectorReport({ db: db.current.prisma, clock }, { summary, actor: "system:director-summary" });
    return { branch, clock, report };
  }

  it("R17: two managers signing at once: exactly one wins, the other is told who signed and when; one audit row", async () => {
    const { branch, clock, report } = await storedReport();
    const first = await createStaff(db.current.prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGR1" });
    const second = await createStaff(db.current.prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGR2" });
    const deps = { db: db.current.prisma, clock };
    const results = await Promise.allSettled([
      signOffDirectorReport(deps, { actor: actorFor(first), reportId: report.id }),
      signOffDirectorReport(deps, { actor: actorFor(second), reportId: report.id }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const row = await db.current.prisma.directorReport.findUniqueOrThrow({ where: { id: report.id }, include: { signedOffBy: true } });
    expect(row.signedOffAt).toEqual(clock.now());
    expect(lost[0].reason).toBeInstanceOf(AppError);
    expect(lost[0].reason).toMatchObject({ code: "ALREADY_DONE", details: { action: "report.sign-off", by: row.signedOffBy!.slackUserId, at: clock.now().toISOString() } });
    expect(await db.current.prisma.auditLog.count({ where: { action: "director-report.sign-off" } })).toBe(1);
  });

  it("R17: a director cannot sign off the report; nothing is recorded", async () => {
    const { branch, clock, report } = await storedReport();
    const director = await createStaff(db.current.prisma, { branchId: branch.id, roles: ["DIRECTOR"] });
    await expect(signOffDirectorReport({ db: db.current.prisma, clock }, { actor: actorFor(director), reportId: report.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.current.prisma.directorReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ signedOffAt: null, signedOffById: null });
  });

  it("R17: a director who is also the branch's manager cannot sign off their own report; a manager from elsewhere can", async () => {
    const { branch, clock, report } = await storedReport();
    const deps = { db: db.current.prisma, clock };
    const both = await createStaff(db.current.prisma, { branchId: branch.id, roles: ["DIRECTOR", "MANAGER"] });
    await expect(signOffDirectorReport(deps, { actor: actorFor(both), reportId: report.id })).rejects.toMatchObject({ code: "FORBIDDEN", details: { reason: "own-report" } });
    expect(await db.current.prisma.directorReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ signedOffAt: null });
    expect(await db.current.prisma.auditLog.count({ where: { action: "director-report.sign-off" } })).toBe(0);

    const elsewhere = await createBranchWithCalendar(db.current.prisma, { code: "BUSAN" });
    const otherDirectorAndManager = await createStaff(db.current.prisma, { branchId: elsewhere.id, roles: ["DIRECTOR", "MANAGER"] });
    await signOffDirectorReport(deps, { actor: actorFor(otherDirectorAndManager), reportId: report.id });
    expect(await db.current.prisma.directorReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ signedOffById: otherDirectorAndManager.id });
  });

  it("R17: an admin who is not a manager cannot sign off; nothing is recorded", async () => {
    const { branch, clock, report } = await storedReport();
    const admin = await createStaff(db.current.prisma, { branchId: branch.id, roles: ["ADMIN"] });
    await expect(signOffDirectorReport({ db: db.current.prisma, clock }, { actor: actorFor(admin), reportId: report.id })).rejects.toMatchObject({ code: "FORBIDDEN", details: { reason: "not-a-manager" } });
    expect(await db.current.prisma.directorReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ signedOffAt: null });
  });
});
