// R10: what a call may charge, read with the contract it was registered under (B calls only).
import type { DbOrTx } from "../../db";
import type { ServiceCategory } from "../../domain/category";
import { feePolicy, type FeePolicy } from "../../domain/fees";

export async function loadFeePolicy(db: DbOrTx, ticket: { category: ServiceCategory; contractId: number | null }): Promise<FeePolicy> {
  const contract = ticket.category === "B_CONTRACT" && ticket.contractId ? await db.contract.findUnique({ where: { id: ticket.contractId } }) : null;
  return feePolicy(ticket.category, contract);
}
