// R15: before the branch closes, technicians who have not submitted the day's report get a DM
// with a button to open it — on working days only, once per branch and day.
import { fixedClock } from "../../../src/clock";
import { dailyReportReminderJob } from "../../../src/jobs/daily-report-reminder";
import { submitDailyReport } from "../../../src/services/reports/daily-work-report";
import { ACTIONS } from "../../../src/views/ids";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createStaff, createTechnician } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient, jobDeps, runJob } from "./job-helpers";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({ users: { U0TECHA: { name: "tech.a" }, U0TECHB: { name: "tech.b" }, U0TECHC: { name: "tech.c" }, U0DIRA: { name: "director.a" } } });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

// Seoul (UTC+9), open Mon–Fri 09:00–18:00; REPORT_REMINDER_BEFORE_CLOSE_MINUTES = 60 → due 17:00.
const MONDAY_1655 = "2026-11-23T07:55:00Z";
const MONDAY_1700 = "2026-11-23T08:00:00Z";
const SATURDAY_1700 = "2026-11-28T08:00:00Z";
const HOLIDAY_1700 = "2026-11-25T08:00:00Z"; // Wednesday

async function seoulTeam() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", holidays: ["2026-11-25"] });
  const a = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECHA" });
  const b = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECHB" });
  await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECHC", active: false });
  await createStaff(prisma, { branchId: branch.id, slackUserId: "U0DIRA", roles: ["DIRECTOR"] });
  await prisma.workLog.create({ data: { technicianId: b.id, workDate: new Date("2026-11-23T00:00:00Z"), category: "A_PAID", hours: 3 } });
  return { branch, a, b };
}

describe("daily report reminder job (R15)", () => {
  it("R15: due REPORT_REMINDER_BEFORE_CLOSE_MINUTES before the last closing; DMs only active technicians who have not submitted; once a day", async () => {
    const prisma = db.current.prisma;
    const { a } = await seoulTeam();
    const clock = fixedClock(MONDAY_1655);
    const deps = jobDeps(prisma, clock, { slack: fakeSlackClient(fake) });
    await submitDailyReport({ db: prisma, clock }, { actor: actorFor(a), date: "2026-11-23", notes: "Leave" });

    expect(await runJob(deps, dailyReportReminderJob, { dueOnly: true })).toEqual([expect.objectContaining({ outcome: "not-due" })]);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0);

    clock.set(MONDAY_1700);
    const outcomes = await runJob(deps, dailyReportReminderJob, { dueOnly: true });
    expect(outcomes).toEqual([{ branch: "SEOUL", periodKey: "daily-report-reminder:SEOUL:2026-11-23", outcome: "ran", summary: { reminded: 1, submitted: 1 } }]);
    // Only B (not submitted): not A (submitted), not C (inactive), not the director.
    expect(fake.messagesIn("D0TECHA")).toHaveLength(0);
    expect(fake.messagesIn("D0TECHC")).toHaveLength(0);
    expect(fake.messagesIn("D0DIRA")).toHaveLength(0);
    const [dm] = fake.messagesIn("D0TECHB");
    expect(dm.text).toContain("2026-11-23");
    expect(JSON.stringify(dm.blocks)).toContain("3 h");
    const button = JSON.stringify(dm.blocks);
    expect(button).toContain(ACTIONS.dailyReportOpen);
    expect(button).toContain('"value":"2026-11-23"');

    // The claim makes it once per branch and day.
    clock.set("2026-11-23T08:30:00Z");
    expect(await runJob(deps, dailyReportReminderJob, { dueOnly: true })).toEqual([expect.objectContaining({ outcome: "skipped-claimed" })]);
    expect(fake.messagesIn("D0TECHB")).toHaveLength(1);
  });

  it("R15: no reminder on a weekend or a holiday", async () => {
    const prisma = db.current.prisma;
    await seoulTeam();
    for (const at of [SATURDAY_1700, HOLIDAY_1700]) {
      const deps = jobDeps(prisma, fixedClock(at), { slack: fakeSlackClient(fake) });
      expect(await runJob(deps, dailyReportReminderJob, { dueOnly: true })).toEqual([expect.objectContaining({ outcome: "not-due" })]);
      // Run by hand anyway: a closed day reminds nobody.
      expect(await runJob(deps, dailyReportReminderJob)).toEqual([expect.objectContaining({ outcome: "ran", summary: { reminded: 0, submitted: 0 } })]);
    }
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0);
  });
});
