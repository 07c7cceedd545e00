// R21: what a complaint is and the clocks it runs on: a first response within 24 hours and a
// resolution within one month of registration; closed only once the customer was told the outcome.
import dayjs from "dayjs";

export const COMPLAINT_SOURCES = ["PHONE", "VISIT", "LETTER", "SURVEY", "OTHER"] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

/** Seed 000 §23: a complaint, or a suggestion (handled the same way, counted apart). */
export const COMPLAINT_KINDS = ["COMPLAINT", "SUGGESTION"] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** R21: serious complaints go to the managers at once; general ones to the branch's directors. */
export const COMPLAINT_SEVERITIES = ["GENERAL", "SERIOUS"] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

/** R21: how the customer was answered, or told the outcome. */
export const COMPLAINT_CONTACTS = ["PHONE", "WRITING", "VISIT"] as const;
export type ComplaintContact = (typeof COMPLAINT_CONTACTS)[number];

export const COMPLAINT_STATUSES = ["OPEN", "RESPONDED", "RESOLVED", "CLOSED"] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** R21: the two clocks a complaint runs on. */
export const COMPLAINT_CLOCKS = ["RESPONSE", "RESOLUTION"] as const;
export type ComplaintClock = (typeof COMPLAINT_CLOCKS)[number];

/** What a complaint's escalation is about (Escalation.reason): raised serious, or a clock missed. */
export type ComplaintEscalationCause = "SERIOUS" | ComplaintClock;

export const RESPONSE_WITHIN_HOURS = 24;
export const RESOLUTION_WITHIN_MONTHS = 1;
export const MAX_COMPLAINT_TEXT = 2_000;

/** R21: the first response is due 24 hours after registration. */
export function responseDueAt(receivedAt: Date): Date {
  return dayjs(receivedAt).add(RESPONSE_WITHIN_HOURS, "hour").toDate();
}

/** R21: the complaint is to be resolved within one month of registration. */
export function resolutionDueAt(receivedAt: Date): Date {
  return dayjs(receivedAt).add(RESOLUTION_WITHIN_MONTHS, "month").toDate();
}

export function clockDueAt(clock: ComplaintClock, receivedAt: Date): Date {
  return clock === "RESPONSE" ? responseDueAt(receivedAt) : resolutionDueAt(receivedAt);
}

/** Whether a clock still runs: the response clock until the first response, the resolution clock until the outcome. */
export function clockRunning(clock: ComplaintClock, complaint: { status: ComplaintStatus; respondedAt: Date | null; resolvedAt: Date | null }): boolean {
  if (complaint.status === "CLOSED") return false;
  return clock === "RESPONSE" ? complaint.respondedAt === null : complaint.resolvedAt === null;
}

/** R21: CP-<year>-<nnnn>, per year, like the voucher number. */
export function formatComplaintNumber(year: number, sequence: number): string {
  return `CP-${year}-${String(sequence).padStart(4, "0")}`;
}

export function parseComplaintNumber(text: string): string | null {
  const match = /^CP-(\d{4})-(\d{1,9})$/i.exec(text.trim());
  return match ? `CP-${match[1]}-${match[2]}` : null;
}

export type ComplaintStep = "respond" | "resolve" | "inform" | "close";

/**
 * R21: why a step cannot be recorded now (null when it can): nothing is recorded on a closed
 * complaint; the outcome comes before the customer is told of it; and a complaint is closed only
 * after the customer was told.
 */
export function complaintStepRefusal(step: ComplaintStep, complaint: { status: ComplaintStatus; resolvedAt: Date | null; customerInformedAt: Date | null }): "closed" | "not-resolved" | "not-informed" | null {
  if (complaint.status === "CLOSED") return "closed";
  if (step === "inform" && complaint.resolvedAt === null) return "not-resolved";
  if (step === "close" && complaint.customerInformedAt === null) return "not-informed";
  return null;
}

/** The status after recording a step: a response moves an open complaint on; an outcome resolves it; closing closes it. */
export function statusAfter(step: ComplaintStep, status: ComplaintStatus): ComplaintStatus {
  if (step === "respond") return status === "OPEN" ? "RESPONDED" : status;
  if (step === "resolve") return "RESOLVED";
  if (step === "close") return "CLOSED";
  return status;
}
