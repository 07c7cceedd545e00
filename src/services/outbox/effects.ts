// What a change asks the outbox to show in Slack. Services queue these facts in the transaction
// of the change (src/services/outbox/enqueue.ts); the outbox's workers (src/publish/) render them
// through the views and call Slack. Nothing here knows Slack's API.
import type { CarriedTicket } from "../tickets/carry-over-tickets";
import type { FlaggedLoan } from "../parts/flag-loans-at-closing";
import type { PersonRef, TicketHistoryEntry } from "../tickets/models";
import type { CategoryTotals } from "../reports/daily-work-report";
import type { IssuedCustodyReceipt } from "../workshop/issue-custody-receipt";
import type { WorkshopState } from "../workshop/custody";
import type { ServiceCategory } from "../../domain/category";
import type { VisitOutcome } from "../tickets/report-work";
import type { ComplaintLineEntry } from "../complaints/models";
import type { ComplaintKind, ComplaintSeverity, ComplaintSource } from "../../domain/complaints";

/** One line in a ticket's thread. */
export type TicketLine =
  /** A change of the call, worded by views/ticket-history. */
  | { kind: "entry"; entry: TicketHistoryEntry }
  /** R5: a declined call is back in the queue. */
  | { kind: "needs-technician" }
  /** A line a feature's view builder already wrote: immutable history. */
  | { kind: "rendered"; text: string; blocks?: unknown[] }
  /** R9/R10: a saved work report (outcome, hours, parts, fee, signature, receipt), worded by views/report-work-modal. */
  | { kind: "work-report"; actor: LineActor; at: Date; report: WorkReportFacts }
  /** R11: the custody receipt of equipment taken to the workshop. */
  | { kind: "custody-receipt"; receipt: IssuedCustodyReceipt }
  /** R9: the call closed, with its resolution. */
  | { kind: "closed"; actor: LineActor; resolution: string; closedAt: Date }
  /** R11: a workshop item changed state on the goods register. */
  | { kind: "custody-state"; number: string; to: WorkshopState }
  /** R11: the item went back to the customer. */
  | { kind: "custody-returned"; receipts: { number: string }[]; signedBy: string; returnedAt: Date; unrepaired: boolean; resolved: boolean; note: string | null }
  /** R9: resolved from a thread reply ("done, signed …"). */
  | { kind: "resolved-by-reply"; actor: PersonRef; signedBy: string; hours: number; partLines: number; at: Date }
  /** R21: a complaint about this call was registered (its own message and thread carry the rest). */
  | { kind: "complaint"; number: string; complaintKind: ComplaintKind; severity: ComplaintSeverity; source: ComplaintSource; by: string; at: Date };

/** Who did it, as a line names them: a mention for staff, the Slack id otherwise. */
export interface LineActor {
  staffId: number | null;
  slackUserId: string;
  name: string | null;
}

/** What a work report's thread line says (views/report-work-modal's reportHistoryText). */
export interface WorkReportFacts {
  outcome: VisitOutcome;
  fromStatus: string;
  status: string;
  hours: { category: ServiceCategory; hours: number }[];
  parts: { partNo: string; name: string; quantity: number }[];
  feeTotal: string;
  currency: string;
  settlement: "NONE" | "COLLECTED_ON_SITE" | "INVOICE_REQUESTED";
  charges: { kind: string; reason: string; amount: string }[];
  invoiceRequest: { amount: string; currency: string } | null;
  signedByName: string | null;
  receipt: { number: string } | null;
  repairedReceiptNumber: string | null;
  expectedCompletionAt: Date | null;
}

/** Effects about one call: they run one at a time, in order, in the call's queue. */
export type TicketEffect =
  /** Post the ticket's message in its dispatch channel once, then keep it (and the technician's DM) up to date. */
  | { kind: "ticket-message"; ticketId: number }
  | { kind: "ticket-line"; ticketId: number; line: TicketLine }
  /** R5: the technician's DM about a new assignment (recorded, so later changes update it). */
  | { kind: "assignment-dm"; ticketId: number; assignmentId: number; previous: PersonRef | null }
  /** R5: a replaced technician hears they are off the call. */
  | { kind: "unassigned-dm"; ticketId: number; previous: PersonRef; technician: PersonRef }
  /** R7/R12: a new escalation in the call's thread, the dispatch channel and its recipients' DMs (each copy recorded). */
  | { kind: "escalation-raised"; ticketId: number; escalationId: number }
  /** R7/R12: every recorded copy of the alert shows where it stands now (coalesced: the latest state wins). */
  | { kind: "escalation-copies"; ticketId: number; escalationId: number }
  /** R7/R12: the alert climbed; each manager (or admin) gets it by DM with Acknowledge. */
  | { kind: "escalation-climbed"; ticketId: number; escalationId: number }
  /** R7/R12: a snooze ran out; the person who snoozed gets the alert again. */
  | { kind: "escalation-reminder"; ticketId: number; escalationId: number; snoozeId: number; staffId: number; slackUserId: string }
  /** R7: the deadline is near: a reply in the thread and a DM to the technician (the dispatch channel when unassigned). */
  | { kind: "pre-deadline-warning"; ticketId: number; minutesLeft: number };

/** Effects about a branch or a person: independent of one another, delivered as soon as a worker is free. */
export type NoticeEffect =
  /** R8: the morning's list of calls carried over, in the dispatch channel. */
  | { kind: "carry-over-list"; branchId: number; items: Omit<CarriedTicket, "id">[] }
  /** R16: the stored daily summary in the directors' channel (once; its ts recorded for the sign-off). */
  | { kind: "director-report"; reportId: number }
  /** R18: a contract's expiry notice in the dispatch channel and the renewal assignee's DM. */
  | { kind: "contract-notice"; contractId: number }
  /** R15: a technician's reminder of the day's report (skipped if it was submitted meanwhile). */
  | { kind: "daily-report-reminder"; staffId: number; slackUserId: string; date: string; totals: CategoryTotals }
  /** R14: the loans flagged at a closing, to their borrower or to a parts clerk. */
  | { kind: "loans-at-closing"; timeZone: string; audience: "borrower" | "clerk"; slackUserId: string; borrowerName: string; loans: FlaggedLoan[]; back: FlaggedLoan[] }
  /** R10: a new invoice request reaches the accountants (the admins when there is none) by DM. */
  | { kind: "invoice-request"; invoiceRequestId: number }
  /** R20/R22: the stored monthly evaluation in the directors' channel (once; its ts recorded for the sign-off). */
  | { kind: "evaluation-report"; reportId: number }
  /** R19: a message of the day's survey list, posted once in the survey channel, then updated in place as its lines are recorded. */
  | { kind: "survey-list"; messageId: number };

/** R21/R22: effects about one complaint: they run one at a time, in order, in the complaint's queue. */
export type ComplaintEffect =
  /** Post the complaint's message once (directors' channel, else dispatch channel), then keep it up to date. */
  | { kind: "complaint-message"; complaintId: number }
  /** A line in the complaint's thread (its history), already worded. */
  | { kind: "complaint-line"; complaintId: number; entry: ComplaintLineEntry }
  /** R21: a general complaint reaches the branch's directors by DM. */
  | { kind: "complaint-routed"; complaintId: number }
  /** R21: the person assigned to handle it hears so by DM. */
  | { kind: "complaint-assigned"; complaintId: number; staffId: number }
  /** R21: an escalation (serious, or a missed clock) by DM with Acknowledge to the directors or the managers (each copy recorded). */
  | { kind: "complaint-escalation"; complaintId: number; escalationId: number; audience: "DIRECTOR" | "MANAGER" }
  /** Every recorded copy of a complaint's escalation shows where it stands now (coalesced). */
  | { kind: "complaint-escalation-copies"; complaintId: number; escalationId: number }
  /** R21: a clock's deadline is near: the handler (else the directors) is warned by DM. */
  | { kind: "complaint-warning"; complaintId: number; clock: "RESPONSE" | "RESOLUTION" }
  /** R22: a technician reached a new level: the branch's directors by DM, and the managers too at the third. */
  | { kind: "complaint-level"; complaintId: number; technicianId: number; level: "WARNING" | "PENALTY" | "DISMISSAL_REVIEW"; count: number; windowMonths: number };

export type SlackEffect = TicketEffect | NoticeEffect | ComplaintEffect;

export function isComplaintEffect(effect: SlackEffect): effect is ComplaintEffect {
  return effect.kind.startsWith("complaint-");
}

const TICKET_EFFECTS = new Set<string>([
  "ticket-message",
  "ticket-line",
  "assignment-dm",
  "unassigned-dm",
  "escalation-raised",
  "escalation-copies",
  "escalation-climbed",
  "escalation-reminder",
  "pre-deadline-warning",
] satisfies TicketEffect["kind"][]);

export function isTicketEffect(effect: SlackEffect): effect is TicketEffect {
  return TICKET_EFFECTS.has(effect.kind);
}

/** The call an effect concerns, if any (named to admins when it fails). */
export function ticketOf(effect: SlackEffect): number | null {
  return isTicketEffect(effect) ? effect.ticketId : null;
}

// JSON has no dates: they travel as {"$date": "…"} and come back as Date objects.
const DATE_TAG = "$date";

/** The effect as the queue stores it: JSON with its dates tagged. */
export function encodeEffect(effect: SlackEffect): string {
  return JSON.stringify(effect, function (this: Record<string, unknown>, key, value: unknown) {
    const original = this[key];
    return original instanceof Date ? { [DATE_TAG]: original.toISOString() } : value;
  });
}

// Effects queued before dates were tagged carried history entries' dates as plain strings.
const ENTRY_DATES = ["start", "end", "from", "to"] as const;

/** An effect as read back from the queue's JSON, dates restored. */
export function reviveEffect(json: unknown): SlackEffect {
  const effect = reviveDates(json) as SlackEffect;
  if (effect.kind !== "ticket-line" || effect.line.kind !== "entry") return effect;
  const entry = effect.line.entry as unknown as Record<string, unknown> & { event: Record<string, unknown> };
  const event = { ...entry.event };
  for (const key of ENTRY_DATES) if (typeof event[key] === "string") event[key] = new Date(event[key]);
  const revived = { ...entry, at: entry.at instanceof Date ? entry.at : new Date(String(entry.at)), event } as unknown as TicketHistoryEntry;
  return { ...effect, line: { kind: "entry", entry: revived } };
}

function reviveDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reviveDates);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === DATE_TAG && typeof record[DATE_TAG] === "string") return new Date(record[DATE_TAG]);
  return Object.fromEntries(keys.map((key) => [key, reviveDates(record[key])]));
}
