// R18: a month before a maintenance contract ends, an expiry notice is prepared for the customer
// and someone is assigned to renew it — once per contract, spread over the branch's directors.
import { fixedClock } from "../../../src/clock";
import { contractExpiryJob, contractNoticeText } from "../../../src/jobs/contract-expiry";
import { noticeExpiringContracts } from "../../../src/services/contracts/notice-expiring-contracts";
import { computeDirectorSummary } from "../../../src/services/reports/director-summary";
import { useTestDatabase } from "../../support/db";
import { createBranchWithCalendar, createContract, createCustomer, createDispatcher, createEquipment, createStaff } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient, jobDeps, runJob } from "../jobs/job-helpers";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({ channels: { C0SEOULDSP: { name: "dispatch-seoul" } }, users: { U0DIRA: { name: "director.a" }, U0DIRB: { name: "director.b" } } });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const DATE = "2026-11-23";
const MONDAY_0905 = "2026-11-23T00:05:00Z"; // Mon 09:05 KST
const day = (date: string) => new Date(`${date}T00:00:00Z`);

async function branchWithContracts() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul service", dispatchChannelId: "C0SEOULDSP" });
  const customer = await createCustomer(prisma, { branchId: branch.id, name: "Hana Foods" });
  const equipment = await createEquipment(prisma, { customerId: customer.id, model: "AC-300", serial: "SN-77" });
  const soon = await createContract(prisma, { customerId: customer.id, number: "MC-SOON", endsOn: day("2026-12-10"), terms: "Quarterly inspection", equipmentIds: [equipment.id] });
  const edge = await createContract(prisma, { customerId: customer.id, number: "MC-EDGE", endsOn: day("2026-12-23") }); // exactly 30 days
  const later = await createContract(prisma, { customerId: customer.id, number: "MC-LATER", endsOn: day("2026-12-24") });
  const renewed = await createContract(prisma, { customerId: customer.id, number: "MC-RENEWED", endsOn: day("2026-12-01"), status: "RENEWED" });
  return { branch, soon, edge, later, renewed };
}

describe("contract expiry notices (R18)", () => {
  it("R18: active contracts ending within CONTRACT_NOTICE_DAYS get the customer's text, an assignee and an audit row, once", async () => {
    const prisma = db.current.prisma;
    const { branch, soon, edge, later, renewed } = await branchWithContracts();
    const directorA = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIRA" });
    const clock = fixedClock(MONDAY_0905);
    const deps = jobDeps(prisma, clock, { slack: fakeSlackClient(fake) });

    const outcomes = await runJob(deps, contractExpiryJob);
    expect(outcomes).toEqual([expect.objectContaining({ outcome: "ran", periodKey: `contract-expiry:SEOUL:${DATE}`, summary: { noticed: 2, dms: 2 } })]);

    const rows = await prisma.contract.findMany({ orderBy: { id: "asc" } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(soon.id)).toMatchObject({ expiryNoticeAt: clock.now(), renewalAssigneeId: directorA.id });
    expect(byId.get(edge.id)).toMatchObject({ expiryNoticeAt: clock.now(), renewalAssigneeId: directorA.id });
    expect(byId.get(later.id)).toMatchObject({ expiryNoticeAt: null, renewalAssigneeId: null });
    expect(byId.get(renewed.id)).toMatchObject({ expiryNoticeAt: null });
    const text = byId.get(soon.id)!.expiryNoticeText!;
    expect(text).toContain("MC-SOON");
    expect(text).toContain("2026-12-10");
    expect(text).toContain("AC-300 SN-77");
    expect(text).toMatch(/renew/i);
    expect(await prisma.auditLog.count({ where: { action: "contract.expiry-notice", actor: "system:contract-expiry" } })).toBe(2);

    // The dispatch channel is told; the assignee gets the customer's text.
    expect(fake.messagesIn("C0SEOULDSP").map((message) => message.text)).toEqual([expect.stringContaining("MC-SOON"), expect.stringContaining("MC-EDGE")]);
    expect(JSON.stringify(fake.messagesIn("D0DIRA").map((message) => message.blocks))).toContain("Hana Foods");

    // Once per contract: a later day's run (or the service again) notices nothing more.
    clock.set("2026-11-24T00:05:00Z");
    const again = await noticeExpiringContracts(deps, { branchId: branch.id, date: "2026-11-24", noticeDays: 30, actor: "test", composeText: contractNoticeText });
    expect(again.map((contract) => contract.number)).toEqual(["MC-LATER"]);

    // The day's notices appear in the summary.
    const summary = await computeDirectorSummary(prisma, { branchId: branch.id, date: DATE });
    expect(summary.contractNotices.map((contract) => contract.number)).toEqual(["MC-SOON", "MC-EDGE"]);
  });

  it("R18: two runs at once notice each contract once", async () => {
    const prisma = db.current.prisma;
    const { branch } = await branchWithContracts();
    await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"] });
    const deps = { db: prisma, clock: fixedClock(MONDAY_0905) };
    const options = { branchId: branch.id, date: DATE, noticeDays: 30, actor: "test", composeText: contractNoticeText };
    const [first, second] = await Promise.all([noticeExpiringContracts(deps, options), noticeExpiringContracts(deps, options)]);
    expect([...first, ...second].map((contract) => contract.number).sort()).toEqual(["MC-EDGE", "MC-SOON"]);
    expect(await prisma.auditLog.count({ where: { action: "contract.expiry-notice" } })).toBe(2);
  });

  it("R18: renewals are spread over the branch's directors by their open renewals", async () => {
    const prisma = db.current.prisma;
    const branch = await createBranchWithCalendar(prisma, { code: "SEOUL" });
    const customer = await createCustomer(prisma, { branchId: branch.id });
    const busy = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"] });
    const free = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"] });
    await createContract(prisma, { customerId: customer.id, endsOn: day("2026-12-01"), expiryNoticeAt: new Date("2026-11-01T00:00:00Z"), renewalAssigneeId: busy.id });
    for (const endsOn of ["2026-12-02", "2026-12-03", "2026-12-04"]) await createContract(prisma, { customerId: customer.id, endsOn: day(endsOn) });

    const noticed = await noticeExpiringContracts({ db: prisma, clock: fixedClock(MONDAY_0905) }, { branchId: branch.id, date: DATE, noticeDays: 30, actor: "test", composeText: contractNoticeText });
    expect(noticed.map((contract) => contract.assignee?.staffId)).toEqual([free.id, busy.id, free.id]);
  });

  it("R18: without a director, a dispatcher follows the renewal up", async () => {
    const prisma = db.current.prisma;
    const branch = await createBranchWithCalendar(prisma, { code: "SEOUL" });
    const dispatcher = await createDispatcher(prisma, { branchId: branch.id });
    await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], active: false });
    await createContract(prisma, { branchId: branch.id, endsOn: day("2026-12-02") });
    const noticed = await noticeExpiringContracts({ db: prisma, clock: fixedClock(MONDAY_0905) }, { branchId: branch.id, date: DATE, noticeDays: 30, actor: "test", composeText: contractNoticeText });
    expect(noticed.map((contract) => contract.assignee?.staffId)).toEqual([dispatcher.id]);
  });
});
