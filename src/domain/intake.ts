// R2–R3: what a repair call must record before it can be dispatched, and the checks on what
// was typed. Pure: the services resolve an existing customer or equipment into these facts first.
import { isPhoneNumber } from "./phone";

/** The semantic field names shared by services (AppError fieldErrors) and the intake modal. */
export const INTAKE_FIELDS = [
  "customer",
  "customerName",
  "address",
  "phone",
  "contactPhone",
  "area",
  "grade",
  "equipment",
  "model",
  "serial",
  "acceptanceDate",
  "warrantyEnd",
  "faultDescription",
  "requestedServiceAt",
  "calledAt",
  "categoryOverrideReason",
  "technician",
  "appointment",
  "reason",
] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number];

/** What is known about a call, whether typed in or looked up (R2: looked up, not typed again). */
export interface IntakeFacts {
  /** null: no customer chosen or entered. */
  customer: { name?: string | null; address?: string | null; phone?: string | null; area?: string | null } | null;
  /** null: no equipment chosen or entered. */
  equipment: { model?: string | null; serial?: string | null } | null;
  faultDescription?: string | null;
}

function blank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === "";
}

/**
 * R3: the fields still missing before a call may be dispatched, in form order; empty when it is
 * complete. Required: the customer's name, address, phone and area; the equipment's model and
 * serial; the fault description. Contact person, dates and the requested time are recorded when
 * given (R2) but do not hold a call back.
 */
export function missingIntakeFields(facts: IntakeFacts): IntakeField[] {
  const missing: IntakeField[] = [];
  const { customer, equipment } = facts;
  if (!customer) {
    missing.push("customer");
  } else {
    if (blank(customer.name)) missing.push("customerName");
    if (blank(customer.address)) missing.push("address");
    if (blank(customer.phone)) missing.push("phone");
    if (blank(customer.area)) missing.push("area");
  }
  if (!equipment) {
    missing.push("equipment");
  } else {
    if (blank(equipment.model)) missing.push("model");
    if (blank(equipment.serial)) missing.push("serial");
  }
  if (blank(facts.faultDescription)) missing.push("faultDescription");
  return missing;
}

/** A local calendar date YYYY-MM-DD that exists (no 2026-02-30). */
export function isLocalDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * Message keys for a field's problem; the views turn them into words.
 * required: missing (R3); invalid: wrong format; before-acceptance-date: warranty end before the
 * acceptance date; in-future / too-long-ago: a "called at" time outside what calledAtProblem allows.
 */
export type IntakeProblem = "required" | "invalid" | "before-acceptance-date" | "in-future" | "too-long-ago";

/**
 * R6: how far back the time the customer called may be put when registering (a call taken on paper
 * over a weekend and typed in on Monday). Further back is a mistake more often than a call.
 */
export const MAX_CALLED_AT_DAYS_BACK = 3;
/** Slack's datetime picker keeps whole minutes, and clocks differ a little: "now" may read a minute ahead. */
const CALLED_AT_LEEWAY_MS = 60_000;

/**
 * R6 (seed 000 §19: the clock starts "from the repair request"): the time the customer called is
 * not in the future and at most MAX_CALLED_AT_DAYS_BACK days before `now`; null when it is fine.
 */
export function calledAtProblem(calledAt: Date, now: Date, maxDaysBack = MAX_CALLED_AT_DAYS_BACK): IntakeProblem | null {
  if (Number.isNaN(calledAt.getTime())) return "invalid";
  if (calledAt.getTime() > now.getTime() + CALLED_AT_LEEWAY_MS) return "in-future";
  if (calledAt.getTime() < now.getTime() - maxDaysBack * 24 * 60 * 60 * 1000) return "too-long-ago";
  return null;
}

/**
 * Format checks on what was typed, whatever is missing: a call may be saved incomplete (R3) but
 * never with a malformed phone number or impossible dates. Blank fields are not checked here.
 */
export function intakeFormatProblems(input: {
  phone?: string | null;
  contactPhone?: string | null;
  acceptanceDate?: string | null;
  warrantyEnd?: string | null;
}): Partial<Record<IntakeField, IntakeProblem>> {
  const problems: Partial<Record<IntakeField, IntakeProblem>> = {};
  if (!blank(input.phone) && !isPhoneNumber(input.phone!)) problems.phone = "invalid";
  if (!blank(input.contactPhone) && !isPhoneNumber(input.contactPhone!)) problems.contactPhone = "invalid";
  const acceptance = blank(input.acceptanceDate) ? null : input.acceptanceDate!.trim();
  const warranty = blank(input.warrantyEnd) ? null : input.warrantyEnd!.trim();
  if (acceptance !== null && !isLocalDate(acceptance)) problems.acceptanceDate = "invalid";
  if (warranty !== null && !isLocalDate(warranty)) problems.warrantyEnd = "invalid";
  else if (warranty !== null && acceptance !== null && isLocalDate(acceptance) && warranty < acceptance) {
    problems.warrantyEnd = "before-acceptance-date";
  }
  return problems;
}
