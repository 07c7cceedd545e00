import { allocateVoucherNumber } from "../../../src/services/tickets/allocate-voucher-number";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

async function branchAndCustomer() {
  const prisma = db.current.prisma;
  const branch = await prisma.branch.create({ data: { code: "SEL", name: "Seoul", timeZone: "Asia/Seoul" } });
  const customer = await prisma.customer.create({
    data: { code: "C-1", name: "Hanbit Foods", address: "1 Sejong-daero", phone: "02-123-4567", area: "URBAN", branchId: branch.id },
  });
  return { branch, customer };
}

describe("voucher numbers", () => {
  it("R4: 200 tickets created in parallel get 200 distinct, consecutive voucher numbers", async () => {
    const { branch, customer } = await branchAndCustomer();
    const prisma = db.current.prisma;
    const receivedAt = new Date("2026-11-23T01:00:00Z");
    await Promise.all(
      Array.from({ length: 200 }, () =>
        prisma.$transaction(
          async (tx) => {
            const voucherNo = await allocateVoucherNumber(tx, 2026);
            await tx.ticket.create({
              data: { voucherNo, branchId: branch.id, customerId: customer.id, status: "REGISTERED", category: "A_PAID", suggestedCategory: "A_PAID", area: "URBAN", receivedAt, calledAt: receivedAt },
            });
          },
          // 200 transactions queue on the pool's 20 connections, all waiting for one counter row: on
          // a busy CI machine that takes longer than Prisma's default 2 s wait, which is not what is tested.
          { maxWait: 60_000, timeout: 60_000 },
        ),
      ),
    );
    const numbers = (await prisma.ticket.findMany({ select: { voucherNo: true } })).map((t) => t.voucherNo).sort();
    expect(new Set(numbers).size).toBe(200);
    expect(numbers[0]).toBe("SV-2026-000001");
    expect(numbers[199]).toBe("SV-2026-000200");
  });

  it("R4: each year starts its own sequence", async () => {
    const prisma = db.current.prisma;
    expect(await allocateVoucherNumber(prisma, 2026)).toBe("SV-2026-000001");
    expect(await allocateVoucherNumber(prisma, 2026)).toBe("SV-2026-000002");
    expect(await allocateVoucherNumber(prisma, 2027)).toBe("SV-2027-000001");
  });

  it("R4: inside a transaction that rolls back, the counter is rolled back too", async () => {
    const prisma = db.current.prisma;
    await expect(
      prisma.$transaction(async (tx) => {
        await allocateVoucherNumber(tx, 2026);
        throw new Error("the ticket could not be saved");
      }),
    ).rejects.toThrow("the ticket could not be saved");
    expect(await allocateVoucherNumber(prisma, 2026)).toBe("SV-2026-000001");
  });
});
