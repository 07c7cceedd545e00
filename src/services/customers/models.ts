// R23: the plain data of the customer's file (never Prisma rows), rendered by views/customer-file.ts.
// Dates are instants; local calendar dates (warranty ends, contract periods) are YYYY-MM-DD strings.
import type { ServiceCategory } from "../../domain/category";
import type { ServiceArea } from "../../domain/deadline";
import type { Coverage, CustomerGrade, CustomerSearchHit, TicketStatus } from "../tickets/models";

export type Rating = "VERY_SATISFIED" | "SATISFIED" | "DISSATISFIED" | "VERY_DISSATISFIED";
export type ComplaintSeverity = "GENERAL" | "SERIOUS";
export type ComplaintStatus = "OPEN" | "RESPONDED" | "RESOLVED" | "CLOSED";
export type ComplaintKind = "COMPLAINT" | "SUGGESTION";
export type VisitOutcome = "FIXED_ON_SITE" | "TAKEN_TO_WORKSHOP" | "RESCHEDULED" | "HANDED_OVER" | "REPLACEMENT_RECOMMENDED";
export type ContractStatus = "ACTIVE" | "EXPIRED" | "RENEWED" | "CANCELLED";

/** Where a call's message was posted, for its link. */
export interface MessageRef {
  channelId: string;
  ts: string;
}

/** How many rows each list of the file holds at most (the views show fewer and say how many more). */
export const FILE_LIMITS = {
  equipment: 30,
  contracts: 20,
  openCalls: 20,
  closedCalls: 10,
  surveys: 10,
  complaints: 10,
} as const;

export interface CustomerFileSurvey {
  id: number;
  voucherNo: string;
  message: MessageRef | null;
  technicianName: string | null;
  respondedAt: Date | null;
  attitude: Rating | null;
  skill: Rating | null;
  arrivalTime: Rating | null;
  promiseKeeping: Rating | null;
  comment: string | null;
}

export interface CustomerFileComplaint {
  id: number;
  /** Its own number (CP-2026-0001) and message, once registered through the bot (R21). */
  number: string | null;
  kind: ComplaintKind;
  complaintMessage: MessageRef | null;
  receivedAt: Date;
  severity: ComplaintSeverity;
  status: ComplaintStatus;
  description: string;
  substantiated: boolean | null;
  /** The related call, when there is one. */
  voucherNo: string | null;
  message: MessageRef | null;
  technicianName: string | null;
}

export interface CustomerFile {
  customer: {
    id: number;
    code: string;
    name: string;
    grade: CustomerGrade;
    phone: string;
    address: string;
    contactPerson: string | null;
    area: ServiceArea;
    branchName: string;
  };
  /** The customer's branch: dates are shown in its zone, fees in its currency. */
  timeZone: string;
  currency: string;
  equipment: { id: number; model: string; serial: string; warrantyEnd: string | null; underWarranty: boolean; coverage: Coverage }[];
  contracts: { number: string; startsOn: string; endsOn: string; status: ContractStatus; live: boolean; equipmentCount: number }[];
  openCalls: {
    id: number;
    voucherNo: string;
    status: TicketStatus;
    category: ServiceCategory;
    technicianName: string | null;
    receivedAt: Date;
    arrivalDeadline: Date | null;
    message: MessageRef | null;
  }[];
  closedCalls: {
    id: number;
    voucherNo: string;
    category: ServiceCategory;
    closedAt: Date | null;
    outcome: VisitOutcome | null;
    resolution: string | null;
    technicianName: string | null;
    /** Sum of the call's charges (R10/R13), as a decimal string; "0" when nothing was charged. */
    fees: string;
    message: MessageRef | null;
  }[];
  surveys: CustomerFileSurvey[];
  complaints: CustomerFileComplaint[];
  /** How many there are in all, for "and N more". */
  totals: { equipment: number; contracts: number; openCalls: number; closedCalls: number; surveys: number; complaints: number };
}

/** What `/repair customer <query>` found among the customers the person may open. */
export type CustomerLookup =
  | { kind: "one"; customerId: number }
  | { kind: "several"; hits: (CustomerSearchHit & { code: string })[]; more: boolean }
  /** `elsewhere`: matches in branches the person may not open. */
  | { kind: "none"; elsewhere: number };
