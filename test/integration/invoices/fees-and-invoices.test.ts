// R10: what each category charges and why, the on-site limit, the accountants' invoice requests,
// and a workshop job invoiced on the day the item goes back (seed 000 §13).
import { fixedClock } from "../../../src/clock";
import { listInvoiceRequests } from "../../../src/services/invoices/list-invoice-requests";
import { invoiceRecipients, markInvoiced } from "../../../src/services/invoices/mark-invoiced";
import { reportWork, type ReportWorkInput } from "../../../src/services/tickets/report-work";
import { returnCustodyItem } from "../../../src/services/workshop/custody";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranch, createContract, createPart, createStaff, createTechnician, createTicket } from "../../support/factories/data";

const db = useTestDatabase();
const NOW = new Date("2026-11-23T05:00:00Z");
let keys = 0;

async function setup(options: { category: "A_PAID" | "B_CONTRACT" | "C_WARRANTY"; notCovered?: ("labour" | "parts" | "travel")[] }) {
  const prisma = db.current.prisma;
  const branch = await createBranch(prisma, { labourRate: 100, onSiteCollectionLimit: 500, currency: "CNY" });
  const technicianRow = await createTechnician(prisma, { branchId: branch.id });
  const dispatcher = await createStaff(prisma, { branchId: branch.id, roles: ["DISPATCHER"] });
  const contract =
    options.category === "B_CONTRACT"
      ? await createContract(prisma, {
          branchId: branch.id,
          coversLabour: !options.notCovered?.includes("labour"),
          coversParts: !options.notCovered?.includes("parts"),
          coversTravel: !options.notCovered?.includes("travel"),
        })
      : null;
  const ticket = await createTicket(prisma, {
    branchId: branch.id,
    ...(contract ? { customerId: contract.customerId, contractId: contract.id } : {}),
    status: "ON_SITE",
    category: options.category,
    suggestedCategory: options.category,
    assignedTechnicianId: technicianRow.id,
    arrivedAt: NOW,
  });
  await prisma.assignment.create({ data: { ticketId: ticket.id, technicianId: technicianRow.id, assignedById: dispatcher.id, assignedAt: NOW } });
  const wearing = await createPart(prisma, { unitPrice: 20, wearing: true, stock: [{ branchId: branch.id, quantity: 5 }] });
  const board = await createPart(prisma, { unitPrice: 300, stock: [{ branchId: branch.id, quantity: 5 }] });
  const deps = { db: prisma, clock: fixedClock(NOW) };
  const technician = actorFor(technicianRow);
  const input = (overrides: Partial<ReportWorkInput> = {}): ReportWorkInput => ({
    actor: technician,
    ticketId: ticket.id,
    submissionKey: `fees-${process.pid}-${++keys}`,
    hours: [{ category: options.category, hours: 1 }],
    parts: [
      { partId: wearing.id, quantity: 1 },
      { partId: board.id, quantity: 1 },
    ],
    outcome: "FIXED_ON_SITE",
    fee: { travel: 30, meals: 10, lodging: 0 },
    settlement: "INVOICE_REQUESTED",
    feeAgreed: true,
    signedByName: "Wang Fang",
    ...overrides,
  });
  return { prisma, branch, ticket, deps, technician, dispatcher: actorFor(dispatcher), input };
}

describe("fees beyond paid work, and invoice requests (R10)", () => {
  it("R10: a warranty call charges the wearing part only, and says why", async () => {
    const { deps, input } = await setup({ category: "C_WARRANTY" });
    const result = await reportWork(deps, input({ settlement: "COLLECTED_ON_SITE" }));
    expect(result.charges).toEqual([{ kind: "PARTS", reason: "WEARING_PART", amount: "20.00" }]);
    expect(result).toMatchObject({ feeTotal: "20.00", settlement: "COLLECTED_ON_SITE", invoiceRequest: null });
  });

  it("R10: a warranty call with no wearing part charges nothing and asks no settlement", async () => {
    const { prisma, deps, input } = await setup({ category: "C_WARRANTY" });
    const board = await prisma.part.findFirstOrThrow({ where: { wearing: false }, orderBy: { id: "desc" } });
    const result = await reportWork(deps, input({ parts: [{ partId: board.id, quantity: 1 }], settlement: "NONE", feeAgreed: false }));
    expect(result).toMatchObject({ charges: [], feeTotal: "0.00", settlement: "NONE" });
  });

  it("R10: a contract call charges what the contract does not cover (labour and travel with meals here)", async () => {
    const { deps, input } = await setup({ category: "B_CONTRACT", notCovered: ["labour", "travel"] });
    const result = await reportWork(deps, input({ settlement: "COLLECTED_ON_SITE" }));
    expect(result.charges).toEqual([
      { kind: "LABOUR", reason: "NOT_COVERED_BY_CONTRACT", amount: "100.00" },
      { kind: "TRAVEL", reason: "NOT_COVERED_BY_CONTRACT", amount: "30.00" },
      { kind: "MEALS", reason: "NOT_COVERED_BY_CONTRACT", amount: "10.00" },
    ]);
    const covered = await setup({ category: "B_CONTRACT" });
    expect(await reportWork(covered.deps, covered.input({ settlement: "NONE", feeAgreed: false }))).toMatchObject({ charges: [], feeTotal: "0.00" });
  });

  it("R10: above the branch's on-site limit the fee cannot be collected on site: an invoice is requested from the accountants", async () => {
    const { prisma, deps, input, branch } = await setup({ category: "A_PAID" });
    // 100 labour + 320 parts + 30 travel + 10 meals = 460 ≤ 500; a second board makes it 760.
    const board = await prisma.part.findFirstOrThrow({ where: { wearing: false }, orderBy: { id: "desc" } });
    const bigger = input({ parts: [{ partId: board.id, quantity: 2 }, { partId: (await prisma.part.findFirstOrThrow({ where: { wearing: true }, orderBy: { id: "desc" } })).id, quantity: 1 }], settlement: "COLLECTED_ON_SITE" });
    await expect(reportWork(deps, bigger)).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { settlement: "above-collection-limit" } });
    expect(await prisma.visitReport.count({ where: { ticketId: bigger.ticketId } })).toBe(0);

    const accountant = actorFor(await createStaff(prisma, { branchId: branch.id, roles: ["ACCOUNTANT"] }));
    const result = await reportWork(deps, { ...bigger, settlement: "INVOICE_REQUESTED" });
    expect(result.invoiceRequest).toMatchObject({ amount: "760.00", currency: "CNY", source: "report" });
    expect(await invoiceRecipients(deps)).toEqual({ slackUserIds: [accountant.slackUserId], fallback: false });
    const list = await listInvoiceRequests(deps, { actor: accountant });
    expect(list.open).toEqual([
      expect.objectContaining({ voucherNo: result.voucherNo, amount: "760.00", lines: expect.arrayContaining([{ kind: "LABOUR", reason: "PAID_SERVICE", amount: "100.00" }]) }),
    ]);
    expect(await prisma.charge.count({ where: { invoiceRequestId: result.invoiceRequest!.id, settlement: "INVOICE_REQUESTED" } })).toBe(4);
  });

  it("R10: two accountants marking the same request: one wins, the other is told; technicians may not mark", async () => {
    const { prisma, deps, input, branch, technician } = await setup({ category: "A_PAID" });
    const result = await reportWork(deps, input());
    const first = actorFor(await createStaff(prisma, { branchId: branch.id, roles: ["ACCOUNTANT"] }));
    const second = actorFor(await createStaff(prisma, { roles: ["ACCOUNTANT"] }));
    const id = result.invoiceRequest!.id;
    await expect(markInvoiced(deps, { actor: technician, invoiceRequestId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const outcomes = await Promise.all([markInvoiced(deps, { actor: first, invoiceRequestId: id }), markInvoiced(deps, { actor: second, invoiceRequestId: id })]);
    expect(outcomes.map((o) => o.change).sort()).toEqual(["already", "invoiced"]);
    expect(await prisma.auditLog.count({ where: { action: "invoice.mark", entityId: String(id) } })).toBe(1);
    expect((await listInvoiceRequests(deps, { actor: first })).open).toEqual([]);
  });

  it("R10: with no active accountant, invoice requests go to the admins and say so", async () => {
    const { prisma, deps } = await setup({ category: "A_PAID" });
    await prisma.staff.updateMany({ where: { roles: { has: "ACCOUNTANT" } }, data: { active: false } });
    const admin = await createStaff(prisma, { roles: ["ADMIN"] });
    const recipients = await invoiceRecipients(deps);
    expect(recipients.fallback).toBe(true);
    expect(recipients.slackUserIds).toContain(admin.slackUserId);
  });

  it("R10: a workshop job's charges wait, and its invoice is requested on the day the item goes back", async () => {
    const { prisma, deps, input, ticket, dispatcher } = await setup({ category: "A_PAID" });
    const taken = await reportWork(deps, input({ outcome: "TAKEN_TO_WORKSHOP", settlement: "NONE", feeAgreed: false, parts: [], custody: { items: "Controller", condition: "Dented" } }));
    expect(taken).toMatchObject({ settlement: "NONE", invoiceRequest: null, feeTotal: "140.00" });
    const repaired = await reportWork(deps, input({ settlement: "NONE", feeAgreed: false, fee: null }));
    expect(repaired.invoiceRequest).toBeNull();
    expect(await prisma.invoiceRequest.count({ where: { ticketId: ticket.id } })).toBe(0);

    const back = await returnCustodyItem(deps, { actor: dispatcher, ticketId: ticket.id, signedBy: "Wang Fang" });
    // 140 from the first visit, 100 labour + 320 parts from the workshop repair.
    expect(back.invoiceRequest).toMatchObject({ amount: "560.00", source: "workshop-return", requestedAt: NOW });
    expect(await prisma.charge.count({ where: { ticketId: ticket.id, invoiceRequestId: null } })).toBe(0);
  });
});
