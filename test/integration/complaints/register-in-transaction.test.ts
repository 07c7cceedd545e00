// R21: registerComplaintInTx runs inside a caller's transaction (the surveys' dissatisfied answer):
// the complaint, its number, its audit row and its Slack effects stand or fall with the caller's
// change. R22 counts substantiated complaints inside the rolling window only.
import { fixedClock } from "../../../src/clock";
import { registerComplaint, registerComplaintInTx } from "../../../src/services/complaints/register-complaint";
import { recordComplaintOutcome } from "../../../src/services/complaints/record-steps";
import { queuedEffects } from "../../support/outbox";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createCustomer, createStaff, createTechnician, createTicket } from "../../support/factories/data";

const db = useTestDatabase();

async function setup() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", timeZone: "Asia/Seoul" });
  const technician = await createTechnician(prisma, { branchId: branch.id });
  const director = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"] });
  const customer = await createCustomer(prisma, { branchId: branch.id });
  const ticket = await createTicket(prisma, { branchId: branch.id, customerId: customer.id, status: "CLOSED", assignedTechnicianId: technician.id });
  return { prisma, branch, technician, director, customer, ticket };
}

const input = (s: Awaited<ReturnType<typeof setup>>) => ({
  by: { actor: "system:survey", staffId: null },
  customerId: s.customer.id,
  ticketId: s.ticket.id,
  technicianId: s.technician.id,
  source: "SURVEY" as const,
  kind: "COMPLAINT" as const,
  severity: "GENERAL" as const,
  description: "Attitude: dissatisfied",
});

describe("registerComplaintInTx (R21, for the surveys)", () => {
  it("R21: a survey's complaint is recorded with its number, audit row and Slack effects in the caller's transaction", async () => {
    const s = await setup();
    const clock = fixedClock("2026-11-24T01:00:00Z");
    const registered = await s.prisma.$transaction((tx) => registerComplaintInTx(tx, { clock }, input(s)));
    expect(registered).toMatchObject({ number: "CP-2026-0001", branchId: s.branch.id });
    expect(await s.prisma.complaint.findUniqueOrThrow({ where: { id: registered.complaintId } })).toMatchObject({ source: "SURVEY", ticketId: s.ticket.id, technicianId: s.technician.id, registeredById: null });
    expect(await s.prisma.auditLog.count({ where: { action: "complaint.register", actor: "system:survey" } })).toBe(1);
    expect((await queuedEffects(s.prisma)).map((q) => q.effect.kind)).toEqual(expect.arrayContaining(["complaint-message", "complaint-line", "complaint-routed"]));
  });

  it("R21: when the caller's transaction rolls back, no complaint, number, audit row or Slack effect is left", async () => {
    const s = await setup();
    const clock = fixedClock("2026-11-24T01:00:00Z");
    await expect(
      s.prisma.$transaction(async (tx) => {
        await registerComplaintInTx(tx, { clock }, input(s));
        throw new Error("the survey could not be saved");
      }),
    ).rejects.toThrow("the survey could not be saved");
    expect(await s.prisma.complaint.count()).toBe(0);
    expect(await s.prisma.complaintCounter.count()).toBe(0);
    expect(await s.prisma.auditLog.count()).toBe(0);
    expect(await queuedEffects(s.prisma)).toEqual([]);
  });

  it("R22: a substantiated complaint older than the window does not count toward the technician's level", async () => {
    const s = await setup();
    const old = fixedClock("2025-10-01T01:00:00Z");
    const first = await s.prisma.$transaction((tx) => registerComplaintInTx(tx, { clock: old }, input(s)));
    await recordComplaintOutcome({ db: s.prisma, clock: old, complaintWindowMonths: 12 }, { actor: actorFor(s.director), complaintId: first.complaintId, outcome: "Rude", substantiated: true });
    const now = fixedClock("2026-11-24T01:00:00Z");
    const second = await s.prisma.$transaction((tx) => registerComplaintInTx(tx, { clock: now }, input(s)));
    await recordComplaintOutcome({ db: s.prisma, clock: now, complaintWindowMonths: 12 }, { actor: actorFor(s.director), complaintId: second.complaintId, outcome: "Rude again", substantiated: true });
    const levels = (await queuedEffects(s.prisma)).flatMap((q) => (q.effect.kind === "complaint-level" ? [q.effect] : []));
    // Both reached the first level: the old one fell out of the window before the second came.
    expect(levels.map((l) => [l.level, l.count])).toEqual([
      ["WARNING", 1],
      ["WARNING", 1],
    ]);
    expect(await s.prisma.auditLog.count({ where: { action: "complaint.level" } })).toBe(2);
  });
});

describe("registerComplaint (R21, the modal)", () => {
  it("R21: one complaint per modal however often its submission arrives, and numbers stay unique when several register at once", async () => {
    const s = await setup();
    const clock = fixedClock("2026-11-24T01:00:00Z");
    const dispatcher = actorFor(await createStaff(s.prisma, { branchId: s.branch.id, roles: ["DISPATCHER"] }));
    const form = { customerId: s.customer.id, voucherNo: null, technicianSlackUserId: null, source: "PHONE" as const, kind: "COMPLAINT" as const, severity: "GENERAL" as const, description: "Late again" };
    const repeats = await Promise.all(Array.from({ length: 3 }, () => registerComplaint({ db: s.prisma, clock }, { actor: dispatcher, input: form, registerKey: "complaint:V1" })));
    expect(new Set(repeats.map((r) => r.complaintId)).size).toBe(1);
    expect(await s.prisma.complaint.count({ where: { registerKey: "complaint:V1" } })).toBe(1);
    await Promise.all(Array.from({ length: 5 }, (_, i) => registerComplaint({ db: s.prisma, clock }, { actor: dispatcher, input: form, registerKey: `complaint:W${i}` })));
    const numbers = (await s.prisma.complaint.findMany({ select: { number: true } })).map((c) => c.number);
    expect(new Set(numbers).size).toBe(6);
  });

  it("R21: a call of another customer, or a technician who is not one, is refused on its field", async () => {
    const s = await setup();
    const clock = fixedClock("2026-11-24T01:00:00Z");
    const other = await createCustomer(s.prisma, { branchId: s.branch.id });
    const form = { customerId: other.id, voucherNo: s.ticket.voucherNo, technicianSlackUserId: s.director.slackUserId, source: "PHONE" as const, kind: "COMPLAINT" as const, severity: "GENERAL" as const, description: "x" };
    await expect(registerComplaint({ db: s.prisma, clock }, { actor: actorFor(s.director), input: form })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { call: "other-customer", technician: "not-a-technician" } });
    expect(await s.prisma.complaint.count()).toBe(0);
  });
});
