// R1: the service category of a call follows from the equipment, and overrides are recorded.
import { DomainError } from "./errors";

export const SERVICE_CATEGORIES = ["A_PAID", "B_CONTRACT", "C_WARRANTY", "D_INTERNAL"] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export type ContractStatus = "ACTIVE" | "EXPIRED" | "RENEWED" | "CANCELLED";

export interface ContractFacts {
  startsOn: string;
  endsOn: string;
  status: ContractStatus;
  coversEquipment: boolean;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isServiceCategory(value: unknown): value is ServiceCategory {
  return typeof value === "string" && (SERVICE_CATEGORIES as readonly string[]).includes(value);
}

/**
 * R1: warranty → C, else a live maintenance contract → B, else A. D (internal work) is never
 * suggested for a customer call. Dates are local YYYY-MM-DD, compared as text, ends inclusive.
 */
export function suggestCategory(options: {
  onDate: string;
  equipment?: { warrantyEnd?: string | null } | null;
  contracts: ContractFacts[];
}): ServiceCategory {
  const { onDate, equipment, contracts } = options;
  if (!LOCAL_DATE.test(onDate)) throw new RangeError(`onDate must be YYYY-MM-DD, got "${onDate}"`);
  const warrantyEnd = equipment?.warrantyEnd;
  if (warrantyEnd && warrantyEnd >= onDate) return "C_WARRANTY";
  // RENEWED means a newer contract took over; that one is ACTIVE and counts instead.
  const live = contracts.some(
    (contract) =>
      contract.status === "ACTIVE" &&
      contract.coversEquipment &&
      contract.startsOn <= onDate &&
      onDate <= contract.endsOn,
  );
  return live ? "B_CONTRACT" : "A_PAID";
}

/**
 * R1 / seed 001 §4.4.1 ("check whether it is in warranty"): no warranty end on file and no live
 * contract means the warranty is unknown, not that the work is paid.
 */
export function isWarrantyUnknown(options: { onDate: string; equipment?: { warrantyEnd?: string | null } | null; contracts: ContractFacts[] }): boolean {
  if (options.equipment?.warrantyEnd) return false;
  return suggestCategory({ onDate: options.onDate, equipment: null, contracts: options.contracts }) !== "B_CONTRACT";
}

/**
 * A paid call whose warranty is unknown waits for the dispatcher: set the warranty end, or confirm
 * the category with a reason (recorded like any override). Until then it is not dispatched.
 */
export function awaitsCategoryConfirmation(ticket: { category: ServiceCategory; warrantyEnd: string | null; contractId: number | null; overrideReason: string | null }): boolean {
  return ticket.category === "A_PAID" && ticket.warrantyEnd === null && ticket.contractId === null && !ticket.overrideReason?.trim();
}

export interface ResolvedCategory {
  category: ServiceCategory;
  suggestedCategory: ServiceCategory;
  /** Set only when the dispatcher overrode the suggestion. */
  overrideReason: string | null;
}

/** R1: the dispatcher may override the suggestion, but must say why. */
export function resolveCategory(options: {
  suggested: ServiceCategory;
  override?: ServiceCategory | null;
  overrideReason?: string | null;
  /** The equipment has no warranty end on file and no contract covers it (isWarrantyUnknown). */
  warrantyUnknown?: boolean;
}): ResolvedCategory {
  const { suggested, override } = options;
  if (override === undefined || override === null || override === suggested) {
    // An unknown warranty: keeping the paid category with a reason is the dispatcher's confirmation.
    const confirmation = options.warrantyUnknown && suggested === "A_PAID" ? options.overrideReason?.trim() || null : null;
    return { category: suggested, suggestedCategory: suggested, overrideReason: confirmation };
  }
  if (!isServiceCategory(override)) {
    throw new DomainError("UNKNOWN_CATEGORY", `Unknown service category: ${String(override)}`);
  }
  const reason = options.overrideReason?.trim();
  if (!reason) {
    throw new DomainError(
      "CATEGORY_OVERRIDE_NEEDS_REASON",
      `Changing the category from ${suggested} to ${override} needs a reason.`,
    );
  }
  return { category: override, suggestedCategory: suggested, overrideReason: reason };
}
