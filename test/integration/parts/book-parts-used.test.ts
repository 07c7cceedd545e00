import { bookPartsUsed, partProblemsOf } from "../../../src/services/parts/book-parts-used";
import type { Tx } from "../../../src/db";

/** Books and takes from the stock at once, as a transaction with nothing else to write does. */
async function bookNow(tx: Tx, options: Parameters<typeof bookPartsUsed>[1]) {
  const { booked, takeStock } = await bookPartsUsed(tx, options);
  await takeStock();
  return booked;
}
import { issueCustodyReceipt } from "../../../src/services/workshop/issue-custody-receipt";
import { useTestDatabase } from "../../support/db";
import { createBranch, createPart, createTechnician, createTicket } from "../../support/factories/data";

const db = useTestDatabase();
const AT = new Date("2026-11-23T02:00:00Z");

async function setup(stock: number, serialised = false) {
  const prisma = db.current.prisma;
  const branch = await createBranch(prisma);
  const technician = await createTechnician(prisma, { branchId: branch.id });
  const ticket = await createTicket(prisma, { branchId: branch.id, status: "ON_SITE" });
  const part = await createPart(prisma, { unitPrice: 12500, serialised, stock: [{ branchId: branch.id, quantity: stock }] });
  return { prisma, branch, technician, ticket, part };
}

async function stockOf(partId: number, branchId: number): Promise<number> {
  const row = await db.current.prisma.partStock.findUniqueOrThrow({ where: { partId_branchId: { partId, branchId } } });
  return row.quantity;
}

describe("booking used parts (R14)", () => {
  it("R14: parts come out of the branch's stock at catalogue price, booked to the call", async () => {
    const { prisma, branch, technician, ticket, part } = await setup(5);
    const booked = await prisma.$transaction((tx) =>
      bookNow(tx, { branchId: branch.id, technicianId: technician.id, ticketId: ticket.id, lines: [{ partId: part.id, quantity: 2 }], at: AT }),
    );
    expect(booked).toEqual([expect.objectContaining({ partId: part.id, quantity: 2, fromLoans: 0 })]);
    expect(Number(booked[0].unitPrice)).toBe(12500);
    expect(await stockOf(part.id, branch.id)).toBe(3);
    const usage = await prisma.partUsage.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(usage).toMatchObject({ quantity: 2, technicianId: technician.id, loanId: null });
  });

  it("R14: the stock is taken when the caller asks, last in its transaction, and a shortage refuses it then", async () => {
    const { prisma, branch, technician, ticket, part } = await setup(1);
    const error = await prisma
      .$transaction(async (tx) => {
        const { booked, takeStock } = await bookPartsUsed(tx, { branchId: branch.id, technicianId: technician.id, ticketId: ticket.id, lines: [{ partId: part.id, quantity: 2 }], at: AT });
        expect(booked).toHaveLength(1);
        // Booked, but the stock row is not touched (nor locked) yet.
        expect((await tx.partStock.findFirstOrThrow({ where: { partId: part.id, branchId: branch.id } })).quantity).toBe(1);
        await takeStock();
      })
      .catch((caught: unknown) => caught);
    expect(partProblemsOf(error)).toEqual([expect.objectContaining({ kind: "not-enough-stock", requested: 2, available: 1 })]);
    expect(await stockOf(part.id, branch.id)).toBe(1);
    expect(await prisma.partUsage.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("R14: a part the technician has on loan is used from the loan before the stock", async () => {
    const { prisma, branch, technician, ticket, part } = await setup(4);
    // Borrowing already took 2 out of the stock (4 on the shelf now).
    const loan = await prisma.partLoan.create({ data: { partId: part.id, branchId: branch.id, technicianId: technician.id, quantity: 2, borrowedAt: AT } });
    await prisma.$transaction((tx) =>
      bookNow(tx, { branchId: branch.id, technicianId: technician.id, ticketId: ticket.id, lines: [{ partId: part.id, quantity: 3 }], at: AT }),
    );
    expect(await prisma.partLoan.findUniqueOrThrow({ where: { id: loan.id } })).toMatchObject({ quantityUsed: 2, status: "OUT" });
    expect(await stockOf(part.id, branch.id)).toBe(3);
    expect(await prisma.partUsage.findFirstOrThrow({ where: { ticketId: ticket.id } })).toMatchObject({ quantity: 3, loanId: loan.id });
  });

  it("R14: stock never goes negative — a line asking for more is refused with what is available, and nothing is booked", async () => {
    const { prisma, branch, technician, ticket, part } = await setup(1);
    const other = await createPart(prisma, { stock: [{ branchId: branch.id, quantity: 9 }] });
    const error = await prisma
      .$transaction((tx) =>
        bookNow(tx, {
          branchId: branch.id,
          technicianId: technician.id,
          ticketId: ticket.id,
          lines: [
            { partId: other.id, quantity: 1 },
            { partId: part.id, quantity: 2 },
          ],
          at: AT,
        }),
      )
      .catch((e: unknown) => e);
    expect(partProblemsOf(error)).toEqual([{ kind: "not-enough-stock", partId: part.id, partNo: part.partNo, requested: 2, available: 1 }]);
    expect(await stockOf(part.id, branch.id)).toBe(1);
    expect(await stockOf(other.id, branch.id)).toBe(9);
    expect(await prisma.partUsage.count()).toBe(0);
  });

  it("R14: two reports racing for the last unit — exactly one gets it", async () => {
    const { prisma, branch, technician, ticket, part } = await setup(1);
    const second = await createTicket(prisma, { branchId: branch.id, status: "ON_SITE" });
    const book = (ticketId: number) =>
      prisma.$transaction((tx) => bookNow(tx, { branchId: branch.id, technicianId: technician.id, ticketId, lines: [{ partId: part.id, quantity: 1 }], at: AT }));
    const results = await Promise.allSettled([book(ticket.id), book(second.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(partProblemsOf(refused?.reason)).toEqual([expect.objectContaining({ kind: "not-enough-stock", available: 0 })]);
    expect(await stockOf(part.id, branch.id)).toBe(0);
    expect(await prisma.partUsage.count()).toBe(1);
  });

  it("R14: a serialised part needs the serials taken out and put in", async () => {
    const { prisma, branch, technician, ticket, part } = await setup(3, true);
    const book = (serialOut?: string, serialIn?: string) =>
      prisma.$transaction((tx) =>
        bookNow(tx, { branchId: branch.id, technicianId: technician.id, ticketId: ticket.id, lines: [{ partId: part.id, quantity: 1, serialOut, serialIn }], at: AT }),
      );
    expect(partProblemsOf(await book("OLD-1").catch((e: unknown) => e))).toEqual([{ kind: "serial-required", partId: part.id, partNo: part.partNo }]);
    await book("OLD-1", "NEW-7");
    expect(await prisma.partUsage.findFirstOrThrow({ where: { ticketId: ticket.id } })).toMatchObject({ serialOut: "OLD-1", serialIn: "NEW-7" });
  });
});

describe("custody receipts (R11)", () => {
  it("R11: a receipt is numbered after the voucher, logged as goods in, and audited", async () => {
    const { prisma, technician, ticket } = await setup(0);
    const issue = () =>
      prisma.$transaction((tx) =>
        issueCustodyReceipt(tx, {
          ticketId: ticket.id,
          voucherNo: ticket.voucherNo,
          receivedById: technician.id,
          actorSlackUserId: technician.slackUserId,
          receipt: { items: "Compressor unit", condition: "Scratched lid", accessories: " " },
          at: AT,
        }),
      );
    const first = await issue();
    const second = await issue();
    expect(first).toMatchObject({ number: `${ticket.voucherNo}-C1`, accessories: null });
    expect(second.number).toBe(`${ticket.voucherNo}-C2`);
    expect(await prisma.goodsMovement.findMany({ where: { receiptId: first.id } })).toEqual([expect.objectContaining({ direction: "IN" })]);
    expect(await prisma.auditLog.count({ where: { action: "custody.receive", ticketId: ticket.id } })).toBe(2);
  });
});
