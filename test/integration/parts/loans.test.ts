import { fixedClock } from "../../../src/clock";
import { bookPartsUsed } from "../../../src/services/parts/book-parts-used";
import { borrowParts, borrowProblemOf, listParts, returnParts } from "../../../src/services/parts/loans";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranch, createPart, createStaff, createTechnician, createTicket } from "../../support/factories/data";

const db = useTestDatabase();
const AT = "2026-11-23T02:00:00Z";

async function setup(stock: number) {
  const prisma = db.current.prisma;
  const branch = await createBranch(prisma);
  const technician = await createTechnician(prisma, { branchId: branch.id });
  const part = await createPart(prisma, { name: "Compressor relay", stock: [{ branchId: branch.id, quantity: stock }] });
  const deps = { db: prisma, clock: fixedClock(AT) };
  return { prisma, branch, technician, part, deps, actor: actorFor(technician) };
}

async function stockOf(partId: number, branchId: number): Promise<number> {
  return (await db.current.prisma.partStock.findUniqueOrThrow({ where: { partId_branchId: { partId, branchId } } })).quantity;
}

describe("parts on loan (R14)", () => {
  it("R14: borrowing takes the units out of the branch stock and opens a loan, audited", async () => {
    const { prisma, branch, part, deps, actor, technician } = await setup(5);
    const loan = await borrowParts(deps, { actor, partId: part.id, quantity: 2 });
    expect(loan).toMatchObject({ partId: part.id, quantity: 2, left: 2, status: "OUT", borrowedAt: new Date(AT) });
    expect(await stockOf(part.id, branch.id)).toBe(3);
    expect(await prisma.partLoan.findUniqueOrThrow({ where: { id: loan.id } })).toMatchObject({ technicianId: technician.id, branchId: branch.id, status: "OUT" });
    expect(await prisma.auditLog.findMany({ where: { action: "parts.borrow" } })).toEqual([expect.objectContaining({ entity: "PartLoan", entityId: String(loan.id), actorStaffId: technician.id })]);
  });

  it("R14: stock never goes negative — borrowing more than is on the shelf is refused with the quantity available", async () => {
    const { prisma, branch, part, deps, actor } = await setup(1);
    const error = await borrowParts(deps, { actor, partId: part.id, quantity: 3 }).catch((e: unknown) => e);
    expect(borrowProblemOf(error)).toEqual({ field: "quantity", kind: "not-enough-stock", available: 1 });
    expect(await stockOf(part.id, branch.id)).toBe(1);
    expect(await prisma.partLoan.count()).toBe(0);
  });

  it("R14: two technicians racing for the last unit — exactly one wins, the other is told 0 are left", async () => {
    const { prisma, branch, part, deps, actor } = await setup(1);
    const other = actorFor(await createTechnician(prisma, { branchId: branch.id }));
    const results = await Promise.allSettled([borrowParts(deps, { actor, partId: part.id, quantity: 1 }), borrowParts(deps, { actor: other, partId: part.id, quantity: 1 })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(borrowProblemOf(refused?.reason)).toEqual({ field: "quantity", kind: "not-enough-stock", available: 0 });
    expect(await stockOf(part.id, branch.id)).toBe(0);
    expect(await prisma.partLoan.count()).toBe(1);
  });

  it("R14: only technicians borrow", async () => {
    const { prisma, branch, part, deps } = await setup(3);
    const dispatcher = actorFor(await createStaff(prisma, { branchId: branch.id, roles: ["DISPATCHER"] }));
    await expect(borrowParts(deps, { actor: dispatcher, partId: part.id, quantity: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await stockOf(part.id, branch.id)).toBe(3);
  });

  it("R14: unused units come back to the stock; the loan is settled once used + returned = borrowed", async () => {
    const { prisma, branch, part, deps, actor, technician } = await setup(5);
    const loan = await borrowParts(deps, { actor, partId: part.id, quantity: 3 });
    const ticket = await createTicket(prisma, { branchId: branch.id, status: "ON_SITE" });
    await prisma.$transaction((tx) => bookPartsUsed(tx, { branchId: branch.id, technicianId: technician.id, ticketId: ticket.id, lines: [{ partId: part.id, quantity: 1 }], at: new Date(AT) }));
    expect(await stockOf(part.id, branch.id)).toBe(2);

    const [partial] = await returnParts(deps, { actor, lines: [{ loanId: loan.id, quantity: 1 }] });
    expect(partial).toMatchObject({ quantityUsed: 1, quantityReturned: 1, left: 1, status: "OUT", settledAt: null });
    expect(await stockOf(part.id, branch.id)).toBe(3);

    const [settled] = await returnParts(deps, { actor, lines: [{ loanId: loan.id, quantity: 1 }] });
    expect(settled).toMatchObject({ quantityReturned: 2, left: 0, status: "SETTLED", settledAt: new Date(AT) });
    expect(await stockOf(part.id, branch.id)).toBe(4);
    expect(await prisma.auditLog.count({ where: { action: "parts.return" } })).toBe(2);
  });

  it("R14: returning more than is left, or someone else's loan, is refused and changes nothing", async () => {
    const { prisma, branch, part, deps, actor } = await setup(5);
    const loan = await borrowParts(deps, { actor, partId: part.id, quantity: 2 });
    const tooMany = await returnParts(deps, { actor, lines: [{ loanId: loan.id, quantity: 3 }] }).catch((e: unknown) => e);
    expect(tooMany).toMatchObject({ code: "VALIDATION", fieldErrors: { [String(loan.id)]: "too-many" }, details: { problems: [{ loanId: loan.id, kind: "too-many", left: 2 }] } });
    const other = actorFor(await createTechnician(prisma, { branchId: branch.id }));
    await expect(returnParts(deps, { actor: other, lines: [{ loanId: loan.id, quantity: 1 }] })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { [String(loan.id)]: "unknown-loan" } });
    expect(await stockOf(part.id, branch.id)).toBe(3);
    expect(await prisma.partLoan.findUniqueOrThrow({ where: { id: loan.id } })).toMatchObject({ quantityReturned: 0, status: "OUT" });
  });

  it("R14: the parts overview lists my open loans and the branch stock matching a part number or name", async () => {
    const { prisma, branch, part, deps, actor } = await setup(5);
    const other = await createPart(prisma, { name: "Fan motor", stock: [{ branchId: branch.id, quantity: 7 }] });
    await borrowParts(deps, { actor, partId: part.id, quantity: 2 });
    const byName = await listParts(deps, { actor, query: "fan" });
    expect(byName.loans).toEqual([expect.objectContaining({ partNo: part.partNo, left: 2 })]);
    expect(byName.stock).toEqual([{ partId: other.id, partNo: other.partNo, name: "Fan motor", quantity: 7 }]);
    const byNumber = await listParts(deps, { actor, query: part.partNo.toLowerCase() });
    expect(byNumber.stock).toEqual([expect.objectContaining({ partId: part.id, quantity: 3 })]);
    expect(byNumber.canBorrow).toBe(true);
    // A parts clerk of the branch looks at the stock; no loans, no borrowing.
    const clerk = actorFor(await createStaff(prisma, { branchId: branch.id, roles: ["PARTS_CLERK"] }));
    expect(await listParts(deps, { actor: clerk, query: "fan" })).toMatchObject({ loans: [], canBorrow: false, stock: [expect.objectContaining({ partId: other.id })] });
  });
});
