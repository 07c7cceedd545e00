// What a change asks the outbox to show in Slack. Services queue these facts in the transaction
// of the change (src/services/outbox/enqueue.ts); the outbox's workers (src/publish/) render them
// from the current state through the views and call Slack. Nothing here knows Slack's API.
import type { PersonRef, TicketHistoryEntry } from "../tickets/models";

/** One line in a ticket's thread. */
export type TicketLine =
  /** A change of the call, worded by views/ticket-history. */
  | { kind: "entry"; entry: TicketHistoryEntry }
  /** R5: a declined call is back in the queue. */
  | { kind: "needs-technician" }
  /** A line a feature's view builder already wrote (work reports, custody receipts): immutable history. */
  | { kind: "rendered"; text: string; blocks?: unknown[] };

export type SlackEffect =
  /** Post the ticket's message in its dispatch channel once, then keep it (and the technician's DM) up to date. */
  | { kind: "ticket-message"; ticketId: number }
  | { kind: "ticket-line"; ticketId: number; line: TicketLine }
  /** R5: the technician's DM about a new assignment (recorded, so later changes update it). */
  | { kind: "assignment-dm"; ticketId: number; assignmentId: number; previous: PersonRef | null }
  /** R7/R12: a new escalation in the call's thread, the dispatch channel and its recipients' DMs (each copy recorded). */
  | { kind: "escalation-raised"; ticketId: number; escalationId: number }
  /** R5: a replaced technician hears they are off the call. */
  | { kind: "unassigned-dm"; ticketId: number; previous: PersonRef; technician: PersonRef };

/** The ticket an effect concerns: its effects run one at a time, in order, in the ticket's queue. */
export function ticketOf(effect: SlackEffect): number {
  return effect.ticketId;
}

// JSON keeps dates as ISO strings: these are the fields of a history entry that hold one.
const ENTRY_DATES = ["start", "end", "from", "to"] as const;

/** An effect as read back from the queue's JSON, dates restored. */
export function reviveEffect(json: unknown): SlackEffect {
  const effect = json as SlackEffect;
  if (effect.kind !== "ticket-line" || effect.line.kind !== "entry") return effect;
  const entry = effect.line.entry as unknown as Record<string, unknown> & { event: Record<string, unknown> };
  const event = { ...entry.event };
  for (const key of ENTRY_DATES) if (typeof event[key] === "string") event[key] = new Date(event[key]);
  const revived = { ...entry, at: new Date(String(entry.at)), event } as unknown as TicketHistoryEntry;
  return { ...effect, line: { kind: "entry", entry: revived } };
}
