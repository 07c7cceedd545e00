// R16/R17: the figures of a branch's local day, from SQL aggregates, with the day's boundaries in
// the branch's zone (Seoul, UTC+9: 2026-11-23 runs from 2026-11-22T15:00Z to 2026-11-23T15:00Z).
import { computeDirectorSummary } from "../../../src/services/reports/director-summary";
import { useTestDatabase } from "../../support/db";
import { createBranchWithCalendar, createContract, createCustomer, createDispatcher, createPart, createStaff, createTechnician, createTicket } from "../../support/factories/data";

const db = useTestDatabase();

const DATE = "2026-11-23";
const START = new Date("2026-11-22T15:00:00Z");
const LAST_MS = new Date("2026-11-23T14:59:59.999Z");
const BEFORE = new Date("2026-11-22T14:59:59.999Z");
const END = new Date("2026-11-23T15:00:00Z");
const NOON = new Date("2026-11-23T03:00:00Z");

async function seededDay() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul", currency: "KRW" });
  const other = await createBranchWithCalendar(prisma, { code: "BUSAN" });
  const customer = await createCustomer(prisma, { branchId: branch.id });
  const dispatcher = await createDispatcher(prisma, { branchId: branch.id });
  const kim = await createTechnician(prisma, { branchId: branch.id, name: "Kim", slackUserId: "U0KIM" });
  const lee = await createTechnician(prisma, { branchId: branch.id, name: "Lee", slackUserId: "U0LEE" });
  await createTechnician(prisma, { branchId: branch.id, name: "Gone", active: false });
  const director = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIR" });
  const ticket = (overrides: Parameters<typeof createTicket>[1] = {}) => createTicket(prisma, { branchId: branch.id, customerId: customer.id, receivedAt: NOON, ...overrides });

  // Received: both edges of the day count; the instants just outside, and another branch, do not.
  await ticket({ receivedAt: START });
  await ticket({ receivedAt: LAST_MS });
  await ticket({ receivedAt: BEFORE });
  await ticket({ receivedAt: END });
  await createTicket(prisma, { branchId: other.id, receivedAt: NOON });

  // Assigned: a first assignment today counts; a reassignment today of a call first assigned yesterday does not.
  const firstToday = await ticket({ receivedAt: BEFORE, status: "ASSIGNED", assignedTechnicianId: kim.id });
  await prisma.assignment.create({ data: { ticketId: firstToday.id, technicianId: kim.id, assignedById: dispatcher.id, assignedAt: START } });
  const reassigned = await ticket({ receivedAt: BEFORE, status: "ASSIGNED", assignedTechnicianId: lee.id });
  await prisma.assignment.create({ data: { ticketId: reassigned.id, technicianId: kim.id, assignedById: dispatcher.id, assignedAt: BEFORE, endedAt: NOON } });
  await prisma.assignment.create({ data: { ticketId: reassigned.id, technicianId: lee.id, assignedById: dispatcher.id, assignedAt: NOON } });

  // Completed and carried over.
  await ticket({ receivedAt: BEFORE, status: "RESOLVED", resolvedAt: LAST_MS });
  await ticket({ receivedAt: BEFORE, status: "RESOLVED", resolvedAt: END });
  await ticket({ receivedAt: BEFORE, priority: true, carriedOverAt: START });

  // Overdue (open, not arrived, deadline before the end of the day); arrivals on time (R6).
  const overdue = await ticket({ receivedAt: BEFORE, status: "ACCEPTED", arrivalDeadline: NOON, slackChannelId: "C0SEOUL", slackMessageTs: "1700000000.000100" });
  await ticket({ receivedAt: BEFORE, status: "ACCEPTED", arrivalDeadline: END }); // due tomorrow
  await ticket({ receivedAt: BEFORE, status: "ON_SITE", arrivalDeadline: START, arrivedAt: NOON, lateByMinutes: 30 }); // late arrival
  await ticket({ receivedAt: BEFORE, status: "ON_SITE", arrivalDeadline: END, arrivedAt: NOON, lateByMinutes: 0 }); // on time
  await ticket({ receivedAt: BEFORE, status: "ON_SITE", arrivalDeadline: END, arrivedAt: BEFORE, lateByMinutes: 0 }); // yesterday's arrival

  // Workshop (R11/R17).
  const inWorkshop = await ticket({ receivedAt: BEFORE, status: "IN_WORKSHOP" });
  const receipt = (number: string, overrides: { state?: "WAITING_REPAIR" | "WAITING_PARTS" | "REPAIRED" | "RETURNED"; receivedAt?: Date; returnedAt?: Date; voidedAt?: Date } = {}) =>
    prisma.custodyReceipt.create({ data: { number, ticketId: inWorkshop.id, items: "Compressor", condition: "Scratched", receivedById: kim.id, receivedAt: BEFORE, ...overrides } });
  await receipt("CR-1", { state: "WAITING_REPAIR", receivedAt: NOON });
  await receipt("CR-2", { state: "WAITING_PARTS" });
  const repaired = await receipt("CR-3", { state: "REPAIRED" });
  await receipt("CR-4", { state: "RETURNED", returnedAt: NOON, voidedAt: NOON });
  await prisma.auditLog.create({ data: { at: NOON, actor: "U0KIM", action: "custody.state", entity: "CustodyReceipt", entityId: String(repaired.id), ticketId: inWorkshop.id, data: { from: "WAITING_PARTS", to: "REPAIRED" } } });

  // Hours (R15/R16): WorkLog.workDate is the local date.
  await prisma.workLog.createMany({
    data: [
      { technicianId: kim.id, workDate: new Date(`${DATE}T00:00:00Z`), category: "A_PAID", hours: 2.5 },
      { technicianId: kim.id, workDate: new Date(`${DATE}T00:00:00Z`), category: "A_PAID", hours: 1 },
      { technicianId: kim.id, workDate: new Date(`${DATE}T00:00:00Z`), category: "D_INTERNAL", hours: 0.5 },
      { technicianId: lee.id, workDate: new Date(`${DATE}T00:00:00Z`), category: "B_CONTRACT", hours: 4 },
      { technicianId: lee.id, workDate: new Date("2026-11-22T00:00:00Z"), category: "B_CONTRACT", hours: 8 },
    ],
  });

  // Parts (R14) and fees (R10).
  const part = await createPart(prisma, { partNo: "FAN-1", name: "Fan motor", unitPrice: 30000 });
  await prisma.partUsage.create({ data: { ticketId: inWorkshop.id, partId: part.id, technicianId: kim.id, quantity: 2, unitPrice: 30000, usedAt: NOON } });
  await prisma.partUsage.create({ data: { ticketId: inWorkshop.id, partId: part.id, technicianId: kim.id, quantity: 1, unitPrice: 30000, usedAt: START } });
  await prisma.partUsage.create({ data: { ticketId: inWorkshop.id, partId: part.id, technicianId: kim.id, quantity: 5, unitPrice: 30000, usedAt: END } });
  await prisma.charge.createMany({
    data: [
      { ticketId: inWorkshop.id, kind: "LABOUR", amount: 50000, settlement: "COLLECTED_ON_SITE", createdAt: NOON },
      { ticketId: inWorkshop.id, kind: "PARTS", amount: 60000, settlement: "COLLECTED_ON_SITE", createdAt: LAST_MS },
      { ticketId: inWorkshop.id, kind: "TRAVEL", amount: 200000, settlement: "INVOICE_REQUESTED", createdAt: START },
      { ticketId: inWorkshop.id, kind: "OTHER", amount: 999, settlement: "NONE", createdAt: NOON },
      { ticketId: inWorkshop.id, kind: "LABOUR", amount: 70000, settlement: "COLLECTED_ON_SITE", createdAt: BEFORE },
    ],
  });

  // Daily reports (R15): Kim filed, Lee did not.
  await prisma.dailyWorkReport.create({ data: { technicianId: kim.id, workDate: new Date(`${DATE}T00:00:00Z`), submittedAt: NOON } });

  // Contracts noticed today (R18).
  const noticed = await createContract(prisma, { branchId: branch.id, customerId: customer.id, number: "MC-NOTICED", endsOn: new Date("2026-12-20T00:00:00Z"), expiryNoticeAt: NOON, renewalAssigneeId: director.id });
  await createContract(prisma, { branchId: branch.id, customerId: customer.id, number: "MC-EARLIER", expiryNoticeAt: BEFORE });

  return { branch, kim, lee, overdue, part, noticed, director };
}

describe("directors' daily summary figures (R16, R17)", () => {
  it("R16/R17: counts each figure of the branch's local day, edges included at the start and excluded at the end", async () => {
    const { branch, kim, lee, overdue, part, noticed, director } = await seededDay();

    const summary = await computeDirectorSummary(db.current.prisma, { branchId: branch.id, date: DATE });

    expect(summary).toMatchObject({ branchId: branch.id, date: DATE, start: START.toISOString(), end: END.toISOString(), timeZone: "Asia/Seoul" });
    expect(summary.calls).toEqual({ received: 2, assigned: 1, completed: 1, carriedOver: 1 });
    expect(summary.overdue).toEqual({
      count: 1,
      items: [{ ticketId: overdue.id, voucherNo: overdue.voucherNo, arrivalDeadline: NOON.toISOString(), message: { channelId: "C0SEOUL", ts: "1700000000.000100" } }],
    });
    expect(summary.arrivals).toEqual({ onTime: 1, withDeadline: 2, onTimeRate: 0.5 });
    expect(summary.workshop).toEqual({ waitingRepair: 1, waitingParts: 1, repaired: 1, receivedToday: 1, repairedToday: 1, returnedToday: 1 });
    expect(summary.hours).toEqual([
      { staffId: kim.id, name: "Kim", slackUserId: "U0KIM", byCategory: { A_PAID: 3.5, B_CONTRACT: 0, C_WARRANTY: 0, D_INTERNAL: 0.5 }, total: 4 },
      { staffId: lee.id, name: "Lee", slackUserId: "U0LEE", byCategory: { A_PAID: 0, B_CONTRACT: 4, C_WARRANTY: 0, D_INTERNAL: 0 }, total: 4 },
    ]);
    expect(summary.parts).toEqual([{ partId: part.id, partNo: "FAN-1", name: "Fan motor", quantity: 3, value: 90000 }]);
    expect(summary.fees).toEqual({ collectedOnSite: { count: 2, amount: 110000 }, invoiceRequested: { count: 1, amount: 200000 } });
    expect(summary.missingReports).toEqual([{ staffId: lee.id, name: "Lee", slackUserId: "U0LEE" }]);
    expect(summary.contractNotices).toEqual([
      { contractId: noticed.id, number: "MC-NOTICED", customerName: expect.any(String), endsOn: "2026-12-20", assignee: { staffId: director.id, name: director.name, slackUserId: "U0DIR" } },
    ]);
    // A plain object: what is stored as DirectorReport.figures survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it("R16: overdue calls are listed up to 20, oldest deadline first, and all are counted", async () => {
    const prisma = db.current.prisma;
    const branch = await createBranchWithCalendar(prisma, { code: "SEOUL" });
    for (let i = 0; i < 22; i += 1) {
      await createTicket(prisma, { branchId: branch.id, receivedAt: BEFORE, status: "REGISTERED", arrivalDeadline: new Date(NOON.getTime() - i * 60_000) });
    }
    const summary = await computeDirectorSummary(prisma, { branchId: branch.id, date: DATE });
    expect(summary.overdue.count).toBe(22);
    expect(summary.overdue.items).toHaveLength(20);
    expect(summary.overdue.items[0].arrivalDeadline).toBe(new Date(NOON.getTime() - 21 * 60_000).toISOString());
    expect(summary.overdue.items[0].message).toBeNull();
  });

  it("R14: the summary lists part loans out more than one night, oldest first, with the days they have been out", async () => {
    const prisma = db.current.prisma;
    const branch = await createBranchWithCalendar(prisma, { code: "SEOUL" });
    const kim = await createTechnician(prisma, { branchId: branch.id, name: "Kim", slackUserId: "U0KIM" });
    const part = await createPart(prisma, { partNo: "FAN-1", name: "Fan motor" });
    const loan = (borrowedAt: Date, extra: { status?: "OUT" | "SETTLED"; settledAt?: Date; quantityReturned?: number } = {}) =>
      prisma.partLoan.create({ data: { partId: part.id, branchId: branch.id, technicianId: kim.id, quantity: 2, borrowedAt, ...extra } });
    const friday = await loan(new Date("2026-11-20T01:00:00Z")); // Friday 10:00 Seoul, still out: 4 days by Monday
    const yesterday = await loan(BEFORE, { status: "SETTLED", settledAt: new Date(END.getTime() + 3_600_000), quantityReturned: 2 }); // back only after the day
    await loan(NOON); // taken today: one night at most
    await loan(BEFORE, { status: "SETTLED", settledAt: NOON, quantityReturned: 2 }); // back during the day

    const summary = await computeDirectorSummary(prisma, { branchId: branch.id, date: DATE });
    expect(summary.longLoans).toEqual({
      count: 2,
      items: [
        { loanId: friday.id, partNo: "FAN-1", name: "Fan motor", technician: { staffId: kim.id, name: "Kim", slackUserId: "U0KIM" }, left: 2, borrowedAt: "2026-11-20T01:00:00.000Z", daysOut: 4 },
        { loanId: yesterday.id, partNo: "FAN-1", name: "Fan motor", technician: { staffId: kim.id, name: "Kim", slackUserId: "U0KIM" }, left: 2, borrowedAt: BEFORE.toISOString(), daysOut: 2 },
      ],
    });
  });

  it("R16: an empty day gives zeros, no rate and every active technician as missing a report", async () => {
    const prisma = db.current.prisma;
    const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", timeZone: "America/New_York" });
    const tech = await createTechnician(prisma, { branchId: branch.id });
    const summary = await computeDirectorSummary(prisma, { branchId: branch.id, date: DATE });
    expect(summary.start).toBe("2026-11-23T05:00:00.000Z");
    expect(summary.calls).toEqual({ received: 0, assigned: 0, completed: 0, carriedOver: 0 });
    expect(summary.arrivals.onTimeRate).toBeNull();
    expect(summary.fees).toEqual({ collectedOnSite: { count: 0, amount: 0 }, invoiceRequested: { count: 0, amount: 0 } });
    expect(summary.missingReports.map((p) => p.staffId)).toEqual([tech.id]);
  });
});
