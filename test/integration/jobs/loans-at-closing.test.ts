import { fixedClock } from "../../../src/clock";
import { lastClosingOn } from "../../../src/domain/working-calendar";
import { loansAtClosingJob } from "../../../src/jobs/loans-at-closing";
import { borrowParts, returnParts } from "../../../src/services/parts/loans";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createPart, createStaff, createTechnician } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient, jobDeps, runJob } from "./job-helpers";

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

async function branchWithPart() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL" });
  const tech = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0LTECH", name: "Tae Kim" });
  await createStaff(prisma, { branchId: branch.id, slackUserId: "U0LCLERK", roles: ["PARTS_CLERK"] });
  const part = await createPart(prisma, { partNo: "P-1001", name: "Fan motor", stock: [{ branchId: branch.id, quantity: 10 }] });
  return { branch, tech, part };
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
      { branch: "SEOUL", periodKey: "loans-at-closing:SEOUL:2026-11-23", outcome: "ran", summary: { flagged: 1, back: 0, borrowers: 1, dms: 2 } },
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

    // The same night again (a run that crashed after flagging is reclaimed): nobody is told twice.
    await prisma.jobRun.deleteMany({});
    const again = await runJob(jobDeps(prisma, clock, { slack: fakeSlackClient(fake) }), loansAtClosingJob, { dueOnly: true });
    expect(again).toEqual([expect.objectContaining({ outcome: "ran", summary: { flagged: 0, back: 0, borrowers: 0, dms: 0 } })]);
    expect(fake.messagesIn("D0LTECH")).toHaveLength(1);
    expect(fake.messagesIn("D0LCLERK")).toHaveLength(1);
  });

  it("R14: a loan still out is flagged every night, once per night, with the days it has been out", async () => {
    const { out } = await branchWithLoans();
    const prisma = db.current.prisma;
    const closings = ["2026-11-23T09:00:00Z", "2026-11-24T09:00:00Z", "2026-11-25T09:00:00Z"]; // Monday to Wednesday, 18:00 Seoul
    for (const at of closings) {
      const outcomes = await runJob(jobDeps(prisma, fixedClock(at), { slack: fakeSlackClient(fake) }), loansAtClosingJob, { dueOnly: true });
      expect(outcomes).toEqual([expect.objectContaining({ outcome: "ran", summary: expect.objectContaining({ flagged: 1, dms: 2 }) })]);
    }
    // Tuesday's night run again by hand: already flagged for that night.
    await prisma.jobRun.deleteMany({ where: { periodKey: "loans-at-closing:SEOUL:2026-11-24" } });
    const rerun = await runJob(jobDeps(prisma, fixedClock(closings[2]), { slack: fakeSlackClient(fake) }), loansAtClosingJob, { date: "2026-11-24" });
    expect(rerun).toEqual([expect.objectContaining({ outcome: "ran", summary: expect.objectContaining({ flagged: 0, dms: 0 }) })]);

    const flags = await prisma.partLoanFlag.findMany({ where: { loanId: out.id }, orderBy: { closingOn: "asc" } });
    expect(flags.map((flag) => [flag.closingOn.toISOString().slice(0, 10), flag.left])).toEqual([
      ["2026-11-23", 2],
      ["2026-11-24", 2],
      ["2026-11-25", 2],
    ]);
    expect(await prisma.partLoan.findUniqueOrThrow({ where: { id: out.id } })).toMatchObject({ flaggedAt: new Date(closings[0]) });
    expect(await prisma.auditLog.count({ where: { action: "parts.flag-overnight", entityId: String(out.id) } })).toBe(3);
    const toBorrower = fake.messagesIn("D0LTECH");
    expect(toBorrower).toHaveLength(3);
    expect(JSON.stringify(toBorrower[0].blocks)).not.toContain("days*");
    expect(JSON.stringify(toBorrower[2].blocks)).toContain("*out 3 days*");
  });

  it("R14: a loan taken after Friday's closing and back on Monday morning is flagged at Monday's closing, as back", async () => {
    const prisma = db.current.prisma;
    const { tech, part } = await branchWithPart();
    const friday = await runJob(jobDeps(prisma, fixedClock("2026-11-27T09:00:00Z"), { slack: fakeSlackClient(fake) }), loansAtClosingJob, { dueOnly: true });
    expect(friday).toEqual([expect.objectContaining({ outcome: "ran", summary: expect.objectContaining({ flagged: 0 }) })]);
    const loan = await borrowParts({ db: prisma, clock: fixedClock("2026-11-27T10:00:00Z") }, { actor: actorFor(tech), partId: part.id, quantity: 1 }); // Friday 19:00
    await returnParts({ db: prisma, clock: fixedClock("2026-11-30T00:30:00Z") }, { actor: actorFor(tech), lines: [{ loanId: loan.id, quantity: 1 }] }); // Monday 09:30

    const monday = await runJob(jobDeps(prisma, fixedClock("2026-11-30T09:00:00Z"), { slack: fakeSlackClient(fake) }), loansAtClosingJob, { dueOnly: true });
    expect(monday).toEqual([expect.objectContaining({ outcome: "ran", summary: { flagged: 0, back: 1, borrowers: 1, dms: 2 } })]);
    expect(await prisma.partLoanFlag.findMany({ where: { loanId: loan.id } })).toEqual([expect.objectContaining({ closingOn: new Date("2026-11-30T00:00:00Z"), left: 0 })]);
    expect(JSON.stringify(fake.messagesIn("D0LCLERK").at(-1)?.blocks)).toContain("had 1 loan out overnight, back now");
    expect(JSON.stringify(fake.messagesIn("D0LTECH").at(-1)?.blocks)).not.toContain("parts_return_open");

    // Tuesday: it is back and flagged; nothing more.
    const tuesday = await runJob(jobDeps(prisma, fixedClock("2026-12-01T09:00:00Z"), { slack: fakeSlackClient(fake) }), loansAtClosingJob, { dueOnly: true });
    expect(tuesday).toEqual([expect.objectContaining({ summary: expect.objectContaining({ flagged: 0, back: 0 }) })]);
  });

  it("R14: a loan taken on Saturday (closed) and still out is flagged at Monday's closing, 3 days out; one taken and returned the same evening is not", async () => {
    const prisma = db.current.prisma;
    const { tech, part } = await branchWithPart();
    const saturday = await borrowParts({ db: prisma, clock: fixedClock("2026-11-28T01:00:00Z") }, { actor: actorFor(tech), partId: part.id, quantity: 1 });
    const evening = await borrowParts({ db: prisma, clock: fixedClock("2026-11-30T09:30:00Z") }, { actor: actorFor(tech), partId: part.id, quantity: 1 }); // Monday 18:30
    await returnParts({ db: prisma, clock: fixedClock("2026-11-30T10:00:00Z") }, { actor: actorFor(tech), lines: [{ loanId: evening.id, quantity: 1 }] });
    const saturdayRun = await runJob(jobDeps(prisma, fixedClock("2026-11-28T09:00:00Z"), { slack: fakeSlackClient(fake) }), loansAtClosingJob, { dueOnly: true });
    expect(saturdayRun).toEqual([expect.objectContaining({ outcome: "not-due" })]);

    const monday = await runJob(jobDeps(prisma, fixedClock("2026-11-30T09:00:00Z"), { slack: fakeSlackClient(fake) }), loansAtClosingJob, { dueOnly: true });
    expect(monday).toEqual([expect.objectContaining({ summary: expect.objectContaining({ flagged: 1, back: 0 }) })]);
    expect(JSON.stringify(fake.messagesIn("D0LTECH").at(-1)?.blocks)).toContain("*out 3 days*");
    const tuesday = await runJob(jobDeps(prisma, fixedClock("2026-12-01T09:00:00Z"), { slack: fakeSlackClient(fake) }), loansAtClosingJob, { dueOnly: true });
    expect(tuesday).toEqual([expect.objectContaining({ summary: expect.objectContaining({ flagged: 1, back: 0 }) })]);
    expect(await prisma.partLoanFlag.count({ where: { loanId: saturday.id } })).toBe(2);
    expect(await prisma.partLoanFlag.count({ where: { loanId: evening.id } })).toBe(0);
  });
});
