import type { Clock } from "../../clock";
import type { Db } from "../../db";
import { recordAudit } from "../audit";
import { queueHistory } from "./history";
import { enqueueSlackEffect } from "../outbox/enqueue";

export interface CarriedTicket {
  id: number;
  voucherNo: string;
  customerName: string;
  receivedAt: Date;
}

/**
 * R8: calls registered before `before` (the start of the branch's local day) that still have no
 * technician are carried over: marked priority, so they are dispatched first. One statement marks
 * them (`carriedOverAt IS NULL` keeps a call from being carried twice, even by two runs at once),
 * and one audit row per call is written in the same transaction.
 */
export async function carryOverTickets(
  deps: { db: Db; clock: Clock },
  options: { branchId: number; before: Date; actor: string },
): Promise<CarriedTicket[]> {
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    const marked = await tx.$queryRaw<Array<{ id: number }>>`
      UPDATE "Ticket" SET "priority" = true, "carriedOverAt" = ${now}, "updatedAt" = ${now}
      WHERE "branchId" = ${options.branchId} AND "status" = 'REGISTERED' AND "carriedOverAt" IS NULL AND "receivedAt" < ${options.before}
      RETURNING "id"`;
    if (marked.length === 0) return [];
    const tickets = await tx.ticket.findMany({
      where: { id: { in: marked.map((row) => row.id) } },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      select: { id: true, voucherNo: true, receivedAt: true, customer: { select: { name: true } } },
    });
    for (const ticket of tickets) {
      await recordAudit(tx, {
        at: now,
        actor: options.actor,
        action: "ticket.carry-over",
        entity: "Ticket",
        entityId: ticket.id,
        ticketId: ticket.id,
        data: { before: options.before.toISOString() },
      });
      await queueHistory(tx, { ticketId: ticket.id, at: now, actor: { system: options.actor.replace(/^system:/, "") }, event: { kind: "carried-over" } });
    }
    const carried = tickets.map((ticket) => ({ id: ticket.id, voucherNo: ticket.voucherNo, customerName: ticket.customer.name, receivedAt: ticket.receivedAt }));
    // The morning's list for the dispatch channel, queued with the carry-over it lists.
    await enqueueSlackEffect(tx, { kind: "carry-over-list", branchId: options.branchId, items: carried.map(({ id: _id, ...item }) => item) });
    return carried;
  });
}
