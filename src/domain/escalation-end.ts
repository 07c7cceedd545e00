// R7/R12: an escalation exists because of a cause (no arrival by the deadline; not finished on
// schedule). Once the call moves past that cause, the escalation has nothing left to climb for.
import type { TicketStatus } from "./ticket-status";

export const ESCALATION_ENDS = ["ARRIVED", "CANCELLED", "CLOSED", "RESOLVED"] as const;
export type EscalationEnd = (typeof ESCALATION_ENDS)[number];

/** The escalations about a ticket: R7 overdue, R12 cannot finish, R12 past the expected completion. */
export type TicketEscalationKind = "OVERDUE" | "CANNOT_FINISH" | "COMPLETION_OVERDUE";

export interface TicketProgress {
  status: TicketStatus;
  arrivedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  cancelledAt: Date | null;
}

/**
 * Why (and when) an escalation's cause ended, or null while it still stands. R7: an overdue call
 * ends with the technician's arrival (or the call's cancellation or end); R12: a call that cannot
 * be finished on schedule ends when it is resolved, closed or cancelled.
 */
export function escalationEnd(kind: TicketEscalationKind, ticket: TicketProgress): { because: EscalationEnd; at: Date | null } | null {
  if (kind === "OVERDUE" && ticket.arrivedAt) return { because: "ARRIVED", at: ticket.arrivedAt };
  if (ticket.status === "CANCELLED") return { because: "CANCELLED", at: ticket.cancelledAt };
  if (ticket.status === "CLOSED") return { because: "CLOSED", at: ticket.closedAt };
  if (ticket.status === "RESOLVED") return { because: "RESOLVED", at: ticket.resolvedAt };
  return null;
}
