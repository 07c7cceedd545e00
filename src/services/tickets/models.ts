// The plain data that ticket services return and view builders render (never Prisma rows), so
// views stay pure and services stay free of Slack. Dates are Date instants; local calendar dates
// (warranty ends, contract ends) are YYYY-MM-DD strings.
import type { ServiceCategory } from "../../domain/category";
import type { FeePolicy } from "../../domain/fees";
import type { ServiceArea } from "../../domain/deadline";

export type TicketStatus =
  | "INCOMPLETE"
  | "REGISTERED"
  | "ASSIGNED"
  | "ACCEPTED"
  | "ON_SITE"
  | "IN_WORKSHOP"
  | "ON_HOLD"
  | "RESOLVED"
  | "CLOSED"
  | "CANCELLED";

export type CustomerGrade = "A" | "B" | "C";

export interface PersonRef {
  staffId: number;
  slackUserId: string;
  name: string;
}

/** Why a call is (or is not) free of charge: R1's facts, shown on the ticket. */
export type Coverage =
  | { kind: "WARRANTY"; until: string }
  | { kind: "CONTRACT"; contractNumber: string; until: string }
  | { kind: "NONE" };

/** Everything the ticket message, the ephemeral ticket view and the technician's DM show. */
export interface TicketCard {
  id: number;
  voucherNo: string;
  status: TicketStatus;
  branch: { id: number; code: string; name: string; timeZone: string; dispatchChannelId: string | null };
  customer: { id: number; code: string; name: string; grade: CustomerGrade; phone: string; address: string; contactPerson: string | null };
  /** The person and place for this call, when they differ from the customer's defaults. */
  contact: { name: string | null; phone: string | null; address: string | null };
  equipment: { id: number; model: string; serial: string; acceptanceDate: string | null; warrantyEnd: string | null } | null;
  coverage: Coverage;
  category: ServiceCategory;
  suggestedCategory: ServiceCategory;
  categoryOverrideReason: string | null;
  /** R1: a paid call of unknown warranty, not dispatched until the warranty end is set or the category confirmed. */
  awaitsCategoryConfirmation?: boolean;
  /** R10: the technician tells the customer before the visit whether it is chargeable (category A). */
  chargeable: boolean;
  /** R10: what this call may charge (A everything, B what the contract does not cover, C wearing parts). */
  fees?: FeePolicy;
  area: ServiceArea;
  faultDescription: string | null;
  requestedServiceAt: Date | null;
  /** When the customer called; R6 counts from here. */
  calledAt: Date;
  /** When the call was registered. */
  receivedAt: Date;
  /** R6; null while incomplete (R3). */
  arrivalDeadline: Date | null;
  appointment: { start: Date; end: Date } | null;
  /** R3: what is still missing; empty unless INCOMPLETE. */
  missingFields: string[];
  /** R8: carried over from an earlier day. */
  priority: boolean;
  registeredBy: PersonRef | null;
  technician: PersonRef | null;
  cancelReason: string | null;
  /** R9/R6: when the technician reported arrival, and how many working minutes late (0 on time, null without a deadline). */
  arrival?: { at: Date; lateByMinutes: number | null } | null;
  /** Link back to the Slack message a ticket was created from (message shortcut). */
  sourceMessageLink: string | null;
  slackMessage: { channelId: string; ts: string } | null;
  /** R13: the work reported so far (absent on cards built without it). */
  work?: TicketWorkSummary | null;
  /** R11: custody receipts not yet returned; the item goes back (Return to customer) before the call closes. */
  itemsInWorkshop?: number;
  /** R10: the branch's labour rate per person-hour and currency, for the fee preview. */
  rates?: { labourRate: string; currency: string; collectionLimit?: string };
}

/** R13: totals of a call's visit reports, for the ticket message's Work line. */
export interface TicketWorkSummary {
  hours: { category: ServiceCategory; hours: number }[];
  partsCount: number;
  feeTotal: string;
  currency: string;
  lastReport: { outcome: "FIXED_ON_SITE" | "TAKEN_TO_WORKSHOP" | "RESCHEDULED" | "HANDED_OVER" | "REPLACEMENT_RECOMMENDED"; at: Date } | null;
}

/** Shown in the intake modal once a customer is chosen: repeat calls and contracts at a glance (R2, R23). */
export interface CustomerContext {
  customer: { id: number; code: string; name: string; grade: CustomerGrade; phone: string; address: string; contactPerson: string | null; area: ServiceArea };
  equipment: {
    id: number;
    model: string;
    serial: string;
    acceptanceDate: string | null;
    warrantyEnd: string | null;
    /** R1 applied to today: what a call on this equipment would be. */
    suggestedCategory: ServiceCategory;
    coverage: Coverage;
  }[];
  openTickets: { id: number; voucherNo: string; status: TicketStatus; receivedAt: Date; faultDescription: string | null; equipmentId: number | null }[];
  liveContracts: { number: string; endsOn: string; coversAllEquipment: boolean }[];
}

/** One line of the customer type-ahead. */
export interface CustomerSearchHit {
  id: number;
  name: string;
  phone: string;
  grade: CustomerGrade;
  area: ServiceArea;
}

/** A technician as the Assign modal lists them, most suitable first (R5). */
export interface TechnicianSuggestion {
  staffId: number;
  slackUserId: string;
  name: string;
  areas: ServiceArea[];
  skills: string[];
  available: boolean;
  coversArea: boolean;
  /** R5: one of their skills appears in the equipment model or the fault (domain/technician-ranking.ts). */
  skillMatch?: boolean;
  /** Open tickets assigned to them (ASSIGNED, ACCEPTED, ON_SITE, IN_WORKSHOP, ON_HOLD). */
  openTickets: number;
  /** Visits with an appointment starting today in the branch's time zone. */
  visitsToday: number;
  currentlyAssigned: boolean;
}

export type TicketListFilter = "open" | "unassigned" | "overdue" | "mine" | "incomplete";

export interface TicketListItem {
  id: number;
  voucherNo: string;
  status: TicketStatus;
  customerName: string;
  grade: CustomerGrade;
  area: ServiceArea;
  faultDescription: string | null;
  receivedAt: Date;
  arrivalDeadline: Date | null;
  overdue: boolean;
  priority: boolean;
  technician: PersonRef | null;
  slackMessage: { channelId: string; ts: string } | null;
}

/** What the intake modal submits, after the handler's zod parsing. */
export interface IntakeInput {
  customer: { kind: "existing"; customerId: number } | { kind: "new"; name: string; address: string; phone: string; contactPerson?: string; area: ServiceArea; grade: CustomerGrade };
  /** An existing equipment's `warrantyEnd` is taken only when none is on file (R1: set the unknown warranty). */
  equipment: { kind: "existing"; equipmentId: number; warrantyEnd?: string } | { kind: "new"; model: string; serial: string; acceptanceDate?: string; warrantyEnd?: string } | { kind: "none" };
  contactName?: string;
  contactPhone?: string;
  siteAddress?: string;
  faultDescription?: string;
  requestedServiceAt?: Date;
  /** R6: when the customer called (new calls only); defaults to now, never in the future, at most MAX_CALLED_AT_DAYS_BACK days back. */
  calledAt?: Date;
  /** Defaults to the customer's area. */
  area?: ServiceArea;
  categoryOverride?: ServiceCategory;
  categoryOverrideReason?: string;
  /** R3: save what is known; the ticket is INCOMPLETE until completed. */
  saveAsIncomplete: boolean;
  sourceMessageLink?: string;
}

/** One entry of a ticket's history, written as a reply in its thread. */
export interface TicketHistoryEntry {
  at: Date;
  actor: PersonRef | { system: string };
  /** A key of the messages catalogue's `history` section, with its parameters. */
  event:
    | { kind: "registered" }
    | { kind: "completed-intake" }
    | { kind: "assigned"; technician: PersonRef; previous: PersonRef | null; note: string | null }
    | { kind: "visit-scheduled"; start: Date; end: Date }
    | { kind: "edited"; fields: string[] }
    | { kind: "cancelled"; reason: string }
    | { kind: "accepted" }
    | { kind: "declined"; reason: string }
    | { kind: "arrived"; lateByMinutes: number | null }
    /** R9: back on site for the next visit of a rescheduled call. */
    | { kind: "back-on-site" }
    | { kind: "carried-over" }
    /** R6: the branch's calendar changed and the deadline was counted again. */
    | { kind: "deadline-moved"; from: Date; to: Date }
    /** A line a feature's own view builder already wrote (work reports, thread commands, receipts). */
    | { kind: "rendered"; text: string };
}
