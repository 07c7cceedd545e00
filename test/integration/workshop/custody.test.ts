import { fixedClock } from "../../../src/clock";
import { bookPartsUsed } from "../../../src/services/parts/book-parts-used";
import { issueCustodyReceipt } from "../../../src/services/workshop/issue-custody-receipt";
import { listGoodsRegister, returnCustodyItem, setCustodyState } from "../../../src/services/workshop/custody";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranch, createDispatcher, createPart, createStaff, createTechnician, createTicket } from "../../support/factories/data";

const db = useTestDatabase();
const RECEIVED = "2026-11-20T02:00:00Z";
const NOW = "2026-11-23T05:00:00Z";

async function inWorkshop() {
  const prisma = db.current.prisma;
  const branch = await createBranch(prisma);
  const tech = await createTechnician(prisma, { branchId: branch.id });
  const ticket = await createTicket(prisma, { branchId: branch.id, status: "IN_WORKSHOP", assignedTechnicianId: tech.id });
  const receipt = await prisma.$transaction((tx) =>
    issueCustodyReceipt(tx, { ticketId: ticket.id, voucherNo: ticket.voucherNo, receivedById: tech.id, actorSlackUserId: tech.slackUserId, receipt: { items: "Compressor unit", condition: "Scratched" }, at: new Date(RECEIVED) }),
  );
  const deps = { db: prisma, clock: fixedClock(NOW) };
  return { prisma, branch, tech, ticket, receipt, deps };
}

describe("the workshop register (R11)", () => {
  it("R11: the register lists items in the workshop with their repair card (hours and parts since received)", async () => {
    const { prisma, branch, tech, ticket, receipt, deps } = await inWorkshop();
    const part = await createPart(prisma, { partNo: "P-2001", stock: [{ branchId: branch.id, quantity: 5 }] });
    await prisma.$transaction((tx) => bookPartsUsed(tx, { branchId: branch.id, technicianId: tech.id, ticketId: ticket.id, lines: [{ partId: part.id, quantity: 2 }], at: new Date("2026-11-21T02:00:00Z") }));
    // Before the receipt: not on the card.
    await prisma.$transaction((tx) => bookPartsUsed(tx, { branchId: branch.id, technicianId: tech.id, ticketId: ticket.id, lines: [{ partId: part.id, quantity: 1 }], at: new Date("2026-11-19T02:00:00Z") }));
    await prisma.workLog.create({ data: { technicianId: tech.id, ticketId: ticket.id, workDate: new Date("2026-11-21"), category: "A_PAID", hours: 1.5, createdAt: new Date("2026-11-21T03:00:00Z") } });
    await prisma.workLog.create({ data: { technicianId: tech.id, ticketId: ticket.id, workDate: new Date("2026-11-19"), category: "A_PAID", hours: 4, createdAt: new Date("2026-11-19T03:00:00Z") } });

    const register = await listGoodsRegister(deps, { actor: actorFor(tech) });
    expect(register.inWorkshop).toEqual([
      expect.objectContaining({ receiptId: receipt.id, number: `${ticket.voucherNo}-C1`, voucherNo: ticket.voucherNo, items: "Compressor unit", state: "WAITING_REPAIR", card: { hours: 1.5, parts: [{ partNo: "P-2001", name: part.name, quantity: 2 }] } }),
    ]);
    expect(register.returned).toEqual([]);
  });

  it("R11/R12: each item is due out by the turnaround target (1 working day, configurable) and marked when past it, or past the special limit", async () => {
    const { prisma, branch, tech, receipt } = await inWorkshop();
    // Friday 11:00 in Seoul, open Monday to Friday 09:00–18:00: due Monday 11:00; special items (3 days) Wednesday 11:00.
    await prisma.workingHours.createMany({ data: [1, 2, 3, 4, 5].map((weekday) => ({ branchId: branch.id, weekday, opensAt: 540, closesAt: 1080 })) });
    const monday = await listGoodsRegister({ db: prisma, clock: fixedClock("2026-11-23T01:59:00Z") }, { actor: actorFor(tech) });
    expect(monday.turnaround).toEqual({ days: 1, specialDays: 3 });
    expect(monday.inWorkshop).toEqual([expect.objectContaining({ receiptId: receipt.id, dueAt: new Date("2026-11-23T02:00:00Z"), specialDueAt: new Date("2026-11-25T02:00:00Z"), pastDue: false, pastSpecialLimit: false })]);
    const later = await listGoodsRegister({ db: prisma, clock: fixedClock(NOW) }, { actor: actorFor(tech) });
    expect(later.inWorkshop).toEqual([expect.objectContaining({ pastDue: true, pastSpecialLimit: false })]);
    const configured = await listGoodsRegister({ db: prisma, clock: fixedClock(NOW), workshopTurnaround: { days: 2, specialDays: 5 } }, { actor: actorFor(tech) });
    expect(configured.inWorkshop).toEqual([expect.objectContaining({ dueAt: new Date("2026-11-24T02:00:00Z"), pastDue: false })]);
  });

  it("R11: an item's state moves between waiting for parts, waiting for repair and repaired, audited", async () => {
    const { prisma, tech, receipt, deps } = await inWorkshop();
    const change = await setCustodyState(deps, { actor: actorFor(tech), receiptId: receipt.id, state: "WAITING_PARTS" });
    expect(change).toMatchObject({ change: "changed", from: "WAITING_REPAIR", to: "WAITING_PARTS" });
    expect(await setCustodyState(deps, { actor: actorFor(tech), receiptId: receipt.id, state: "WAITING_PARTS" })).toMatchObject({ change: "already" });
    await setCustodyState(deps, { actor: actorFor(tech), receiptId: receipt.id, state: "REPAIRED" });
    expect(await prisma.custodyReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).toMatchObject({ state: "REPAIRED" });
    expect(await prisma.auditLog.count({ where: { action: "custody.state" } })).toBe(2);
    const clerk = actorFor(await createStaff(prisma, { roles: ["PARTS_CLERK"] }));
    await expect(setCustodyState(deps, { actor: clerk, receiptId: receipt.id, state: "WAITING_REPAIR" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("R11: returning the item logs the date and signature, writes goods-out, voids the receipt and resolves the call", async () => {
    const { prisma, branch, tech, ticket, receipt, deps } = await inWorkshop();
    await setCustodyState(deps, { actor: actorFor(tech), receiptId: receipt.id, state: "REPAIRED" });
    const returnedAt = new Date("2026-11-23T04:30:00Z");
    const result = await returnCustodyItem(deps, { actor: actorFor(tech), ticketId: ticket.id, returnedAt, signedBy: "Mina Lee", note: "Works again" });
    expect(result).toMatchObject({ unrepaired: false, resolved: true, receipts: [{ id: receipt.id, stateBefore: "REPAIRED" }] });
    expect(await prisma.custodyReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).toMatchObject({ state: "RETURNED", returnedAt, returnSignedBy: "Mina Lee", voidedAt: new Date(NOW) });
    expect(await prisma.goodsMovement.findMany({ where: { receiptId: receipt.id }, orderBy: { id: "asc" } })).toEqual([
      expect.objectContaining({ direction: "IN" }),
      expect.objectContaining({ direction: "OUT", at: returnedAt, note: "Works again" }),
    ]);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "RESOLVED", resolvedAt: new Date(NOW) });
    expect(await prisma.auditLog.count({ where: { action: "custody.return" } })).toBe(1);

    const register = await listGoodsRegister(deps, { actor: actorFor(await createDispatcher(prisma, { branchId: branch.id })) });
    expect(register.inWorkshop).toEqual([]);
    expect(register.returned).toEqual([expect.objectContaining({ receiptId: receipt.id, returnSignedBy: "Mina Lee" })]);

    await expect(returnCustodyItem(deps, { actor: actorFor(tech), ticketId: ticket.id, signedBy: "Mina Lee" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("R11: an unrepaired item may go back (said so); a signature is required; another technician may not return it", async () => {
    const { prisma, branch, tech, ticket, deps } = await inWorkshop();
    await expect(returnCustodyItem(deps, { actor: actorFor(tech), ticketId: ticket.id, signedBy: "  " })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { signedBy: "required" } });
    const other = actorFor(await createTechnician(prisma, { branchId: branch.id }));
    await expect(returnCustodyItem(deps, { actor: other, ticketId: ticket.id, signedBy: "Mina Lee" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const dispatcher = actorFor(await createDispatcher(prisma, { branchId: branch.id }));
    const result = await returnCustodyItem(deps, { actor: dispatcher, ticketId: ticket.id, signedBy: "Mina Lee" });
    expect(result).toMatchObject({ unrepaired: true, returnedAt: new Date(NOW) });
  });
});
