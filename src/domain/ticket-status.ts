// The ticket's life as data: which status may follow which. Services ask `canTransition` before
// every change, so a button pressed on a stale message cannot move a ticket where it may not go.

export const TICKET_STATUSES = [
  "INCOMPLETE",
  "REGISTERED",
  "ASSIGNED",
  "ACCEPTED",
  "ON_SITE",
  "IN_WORKSHOP",
  "ON_HOLD",
  "RESOLVED",
  "CLOSED",
  "CANCELLED",
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * R3: INCOMPLETE is completed (REGISTERED) before anything else may happen to it.
 * R5: REGISTERED → ASSIGNED; ASSIGNED → ASSIGNED is a re-assignment; a declined call goes back to
 * REGISTERED. R9: on site the call is fixed (RESOLVED), taken to the workshop, put on hold
 * (rescheduled, waiting for parts) or handed to another technician (ASSIGNED). CLOSED and
 * CANCELLED are final.
 */
export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  INCOMPLETE: ["REGISTERED", "CANCELLED"],
  REGISTERED: ["ASSIGNED", "CANCELLED"],
  ASSIGNED: ["ASSIGNED", "ACCEPTED", "REGISTERED", "ON_SITE", "CANCELLED"],
  ACCEPTED: ["ASSIGNED", "REGISTERED", "ON_SITE", "CANCELLED"],
  ON_SITE: ["RESOLVED", "IN_WORKSHOP", "ON_HOLD", "ASSIGNED"],
  IN_WORKSHOP: ["RESOLVED", "ON_HOLD", "ASSIGNED"],
  ON_HOLD: ["ASSIGNED", "ON_SITE", "IN_WORKSHOP", "RESOLVED", "CANCELLED"],
  RESOLVED: ["CLOSED"],
  CLOSED: [],
  CANCELLED: [],
};

export function isTicketStatus(value: unknown): value is TicketStatus {
  return typeof value === "string" && (TICKET_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from]?.includes(to) ?? false;
}

export function isFinal(status: TicketStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** Every status that still needs work: all but CLOSED and CANCELLED (RESOLVED waits to be closed). */
export const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter((status) => !isFinal(status));

export function isOpen(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Where the Assign button works: every status that may go to ASSIGNED (never INCOMPLETE, R3). */
export const ASSIGNABLE_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter((status) => canTransition(status, "ASSIGNED"));

/** Statuses that count as a technician's open work (R5 "today's load"). */
export const TECHNICIAN_LOAD_STATUSES: readonly TicketStatus[] = ["ASSIGNED", "ACCEPTED", "ON_SITE", "IN_WORKSHOP", "ON_HOLD"];

/** Where a visit may be (re)scheduled: dispatched and not yet resolved. */
export const SCHEDULABLE_STATUSES: readonly TicketStatus[] = ["REGISTERED", "ASSIGNED", "ACCEPTED", "ON_SITE", "IN_WORKSHOP", "ON_HOLD"];

/** Where the Edit button works: open calls past intake (an INCOMPLETE call is completed instead). */
export const EDITABLE_STATUSES: readonly TicketStatus[] = OPEN_STATUSES.filter((status) => status !== "INCOMPLETE");
