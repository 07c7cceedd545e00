// R15: each technician files a daily work report — the work done that day, hours per category.
import { fixedClock } from "../../../src/clock";
import { AppError } from "../../../src/errors";
import { correctDailyWork, dailyProblemsOf, dailyReportStatus, getDailyWork, submitDailyReport } from "../../../src/services/reports/daily-work-report";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createCustomer, createStaff, createTechnician, createTicket } from "../../support/factories/data";

const db = useTestDatabase();

// Monday 2026-11-23 17:00 in Seoul (UTC+9).
const NOW = "2026-11-23T08:00:00Z";
const DATE = "2026-11-23";
const day = (date: string) => new Date(`${date}T00:00:00Z`);

async function seoulDay() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul service" });
  const tech = await createTechnician(prisma, { branchId: branch.id, name: "Kim Tech" });
  const other = await createTechnician(prisma, { branchId: branch.id, name: "Lee Tech" });
  const director = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], name: "Park Director" });
  const hana = await createCustomer(prisma, { branchId: branch.id, name: "Hana Foods" });
  const mart = await createCustomer(prisma, { branchId: branch.id, name: "Mart One" });
  const t1 = await createTicket(prisma, { branchId: branch.id, customerId: hana.id, assignedTechnicianId: tech.id, status: "ON_SITE" });
  const t2 = await createTicket(prisma, { branchId: branch.id, customerId: mart.id, assignedTechnicianId: tech.id, status: "ON_SITE", category: "B_CONTRACT" });
  const log = (technicianId: number, ticketId: number | null, category: "A_PAID" | "B_CONTRACT" | "C_WARRANTY" | "D_INTERNAL", hours: number, date = DATE) =>
    prisma.workLog.create({ data: { technicianId, ticketId, workDate: day(date), category, hours, description: `${category} work` } });
  const l1 = await log(tech.id, t1.id, "A_PAID", 2);
  const l2 = await log(tech.id, t1.id, "C_WARRANTY", 0.5);
  const l3 = await log(tech.id, t2.id, "B_CONTRACT", 1.5);
  const yesterday = await log(tech.id, t2.id, "B_CONTRACT", 3, "2026-11-20");
  const othersLog = await log(other.id, t1.id, "A_PAID", 4);
  return { branch, tech, other, director, t1, t2, l1, l2, l3, yesterday, othersLog };
}

describe("daily work report (R15)", () => {
  it("R15: the day's lines are grouped by ticket with totals per category A–D, in the branch's local day", async () => {
    const { tech, t1, t2, l1, l2, l3 } = await seoulDay();
    const clock = fixedClock(NOW);
    const work = await getDailyWork({ db: db.current.prisma, clock }, { actor: actorFor(tech) });
    expect(work.date).toBe(DATE);
    expect(work.submitted).toBeNull();
    expect(work.groups.map((g) => [g.voucherNo, g.customerName, g.lines.map((l) => l.workLogId)])).toEqual([
      [t1.voucherNo, "Hana Foods", [l1.id, l2.id]],
      [t2.voucherNo, "Mart One", [l3.id]],
    ]);
    expect(work.groups[0].totals).toEqual({ A_PAID: 2, B_CONTRACT: 0, C_WARRANTY: 0.5, D_INTERNAL: 0 });
    expect(work.totals).toEqual({ A_PAID: 2, B_CONTRACT: 1.5, C_WARRANTY: 0.5, D_INTERNAL: 0 });
    expect(work.totalHours).toBe(4);

    // 00:30 on Tuesday in Seoul is still Monday in UTC: the local date decides.
    const tuesday = await getDailyWork({ db: db.current.prisma, clock: fixedClock("2026-11-23T15:30:00Z") }, { actor: actorFor(tech) });
    expect(tuesday.date).toBe("2026-11-24");
    expect(tuesday.lines).toEqual([]);
    // Friday's line is on Friday.
    const friday = await getDailyWork({ db: db.current.prisma, clock }, { actor: actorFor(tech), date: "2026-11-20" });
    expect(friday.totals.B_CONTRACT).toBe(3);
  });

  it("R15: corrections change the technician's own hours, 0 deletes a line, internal D work is added; other technicians' logs are untouched; audited", async () => {
    const prisma = db.current.prisma;
    const { tech, l1, l2, l3, othersLog, yesterday } = await seoulDay();
    const deps = { db: prisma, clock: fixedClock(NOW) };
    const work = await correctDailyWork(deps, {
      actor: actorFor(tech),
      date: DATE,
      changes: [{ workLogId: l1.id, hours: 3.25 }, { workLogId: l2.id, hours: 0 }, { workLogId: l3.id, hours: 1.5 }],
      internal: [{ hours: 1, description: "Workshop tidy-up" }],
    });
    expect(work.totals).toEqual({ A_PAID: 3.25, B_CONTRACT: 1.5, C_WARRANTY: 0, D_INTERNAL: 1 });
    expect(await prisma.workLog.findUnique({ where: { id: l2.id } })).toBeNull();
    const internal = work.groups.find((g) => g.ticketId === null)!;
    expect(internal.lines).toEqual([expect.objectContaining({ category: "D_INTERNAL", hours: 1, description: "Workshop tidy-up", voucherNo: null })]);
    expect(Number((await prisma.workLog.findUniqueOrThrow({ where: { id: othersLog.id } })).hours)).toBe(4);
    expect(Number((await prisma.workLog.findUniqueOrThrow({ where: { id: yesterday.id } })).hours)).toBe(3);

    const audit = await prisma.auditLog.findMany({ where: { action: "daily-work.correct" } });
    expect(audit).toEqual([expect.objectContaining({ actor: tech.slackUserId, actorStaffId: tech.id, entity: "Staff", entityId: String(tech.id) })]);
    expect(audit[0].data).toMatchObject({ date: DATE, edits: [{ workLogId: l1.id, from: 2, to: 3.25 }, { workLogId: l2.id, from: 0.5, to: 0 }], added: [expect.objectContaining({ hours: 1 })] });

    // Another technician's line (or another day's) cannot be changed: refused per line, nothing changes.
    const refused = await correctDailyWork(deps, { actor: actorFor(tech), date: DATE, changes: [{ workLogId: othersLog.id, hours: 0 }, { workLogId: yesterday.id, hours: 1 }] }).catch((e: unknown) => e);
    expect(dailyProblemsOf(refused)).toEqual([{ kind: "unknown-line", workLogId: othersLog.id }, { kind: "unknown-line", workLogId: yesterday.id }]);
    expect(await prisma.workLog.count({ where: { id: { in: [othersLog.id, yesterday.id] } } })).toBe(2);

    // Bad input: negative, three decimals, more than 24 h in a day, internal work without words.
    const bad = await correctDailyWork(deps, { actor: actorFor(tech), date: DATE, changes: [{ workLogId: l1.id, hours: -1 }, { workLogId: l3.id, hours: 1.234 }], internal: [{ hours: 2, description: " " }] }).catch((e: unknown) => e);
    expect(dailyProblemsOf(bad)).toEqual([
      { kind: "bad-hours", workLogId: l1.id },
      { kind: "bad-hours", workLogId: l3.id },
      { kind: "internal-description-required", index: 0 },
    ]);
    const tooMany = await correctDailyWork(deps, { actor: actorFor(tech), date: DATE, changes: [{ workLogId: l1.id, hours: 20 }], internal: [{ hours: 5, description: "x" }] }).catch((e: unknown) => e);
    expect(dailyProblemsOf(tooMany)).toEqual([{ kind: "too-many-hours", total: 27.5 }]); // 20 + 1.5 + 1 (internal, above) + 5
  });

  it("R15: a day is submitted once; corrections and submission go in one transaction; later corrections are refused", async () => {
    const prisma = db.current.prisma;
    const { tech, l1 } = await seoulDay();
    const deps = { db: prisma, clock: fixedClock(NOW) };
    const submitted = await submitDailyReport(deps, { actor: actorFor(tech), date: DATE, notes: "All done", changes: [{ workLogId: l1.id, hours: 2.5 }], internal: [{ hours: 0.5, description: "Van check" }] });
    expect(submitted.submitted).toEqual({ at: new Date(NOW), notes: "All done" });
    expect(submitted.totals).toEqual({ A_PAID: 2.5, B_CONTRACT: 1.5, C_WARRANTY: 0.5, D_INTERNAL: 0.5 });
    expect(await prisma.dailyWorkReport.findMany()).toEqual([expect.objectContaining({ technicianId: tech.id, workDate: day(DATE), notes: "All done", submittedAt: new Date(NOW) })]);
    expect(await prisma.auditLog.count({ where: { action: "daily-report.submit", entity: "DailyWorkReport" } })).toBe(1);
    expect((await getDailyWork(deps, { actor: actorFor(tech), date: DATE })).submitted).toEqual({ at: new Date(NOW), notes: "All done" });

    const again = await submitDailyReport({ ...deps, clock: fixedClock("2026-11-23T08:30:00Z") }, { actor: actorFor(tech), date: DATE, notes: "again" }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AppError);
    expect(again).toMatchObject({ code: "ALREADY_DONE", details: { date: DATE, at: new Date(NOW).toISOString() } });

    const late = await correctDailyWork(deps, { actor: actorFor(tech), date: DATE, changes: [{ workLogId: l1.id, hours: 8 }] }).catch((e: unknown) => e);
    expect(late).toMatchObject({ code: "ALREADY_DONE" });
    expect(Number((await prisma.workLog.findUniqueOrThrow({ where: { id: l1.id } })).hours)).toBe(2.5);

    // A refused correction inside a submission leaves neither the report nor the changes.
    const { other, othersLog } = { other: (await prisma.staff.findFirstOrThrow({ where: { name: "Lee Tech" } })), othersLog: await prisma.workLog.findFirstOrThrow({ where: { technicianId: { not: tech.id } } }) };
    const partial = await submitDailyReport(deps, { actor: actorFor(other), date: DATE, notes: null, changes: [{ workLogId: othersLog.id, hours: 5 }], internal: [{ hours: 30, description: "x" }] }).catch((e: unknown) => e);
    expect(dailyProblemsOf(partial)).toEqual([{ kind: "bad-internal-hours", index: 0 }]);
    expect(await prisma.dailyWorkReport.count({ where: { technicianId: other.id } })).toBe(0);
    expect(Number((await prisma.workLog.findUniqueOrThrow({ where: { id: othersLog.id } })).hours)).toBe(4);
  });

  it("R15: two concurrent submissions file one report; the other is ALREADY_DONE", async () => {
    const prisma = db.current.prisma;
    const { tech } = await seoulDay();
    const deps = { db: prisma, clock: fixedClock(NOW) };
    const results = await Promise.allSettled([
      submitDailyReport(deps, { actor: actorFor(tech), date: DATE, notes: "one", internal: [{ hours: 1, description: "first" }] }),
      submitDailyReport(deps, { actor: actorFor(tech), date: DATE, notes: "two", internal: [{ hours: 1, description: "second" }] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatchObject({ code: "ALREADY_DONE" });
    expect(await prisma.dailyWorkReport.count()).toBe(1);
    // The loser's internal line was rolled back with it.
    expect(await prisma.workLog.count({ where: { technicianId: tech.id, category: "D_INTERNAL" } })).toBe(1);
  });

  it("R15: a day without hours needs a note to be submitted", async () => {
    const prisma = db.current.prisma;
    const { other } = await seoulDay();
    const deps = { db: prisma, clock: fixedClock(NOW) };
    const empty = await submitDailyReport(deps, { actor: actorFor(other), date: "2026-11-24", notes: "  " }).catch((e: unknown) => e);
    expect(dailyProblemsOf(empty)).toEqual([{ kind: "notes-required-when-no-hours" }]);
    const withNote = await submitDailyReport(deps, { actor: actorFor(other), date: "2026-11-24", notes: "Training day" });
    expect(withNote.totalHours).toBe(0);
    expect(withNote.submitted?.notes).toBe("Training day");
  });

  it("R15: directors see who has and has not submitted, with hours per category; technicians may not", async () => {
    const prisma = db.current.prisma;
    const { tech, other, director, branch } = await seoulDay();
    await createTechnician(prisma, { branchId: branch.id, name: "Old Tech", active: false });
    await createTechnician(prisma); // another branch
    const deps = { db: prisma, clock: fixedClock(NOW) };
    await submitDailyReport(deps, { actor: actorFor(tech), date: DATE, notes: null });

    const status = await dailyReportStatus(deps, { actor: actorFor(director) });
    expect(status.date).toBe(DATE);
    expect(status.technicians).toEqual([
      expect.objectContaining({ staffId: tech.id, submittedAt: new Date(NOW), totals: { A_PAID: 2, B_CONTRACT: 1.5, C_WARRANTY: 0.5, D_INTERNAL: 0 }, totalHours: 4 }),
      expect.objectContaining({ staffId: other.id, submittedAt: null, totals: { A_PAID: 4, B_CONTRACT: 0, C_WARRANTY: 0, D_INTERNAL: 0 } }),
    ]);
    await expect(dailyReportStatus(deps, { actor: actorFor(tech) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getDailyWork(deps, { actor: actorFor(director) })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
