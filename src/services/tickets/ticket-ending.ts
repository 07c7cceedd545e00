// How a final (closed or cancelled) call ended: who and when, for the private answer to a button
// pressed on it, given before any modal opens.
import type { TicketDeps } from "./deps";

export interface TicketEnding {
  ticketId: number;
  voucherNo: string;
  status: "CLOSED" | "CANCELLED";
  at: Date | null;
  /** The audit row's actor: a Slack user id, or `system:<job>`; null without one. */
  by: string | null;
}

/** Null while the call is still open. */
export async function getTicketEnding(deps: Pick<TicketDeps, "db">, options: { ticketId: number }): Promise<TicketEnding | null> {
  const ticket = await deps.db.ticket.findUnique({ where: { id: options.ticketId }, select: { id: true, voucherNo: true, status: true, closedAt: true, cancelledAt: true } });
  if (!ticket || (ticket.status !== "CLOSED" && ticket.status !== "CANCELLED")) return null;
  const closed = ticket.status === "CLOSED";
  const audit = await deps.db.auditLog.findFirst({ where: { ticketId: ticket.id, action: closed ? "ticket.close" : "ticket.cancel" }, orderBy: { at: "desc" }, select: { actor: true } });
  return { ticketId: ticket.id, voucherNo: ticket.voucherNo, status: ticket.status, at: closed ? ticket.closedAt : ticket.cancelledAt, by: audit?.actor ?? null };
}
