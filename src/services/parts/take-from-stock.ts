// R14: stock never goes negative. The decrement is one conditional UPDATE, so of two transactions
// racing for the last unit exactly one gets it; the other learns how many are left.
import type { Tx } from "../../db";

/** Takes `quantity` from the branch's stock; null when taken, else the quantity available. */
export async function takeFromStock(tx: Tx, options: { partId: number; branchId: number; quantity: number }): Promise<{ available: number } | null> {
  const { partId, branchId, quantity } = options;
  const taken = await tx.$executeRaw`
    UPDATE "PartStock" SET quantity = quantity - ${quantity}
    WHERE "partId" = ${partId} AND "branchId" = ${branchId} AND quantity >= ${quantity}`;
  if (taken === 1) return null;
  const stock = await tx.partStock.findUnique({ where: { partId_branchId: { partId, branchId } } });
  return { available: stock?.quantity ?? 0 };
}
