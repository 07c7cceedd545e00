// R20/R22: a branch's month per technician from one SQL aggregate, against rows written directly.
// The month is the branch's local month (Seoul, UTC+9: October 2026 runs from
// 2026-09-30T15:00Z to 2026-10-31T15:00Z).
import { computeMonthlyEvaluation } from "../../../src/services/evaluations/compute-monthly-evaluation";
import { DEFAULT_EVALUATION_SETTINGS } from "../../../src/domain/monthly-evaluation";
import { useTestDatabase } from "../../support/db";
import { createBranchWithCalendar, createCustomer, createTechnician, createTicket } from "../../support/factories/data";

const db = useTestDatabase();

const MONTH = "2026-10";
const START = new Date("2026-09-30T15:00:00Z");
const BEFORE = new Date("2026-09-30T14:59:59.999Z");
const LAST_MS = new Date("2026-10-31T14:59:59.999Z");
const END = new Date("2026-10-31T15:00:00Z");
const MID = new Date("2026-10-15T03:00:00Z");

async function seededMonth() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul" });
  const other = await createBranchWithCalendar(prisma, { code: "BUSAN" });
  const customer = await createCustomer(prisma, { branchId: branch.id });
  const kim = await createTechnician(prisma, { branchId: branch.id, name: "Kim", slackUserId: "U0KIM" });
  const lee = await createTechnician(prisma, { branchId: branch.id, name: "Lee", slackUserId: "U0LEE" });
  const gone = await createTechnician(prisma, { branchId: branch.id, name: "Gone", active: false });
  const busan = await createTechnician(prisma, { branchId: other.id, name: "Park" });
  const closed = (technicianId: number, closedAt: Date, category: "A_PAID" | "C_WARRANTY" = "A_PAID") =>
    createTicket(prisma, { branchId: branch.id, customerId: customer.id, receivedAt: BEFORE, status: "CLOSED", closedAt, category, suggestedCategory: category, assignedTechnicianId: technicianId });
  const answered = (ticketId: number, technicianId: number, ratings: { attitude?: "VERY_SATISFIED" | "SATISFIED" | "DISSATISFIED" | "VERY_DISSATISFIED"; skill?: "SATISFIED" | "DISSATISFIED" }) =>
    prisma.survey.create({
      data: { ticketId, technicianId, dueOn: new Date("2026-10-16"), outcome: "ANSWERED", respondedAt: MID, attitude: ratings.attitude ?? "VERY_SATISFIED", skill: ratings.skill ?? "SATISFIED", arrivalTime: "SATISFIED", promiseKeeping: "VERY_SATISFIED" },
    });

  // Kim: four calls closed in the month (both edges count), two inside warranty; three surveys answered,
  // one listed but never answered; one dissatisfied attitude.
  const k1 = await closed(kim.id, START, "C_WARRANTY");
  const k2 = await closed(kim.id, LAST_MS, "C_WARRANTY");
  const k3 = await closed(kim.id, MID);
  const k4 = await closed(kim.id, MID);
  await answered(k1.id, kim.id, {});
  await answered(k3.id, kim.id, { attitude: "DISSATISFIED" });
  await answered(k4.id, kim.id, { skill: "DISSATISFIED" });
  await prisma.survey.create({ data: { ticketId: k2.id, technicianId: kim.id, dueOn: new Date("2026-11-02"), listedAt: END } });
  // Outside the month or at another branch: not counted.
  await closed(kim.id, BEFORE);
  await closed(kim.id, END);
  await createTicket(prisma, { branchId: other.id, status: "CLOSED", closedAt: MID, assignedTechnicianId: busan.id });

  // Arrivals (R6): Kim on time twice (once exactly at the deadline), late once; one arrival without a deadline.
  const arrival = (technicianId: number, arrivedAt: Date, arrivalDeadline: Date | null) =>
    createTicket(prisma, { branchId: branch.id, customerId: customer.id, receivedAt: BEFORE, status: "ON_SITE", assignedTechnicianId: technicianId, arrivedAt, arrivalDeadline });
  await arrival(kim.id, MID, MID);
  await arrival(kim.id, MID, new Date(MID.getTime() + 3_600_000));
  await arrival(kim.id, MID, new Date(MID.getTime() - 60_000));
  await arrival(kim.id, MID, null);
  await arrival(kim.id, END, END); // next month

  // Hours per category (WorkLog.workDate, the local date).
  const log = (technicianId: number, workDate: string, category: "A_PAID" | "B_CONTRACT" | "C_WARRANTY" | "D_INTERNAL", hours: number) =>
    prisma.workLog.create({ data: { technicianId, workDate: new Date(`${workDate}T00:00:00Z`), category, hours } });
  await log(kim.id, "2026-10-01", "A_PAID", 3.5);
  await log(kim.id, "2026-10-31", "A_PAID", 1);
  await log(kim.id, "2026-10-20", "C_WARRANTY", 2.25);
  await log(kim.id, "2026-10-21", "D_INTERNAL", 1);
  await log(kim.id, "2026-09-30", "B_CONTRACT", 8); // September
  await log(kim.id, "2026-11-01", "B_CONTRACT", 8); // November
  await log(gone.id, "2026-10-05", "B_CONTRACT", 4); // left since, but worked in October

  // Complaints (R21/R22): Lee has one substantiated this month and one five months ago (inside the
  // 12-month window), one not substantiated, one still open, and one 13 months ago (outside).
  const complaint = (technicianId: number, receivedAt: Date, substantiated: boolean | null) =>
    prisma.complaint.create({ data: { customerId: customer.id, technicianId, severity: "GENERAL", description: "Late and rude", receivedAt, substantiated } });
  await complaint(lee.id, MID, true);
  await complaint(lee.id, MID, false);
  await complaint(lee.id, MID, null);
  await complaint(lee.id, new Date("2026-05-10T03:00:00Z"), true);
  await complaint(lee.id, new Date("2025-09-10T03:00:00Z"), true);
  await complaint(lee.id, END, true); // November: after the month's end

  return { branch, kim, lee, gone, busan };
}

describe("the monthly evaluation's aggregate (R20, R22)", () => {
  it("R20: calls closed, survey coverage overall and inside warranty, and satisfaction per item, per technician", async () => {
    const { branch } = await seededMonth();
    const evaluation = await computeMonthlyEvaluation(db.current.prisma, { branchId: branch.id, month: MONTH });
    expect(evaluation).toMatchObject({ month: MONTH, start: START.toISOString(), end: END.toISOString(), branchCode: "SEOUL" });
    const kim = evaluation.technicians.find((t) => t.name === "Kim")!;
    expect(kim.counts).toMatchObject({ closed: 4, closedWarranty: 2, surveyed: 3, surveyedWarranty: 1 });
    expect(kim.counts.items).toEqual({
      attitude: { answers: 3, satisfied: 2 },
      skill: { answers: 3, satisfied: 2 },
      arrivalTime: { answers: 3, satisfied: 3 },
      promiseKeeping: { answers: 3, satisfied: 3 },
    });
    expect(kim.verdicts.coverage).toMatchObject({ count: 3, of: 4, met: false });
    expect(kim.verdicts.warrantyCoverage).toMatchObject({ count: 1, of: 2, rate: 0.5, met: false });
    expect(kim.verdicts.items.arrivalTime.met).toBe(true);
    expect(kim.verdicts.items.attitude.met).toBe(false);
  });

  it("R6/R20: arrivals at or before their deadline are on time; arrivals without a deadline or outside the month are not counted", async () => {
    const { branch } = await seededMonth();
    const evaluation = await computeMonthlyEvaluation(db.current.prisma, { branchId: branch.id, month: MONTH });
    const kim = evaluation.technicians.find((t) => t.name === "Kim")!;
    expect(kim.counts.arrivals).toEqual({ withDeadline: 3, onTime: 2 });
    expect(kim.verdicts.onTime).toMatchObject({ count: 2, of: 3, met: false });
  });

  it("R15/R20: hours per category A–D come from the month's work logs (local dates, both ends)", async () => {
    const { branch } = await seededMonth();
    const evaluation = await computeMonthlyEvaluation(db.current.prisma, { branchId: branch.id, month: MONTH });
    const kim = evaluation.technicians.find((t) => t.name === "Kim")!;
    expect(kim.counts.hours).toEqual({ A_PAID: 4.5, B_CONTRACT: 0, C_WARRANTY: 2.25, D_INTERNAL: 1 });
    expect(kim.verdicts.hoursTotal).toBe(7.75);
  });

  it("R22: complaints received and substantiated in the month, and the level from the rolling window ending with the month", async () => {
    const { branch } = await seededMonth();
    const evaluation = await computeMonthlyEvaluation(db.current.prisma, { branchId: branch.id, month: MONTH });
    const lee = evaluation.technicians.find((t) => t.name === "Lee")!;
    expect(lee.counts.complaints).toEqual({ received: 3, substantiated: 1, substantiatedInWindow: 2 });
    expect(lee.verdicts.complaintLevel).toBe("PENALTY");
    expect(evaluation.windowStart).toBe("2025-10-31T15:00:00.000Z");
  });

  it("R22: a shorter window (COMPLAINT_WINDOW_MONTHS) leaves the older complaint out: a warning", async () => {
    const { branch } = await seededMonth();
    const settings = { ...DEFAULT_EVALUATION_SETTINGS, complaintWindowMonths: 3 };
    const evaluation = await computeMonthlyEvaluation(db.current.prisma, { branchId: branch.id, month: MONTH, settings });
    const lee = evaluation.technicians.find((t) => t.name === "Lee")!;
    expect(lee.counts.complaints.substantiatedInWindow).toBe(1);
    expect(lee.verdicts.complaintLevel).toBe("WARNING");
  });

  it("R20: lists the branch's active technicians (with nothing, too) and those who left only when they worked that month; never another branch's", async () => {
    const { branch } = await seededMonth();
    const evaluation = await computeMonthlyEvaluation(db.current.prisma, { branchId: branch.id, month: MONTH });
    expect(evaluation.technicians.map((t) => t.name)).toEqual(["Gone", "Kim", "Lee"]);
    const gone = evaluation.technicians[0];
    expect(gone).toMatchObject({ active: false, counts: { closed: 0, hours: { B_CONTRACT: 4 } } });
    expect(gone.verdicts.coverage.rate).toBeNull();
    const november = await computeMonthlyEvaluation(db.current.prisma, { branchId: branch.id, month: "2026-12" });
    expect(november.technicians.map((t) => t.name)).toEqual(["Kim", "Lee"]);
  });

  it("R20: one technician's month alone", async () => {
    const { branch, lee } = await seededMonth();
    const evaluation = await computeMonthlyEvaluation(db.current.prisma, { branchId: branch.id, month: MONTH, technicianId: lee.id });
    expect(evaluation.technicians.map((t) => t.slackUserId)).toEqual(["U0LEE"]);
  });

  it("R20: a month that is not YYYY-MM is refused", async () => {
    const { branch } = await seededMonth();
    await expect(computeMonthlyEvaluation(db.current.prisma, { branchId: branch.id, month: "2026-13" })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
