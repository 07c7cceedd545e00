import { fixedClock } from "../../../src/clock";
import { AppError } from "../../../src/errors";
import { partProblemsOf } from "../../../src/services/parts/book-parts-used";
import { closeTicket } from "../../../src/services/tickets/close-ticket";
import { reportWork, type ReportWorkInput } from "../../../src/services/tickets/report-work";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranch, createPart, createStaff, createTechnician, createTicket } from "../../support/factories/data";

const db = useTestDatabase();
const NOW = new Date("2026-11-23T05:00:00Z"); // 14:00 in Seoul
let keys = 0;

async function setup(options: { status?: "ON_SITE" | "IN_WORKSHOP" | "ON_HOLD"; category?: "A_PAID" | "B_CONTRACT" | "C_WARRANTY" } = {}) {
  const prisma = db.current.prisma;
  const branch = await createBranch(prisma, { labourRate: 40000, onSiteCollectionLimit: 1_000_000 });
  const technicianRow = await createTechnician(prisma, { branchId: branch.id });
  const dispatcher = await createStaff(prisma, { branchId: branch.id, roles: ["DISPATCHER"] });
  const category = options.category ?? "A_PAID";
  const ticket = await createTicket(prisma, {
    branchId: branch.id,
    status: options.status ?? "ON_SITE",
    category,
    suggestedCategory: category,
    assignedTechnicianId: technicianRow.id,
    arrivedAt: NOW,
  });
  await prisma.assignment.create({ data: { ticketId: ticket.id, technicianId: technicianRow.id, assignedById: dispatcher.id, assignedAt: NOW } });
  const deps = { db: prisma, clock: fixedClock(NOW) };
  const technician = actorFor(technicianRow);
  const input = (overrides: Partial<ReportWorkInput> = {}): ReportWorkInput => ({
    actor: technician,
    ticketId: ticket.id,
    submissionKey: `view-${process.pid}-${++keys}`,
    hours: [{ category, hours: 1.5 }],
    parts: [],
    outcome: "FIXED_ON_SITE",
    diagnosis: "Fan capacitor failed",
    settlement: category === "A_PAID" ? "COLLECTED_ON_SITE" : "NONE",
    feeAgreed: category === "A_PAID",
    signedByName: "Kim Minji",
    ...overrides,
  });
  return { prisma, branch, technicianRow, technician, dispatcher: actorFor(dispatcher), ticket, deps, input };
}

function fieldErrorsOf(error: unknown): Record<string, string> | undefined {
  return error instanceof AppError ? error.fieldErrors : undefined;
}

describe("reporting work (R9–R14)", () => {
  it("R9/R10/R13: fixed on site resolves the call, records hours, signature, and the paid fee lines", async () => {
    const { prisma, branch, ticket, deps, input } = await setup();
    const part = await createPart(prisma, { unitPrice: 12500, stock: [{ branchId: branch.id, quantity: 5 }] });
    const result = await reportWork(deps, input({ hours: [{ category: "A_PAID", hours: 2.25 }, { category: "D_INTERNAL", hours: 0.5 }], parts: [{ partId: part.id, quantity: 2 }], fee: { travel: 15000, lodging: 0 } }));
    expect(result).toMatchObject({ change: "reported", status: "RESOLVED", outcome: "FIXED_ON_SITE", settlement: "COLLECTED_ON_SITE", signedByName: "Kim Minji" });
    expect(result.charges).toEqual([
      { kind: "LABOUR", reason: "PAID_SERVICE", amount: "90000.00" },
      { kind: "PARTS", reason: "PAID_SERVICE", amount: "25000.00" },
      { kind: "TRAVEL", reason: "PAID_SERVICE", amount: "15000.00" },
    ]);
    expect(result.feeTotal).toBe("130000.00");
    const saved = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(saved).toMatchObject({ status: "RESOLVED", outcome: "FIXED_ON_SITE", resolvedAt: NOW });
    const report = await prisma.visitReport.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(report).toMatchObject({ signedByName: "Kim Minji", signedAt: NOW, feeAgreedAt: NOW, settlement: "COLLECTED_ON_SITE" });
    const logs = await prisma.workLog.findMany({ where: { ticketId: ticket.id }, orderBy: { category: "asc" } });
    expect(logs.map((log) => [log.category, Number(log.hours), log.workDate.toISOString().slice(0, 10)])).toEqual([
      ["A_PAID", 2.25, "2026-11-23"],
      ["D_INTERNAL", 0.5, "2026-11-23"],
    ]);
    expect((await prisma.partStock.findFirstOrThrow({ where: { partId: part.id } })).quantity).toBe(3);
    expect(await prisma.auditLog.count({ where: { ticketId: ticket.id, action: "ticket.report-work" } })).toBe(1);
  });

  it("R10: fixed on site needs the customer's signature", async () => {
    const { deps, input } = await setup();
    const error = await reportWork(deps, input({ signedByName: "" })).catch((e: unknown) => e);
    expect(fieldErrorsOf(error)).toMatchObject({ signedByName: "signature-required" });
  });

  it("R10: paid work needs the fee agreed and a settlement; free work has no fee lines", async () => {
    const { deps, input } = await setup();
    const error = await reportWork(deps, input({ settlement: "NONE", feeAgreed: false })).catch((e: unknown) => e);
    expect(fieldErrorsOf(error)).toMatchObject({ settlement: "settlement-required", feeAgreed: "fee-agreed-required" });
    const warranty = await setup({ category: "C_WARRANTY" });
    const result = await reportWork(warranty.deps, warranty.input({ fee: { travel: 10000, lodging: 0 } }));
    expect(result.charges).toEqual([]);
    expect(await warranty.prisma.charge.count({ where: { ticketId: warranty.ticket.id } })).toBe(0);
  });

  it("R10: an invoice requested is recorded on each fee line", async () => {
    const { prisma, deps, ticket, input } = await setup();
    await reportWork(deps, input({ settlement: "INVOICE_REQUESTED", fee: { travel: 0, lodging: 80000 } }));
    const charges = await prisma.charge.findMany({ where: { ticketId: ticket.id }, orderBy: { id: "asc" } });
    expect(charges.map((c) => [c.kind, Number(c.amount), c.settlement])).toEqual([
      ["LABOUR", 60000, "INVOICE_REQUESTED"],
      ["LODGING", 80000, "INVOICE_REQUESTED"],
    ]);
  });

  it("R9/R11: taken to the workshop issues a custody receipt and moves the call IN_WORKSHOP; the repair card marks it repaired", async () => {
    const { prisma, deps, ticket, input } = await setup();
    const error = await reportWork(deps, input({ outcome: "TAKEN_TO_WORKSHOP", custody: { items: "", condition: "" } })).catch((e: unknown) => e);
    expect(fieldErrorsOf(error)).toMatchObject({ custodyItems: "custody-items-required", custodyCondition: "custody-condition-required" });
    const taken = await reportWork(deps, input({ outcome: "TAKEN_TO_WORKSHOP", signedByName: null, custody: { items: "Control board", condition: "Scratched lid", accessories: "Power cable" } }));
    expect(taken.status).toBe("IN_WORKSHOP");
    expect(taken.receipt).toMatchObject({ number: `${ticket.voucherNo}-C1`, items: "Control board" });
    expect(await prisma.goodsMovement.count({ where: { receiptId: taken.receipt!.id, direction: "IN" } })).toBe(1);
    const repaired = await reportWork(deps, input({ outcome: "FIXED_ON_SITE", signedByName: null }));
    expect(repaired).toMatchObject({ status: "IN_WORKSHOP", repairedReceiptNumber: `${ticket.voucherNo}-C1` });
    expect((await prisma.custodyReceipt.findUniqueOrThrow({ where: { id: taken.receipt!.id } })).state).toBe("REPAIRED");
    // R11: the call cannot be closed while the item has not gone back.
    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: "RESOLVED" } });
    await expect(closeTicket(deps, { actor: input().actor, ticketId: ticket.id, resolution: "Repaired" })).rejects.toMatchObject({ code: "CONFLICT", details: expect.objectContaining({ reason: "custody-open" }) });
  });

  it.each([
    ["RESCHEDULED", "ON_HOLD"],
    ["HANDED_OVER", "ON_HOLD"],
    ["REPLACEMENT_RECOMMENDED", "RESOLVED"],
  ] as const)("R9: outcome %s moves the call to %s", async (outcome, status) => {
    const { prisma, deps, ticket, input } = await setup();
    // Not signed for: the fee goes to the accountant (R10: collected on site only against a signed receipt).
    const result = await reportWork(deps, input({ outcome, signedByName: null, settlement: "INVOICE_REQUESTED", expectedCompletionAt: new Date(NOW.getTime() + 86_400_000) }));
    expect(result.status).toBe(status);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status, outcome });
  });

  it("R12: rescheduling or handing over asks when it will be finished; taking it to the workshop defaults to the turnaround target (1 working day)", async () => {
    const { prisma, deps, ticket, input } = await setup();
    for (const outcome of ["RESCHEDULED", "HANDED_OVER"] as const) {
      const missing = await reportWork(deps, input({ outcome, signedByName: null })).catch((error: unknown) => error);
      expect(fieldErrorsOf(missing)).toEqual({ expectedCompletion: "expected-completion-required" });
      const past = await reportWork(deps, input({ outcome, signedByName: null, expectedCompletionAt: new Date(NOW.getTime() - 60_000) })).catch((error: unknown) => error);
      expect(fieldErrorsOf(past)).toEqual({ expectedCompletion: "expected-completion-past" });
    }
    const promised = new Date(NOW.getTime() + 2 * 86_400_000);
    await prisma.ticket.update({ where: { id: ticket.id }, data: { completionAlertedAt: NOW } });
    const rescheduled = await reportWork(deps, input({ outcome: "RESCHEDULED", signedByName: null, settlement: "INVOICE_REQUESTED", expectedCompletionAt: promised }));
    expect(rescheduled).toMatchObject({ status: "ON_HOLD", expectedCompletionAt: promised });
    // A new expected completion may be escalated again when it passes.
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ expectedCompletionAt: promised, completionAlertedAt: null });
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: "ticket.report-work" }, orderBy: { id: "desc" } })).toMatchObject({ data: expect.objectContaining({ expectedCompletionAt: promised.toISOString() }) });

    const { deps: deps2, ticket: ticket2, input: input2 } = await setup();
    // Monday 14:00 in Seoul, open Monday to Friday 09:00–18:00: due back Tuesday 14:00.
    await prisma.workingHours.createMany({ data: [1, 2, 3, 4, 5].map((weekday) => ({ branchId: ticket2.branchId, weekday, opensAt: 540, closesAt: 1080 })) });
    const taken = await reportWork(deps2, input2({ outcome: "TAKEN_TO_WORKSHOP", signedByName: null, custody: { items: "Control board", condition: "Worn" } }));
    const expected = new Date("2026-11-24T05:00:00Z");
    expect(taken.expectedCompletionAt).toEqual(expected);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket2.id } })).toMatchObject({ status: "IN_WORKSHOP", expectedCompletionAt: expected });
  });

  it("R13: a resubmitted report (same modal) makes no second report", async () => {
    const { prisma, branch, deps, ticket, input } = await setup();
    const part = await createPart(prisma, { stock: [{ branchId: branch.id, quantity: 5 }] });
    const once = input({ parts: [{ partId: part.id, quantity: 1 }] });
    const first = await reportWork(deps, once);
    const again = await reportWork(deps, once);
    expect(again).toMatchObject({ change: "already", reportId: first.reportId, feeTotal: first.feeTotal });
    expect(await prisma.visitReport.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect(await prisma.workLog.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect((await prisma.partStock.findFirstOrThrow({ where: { partId: part.id } })).quantity).toBe(4);
  });

  it("R13: hours are required, at most 24 per category, in quarter hours", async () => {
    const { deps, input } = await setup();
    for (const hours of [[], [{ category: "A_PAID" as const, hours: 25 }], [{ category: "A_PAID" as const, hours: 1.1 }]]) {
      const error = await reportWork(deps, input({ hours })).catch((e: unknown) => e);
      expect(fieldErrorsOf(error)?.hours).toMatch(/hours-/);
    }
  });

  it("R14: asking for more than the stock is refused with the quantity available, and nothing is saved", async () => {
    const { prisma, branch, deps, ticket, input } = await setup();
    const part = await createPart(prisma, { stock: [{ branchId: branch.id, quantity: 2 }] });
    const error = await reportWork(deps, input({ parts: [{ partId: part.id, quantity: 3 }] })).catch((e: unknown) => e);
    expect(partProblemsOf(error)).toEqual([expect.objectContaining({ kind: "not-enough-stock", requested: 3, available: 2 })]);
    expect(await prisma.visitReport.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("ON_SITE");
  });

  it("R14: two concurrent reports racing for the last unit — exactly one wins", async () => {
    const a = await setup();
    const part = await createPart(a.prisma, { stock: [{ branchId: a.branch.id, quantity: 1 }] });
    const secondTicket = await createTicket(a.prisma, { branchId: a.branch.id, status: "ON_SITE", assignedTechnicianId: a.technicianRow.id });
    const results = await Promise.allSettled([
      reportWork(a.deps, a.input({ parts: [{ partId: part.id, quantity: 1 }] })),
      reportWork(a.deps, a.input({ ticketId: secondTicket.id, parts: [{ partId: part.id, quantity: 1 }] })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(partProblemsOf(refused?.reason)).toEqual([expect.objectContaining({ kind: "not-enough-stock", available: 0 })]);
    expect((await a.prisma.partStock.findFirstOrThrow({ where: { partId: part.id } })).quantity).toBe(0);
    expect(await a.prisma.visitReport.count()).toBe(1);
  });

  it("R14: a serialised part needs the serials out and in", async () => {
    const { prisma, branch, deps, input } = await setup();
    const part = await createPart(prisma, { serialised: true, stock: [{ branchId: branch.id, quantity: 2 }] });
    const error = await reportWork(deps, input({ parts: [{ partId: part.id, quantity: 1, serialOut: "OLD-1" }] })).catch((e: unknown) => e);
    expect(partProblemsOf(error)).toEqual([expect.objectContaining({ kind: "serial-required" })]);
    await expect(reportWork(deps, input({ parts: [{ partId: part.id, quantity: 1, serialOut: "OLD-1", serialIn: "NEW-1" }] }))).resolves.toMatchObject({ status: "RESOLVED" });
  });

  it("R9: only the assignee or the branch's director may report; not before arrival", async () => {
    const { prisma, branch, deps, dispatcher, ticket, input } = await setup();
    await expect(reportWork(deps, input({ actor: dispatcher }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const otherTech = actorFor(await createTechnician(prisma, { branchId: branch.id }));
    await expect(reportWork(deps, input({ actor: otherTech }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const director = actorFor(await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"] }));
    await expect(reportWork(deps, input({ actor: director }))).resolves.toMatchObject({ status: "RESOLVED" });
    const early = await createTicket(prisma, { branchId: branch.id, status: "ASSIGNED", assignedTechnicianId: ticket.assignedTechnicianId });
    await expect(reportWork(deps, input({ ticketId: early.id }))).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("closing a call", () => {
  it("closes a resolved call with its resolution, ends the assignment; a second click says who closed it", async () => {
    const { prisma, deps, ticket, technician, input } = await setup();
    await expect(closeTicket(deps, { actor: technician, ticketId: ticket.id, resolution: "x" })).rejects.toMatchObject({ code: "CONFLICT" });
    await reportWork(deps, input());
    const closed = await closeTicket(deps, { actor: technician, ticketId: ticket.id, resolution: "Replaced the fan capacitor" });
    expect(closed).toMatchObject({ change: "closed", closedAt: NOW });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "CLOSED", closedAt: NOW, resolution: "Replaced the fan capacitor" });
    expect(await prisma.assignment.count({ where: { ticketId: ticket.id, endedAt: null } })).toBe(0);
    const again = await closeTicket(deps, { actor: technician, ticketId: ticket.id, resolution: "again" });
    expect(again).toMatchObject({ change: "already", closedBy: { slackUserId: technician.slackUserId }, resolution: "Replaced the fan capacitor" });
  });

  it("only the assignee or the branch's director may close; a resolution is required", async () => {
    const { deps, ticket, dispatcher, technician, input } = await setup();
    await reportWork(deps, input());
    await expect(closeTicket(deps, { actor: dispatcher, ticketId: ticket.id, resolution: "ok" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(closeTicket(deps, { actor: technician, ticketId: ticket.id, resolution: "  " })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
