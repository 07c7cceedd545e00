// R11: equipment taken back to the workshop gets a custody receipt for the customer (items and
// their condition) and a goods-in line in the register, in the transaction that records the visit.
import type { Tx } from "../../db";
import { recordAudit } from "../audit";

export interface CustodyReceiptInput {
  items: string;
  condition: string;
  accessories?: string | null;
}

export interface IssuedCustodyReceipt {
  id: number;
  number: string;
  items: string;
  condition: string;
  accessories: string | null;
  receivedAt: Date;
}

/**
 * The receipt number is the voucher number and the receipt's place on the ticket
 * (SV-2026-000123-C1, -C2 …), so it needs no counter of its own and is quoted with the call.
 * The caller holds the ticket's row lock, which keeps the place unique.
 */
export async function issueCustodyReceipt(
  tx: Tx,
  options: { ticketId: number; voucherNo: string; receivedById: number; actorSlackUserId: string; receipt: CustodyReceiptInput; at: Date },
): Promise<IssuedCustodyReceipt> {
  const { ticketId, at } = options;
  const place = (await tx.custodyReceipt.count({ where: { ticketId } })) + 1;
  const receipt = await tx.custodyReceipt.create({
    data: {
      number: `${options.voucherNo}-C${place}`,
      ticketId,
      items: options.receipt.items.trim(),
      condition: options.receipt.condition.trim(),
      accessories: options.receipt.accessories?.trim() || null,
      state: "WAITING_REPAIR",
      receivedById: options.receivedById,
      receivedAt: at,
      movements: { create: { direction: "IN", at } },
    },
  });
  await recordAudit(tx, {
    actor: options.actorSlackUserId,
    actorStaffId: options.receivedById,
    action: "custody.receive",
    entity: "CustodyReceipt",
    entityId: receipt.id,
    ticketId,
    at,
    data: { number: receipt.number, items: receipt.items, condition: receipt.condition, accessories: receipt.accessories },
  });
  return { id: receipt.id, number: receipt.number, items: receipt.items, condition: receipt.condition, accessories: receipt.accessories, receivedAt: at };
}
