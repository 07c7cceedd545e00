import { fixedClock } from "../../../src/clock";
import { lastClosingOn } from "../../../src/domain/working-calendar";
import { loansAtClosingJob } from "../../../src/jobs/loans-at-closing";
import { runJob } from "../../../src/jobs/runner";
import { borrowParts, returnParts } from "../../../src/services/parts/loans";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createPart, createStaff, createTechnician } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../support/slack-fake";
import { fakeSlackClient, jobDeps } from "./job-helpers";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({ users: { U0LTECH: { name: "tech" }, U0LTECH2: { name: "tech2" }, U0LCLERK: { name: "clerk" }, U0LOLD: { name: "old clerk" } } });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

// Monday 2026-11-23 in Seoul (UTC+9); the branch opens 09:00–18:00 Monday to Friday.
const MONDAY_1000 = "2026-11-23T01:00:00Z";
const MONDAY_1755 = "2026-11-23T08:55:00Z";
const MONDAY_1800 = "2026-11-23T09:00:00Z";

async function branchWithLoans() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL" });
  const tech = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0LTECH", name: "Tae Kim" });
  const tech2 = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0LTECH2", name: "Ji Park" });
  await createStaff(prisma, { branchId: branch.id, slackUserId: "U0LCLERK", roles: ["PARTS_CLERK"] });
  await createStaff(prisma, { branchId: branch.id, slackUserId: "U0LOLD", roles: ["PARTS_CLERK"], active: false });
  const part = await createPart(prisma, { partNo: "P-1001", name: "Fan motor", stock: [{ branchId: branch.id, quantity: 10 }] });
  const deps = { db: prisma, clock: fixedClock(MONDAY_1000) };
  const out = await borrowParts(deps, { actor: actorFor(tech), partId: part.id, quantity: 2 });
  const back = await borrowParts(deps, { actor: actorFor(tech2), partId: part.id, quantity: 1 });
  await returnParts(deps, { actor: actorFor(tech2), lines: [{ loanId: back.id, quantity: 1 }] });
  return { branch, out, back };
}

describe("loans at closing (R14)", () => {
  it("R14: due at the branch's last closing of the day, not on a closed day", async () => {
    const calendar = { timeZone: "Asia/Seoul", weeklyHours: [{ weekday: 1, opensAt: 540, closesAt: 720 }, { weekday: 1, opensAt: 780, closesAt: 1080 }], holidays: ["2026-11-30"] };
    expect(lastClosingOn(calendar, "2026-11-23")).toEqual(new Date(MONDAY_1800));
    expect(lastClosingOn(calendar, "2026-11-24")).toBeNull();
    expect(lastClosingOn(calendar, "2026-11-30")).toBeNull();
  });

  it("R14: loans still out at closing are flagged once, and the borrower and the active parts clerks get a DM", async () => {
    const { out, back } = await branchWithLoans();
    const prisma = db.current.prisma;
    const early = await runJob(jobDeps(prisma, fixedClock(MONDAY_1755), { slack: fakeSlackClient(fake) }), loansAtClosingJob, { dueOnly: true });
    expect(early).toEqual([expect.objectContaining({ outcome: "not-due" })]);

    const clock = fixedClock(MONDAY_1800);
    const outcomes = await runJob(jobDeps(prisma, clock, { slack: fakeSlackClient(fake) }), loansAtClosingJob, { dueOnly: true });
    expect(outcomes).toEqual([
      { branch: "SEOUL", periodKey: "loans-at-closing:SEOUL:2026-11-23", outcome: "ran", summary: { flagged: 1, borrowers: 1, dms: 2, failed: 0 } },
    ]);
    expect(await prisma.partLoan.findUniqueOrThrow({ where: { id: out.id } })).toMatchObject({ status: "OUT", flaggedAt: new Date(MONDAY_1800) });
    expect(await prisma.partLoan.findUniqueOrThrow({ where: { id: back.id } })).toMatchObject({ status: "SETTLED", flaggedAt: null });
    expect(await prisma.auditLog.findMany({ where: { action: "parts.flag-overnight" } })).toEqual([
      expect.objectContaining({ actor: "system:loans-at-closing", entity: "PartLoan", entityId: String(out.id) }),
    ]);
    const toBorrower = fake.messagesIn("D0LTECH");
    expect(toBorrower).toHaveLength(1);
    expect(JSON.stringify(toBorrower[0].blocks)).toContain("P-1001");
    expect(JSON.stringify(toBorrower[0].blocks)).toContain("left 2");
    const toClerk = fake.messagesIn("D0LCLERK");
    expect(toClerk).toHaveLength(1);
    expect(JSON.stringify(toClerk[0].blocks)).toContain("Tae Kim");
    expect(fake.messagesIn("D0LOLD")).toHaveLength(0);
    expect(fake.messagesIn("D0LTECH2")).toHaveLength(0);

    // Run again by hand (another period key): the loan was flagged already, nobody is told twice.
    const again = await runJob(jobDeps(prisma, clock, { slack: fakeSlackClient(fake) }), loansAtClosingJob, { date: "2026-11-24" });
    expect(again).toEqual([expect.objectContaining({ outcome: "ran", summary: { flagged: 0, borrowers: 0, dms: 0, failed: 0 } })]);
    expect(fake.messagesIn("D0LTECH")).toHaveLength(1);
    expect(fake.messagesIn("D0LCLERK")).toHaveLength(1);
  });
});
