// R10 (seed 001 §4.5): what a visit charges the customer, line by line, and why. Paid work (A)
// charges everything; contract work (B) what the contract does not cover; warranty work (C) only
// wearing parts; internal work (D) nothing. Amounts up to the branch's limit are collected on site
// against the customer's signed receipt; above it the accountant is asked for an invoice.
import type { ServiceCategory } from "./category";

export const CHARGE_KINDS = ["LABOUR", "PARTS", "TRAVEL", "MEALS", "LODGING"] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/** Why a line is charged: shown on the line, so the customer and the accountant can see it. */
export const CHARGE_REASONS = ["PAID_SERVICE", "NOT_COVERED_BY_CONTRACT", "WEARING_PART"] as const;
export type ChargeReason = (typeof CHARGE_REASONS)[number];

export const SETTLEMENTS = ["NONE", "COLLECTED_ON_SITE", "INVOICE_REQUESTED"] as const;
export type Settlement = (typeof SETTLEMENTS)[number];

/** Seed 001 §4.5.5: "in principle, totals within 500 are collected in cash". */
export const DEFAULT_ON_SITE_COLLECTION_LIMIT = 500;

/** What a maintenance contract covers (R1 B: "charged as the contract says"), as the Contract row holds it. */
export interface ContractCover {
  coversLabour: boolean;
  coversParts: boolean;
  coversTravel: boolean;
}

/** What may be charged on a call: the modal shows the fee fields these allow. */
export interface FeePolicy {
  labour: ChargeReason | null;
  /** "all" parts, only "wearing" ones, or none. */
  parts: { which: "all" | "wearing"; reason: ChargeReason } | null;
  /** Travel, meals and lodging (seed 001 §4.5.2). */
  travel: ChargeReason | null;
}

export function feePolicy(category: ServiceCategory, contract: ContractCover | null): FeePolicy {
  switch (category) {
    case "A_PAID":
      return { labour: "PAID_SERVICE", parts: { which: "all", reason: "PAID_SERVICE" }, travel: "PAID_SERVICE" };
    case "B_CONTRACT": {
      // A B call without its contract on file: charge nothing rather than guess.
      const cover = contract ?? { coversLabour: true, coversParts: true, coversTravel: true };
      return {
        labour: cover.coversLabour ? null : "NOT_COVERED_BY_CONTRACT",
        parts: cover.coversParts ? null : { which: "all", reason: "NOT_COVERED_BY_CONTRACT" },
        travel: cover.coversTravel ? null : "NOT_COVERED_BY_CONTRACT",
      };
    }
    case "C_WARRANTY":
      return { labour: null, parts: { which: "wearing", reason: "WEARING_PART" }, travel: null };
    case "D_INTERNAL":
      return { labour: null, parts: null, travel: null };
  }
}

/** Whether anything at all may be charged (the modal then asks how it is settled). */
export function mayCharge(policy: FeePolicy): boolean {
  return policy.labour !== null || policy.parts !== null || policy.travel !== null;
}

export interface FeeInput {
  labourRate: number;
  /** Hours reported in the call's own category (A hours on a paid call, B on a contract call). */
  labourHours: number;
  parts: { unitPrice: number; quantity: number; wearing: boolean }[];
  travel: number;
  meals: number;
  lodging: number;
}

export interface ChargeLine {
  kind: ChargeKind;
  reason: ChargeReason;
  /** In cents of the branch's currency, so sums are exact. */
  cents: number;
}

const cents = (amount: number) => Math.round(amount * 100);

/** The visit's charge lines (none of zero), in a fixed order. */
export function computeCharges(policy: FeePolicy, input: FeeInput): ChargeLine[] {
  const lines: ChargeLine[] = [];
  const add = (kind: ChargeKind, reason: ChargeReason | null, amount: number) => {
    if (reason && amount > 0) lines.push({ kind, reason, cents: amount });
  };
  add("LABOUR", policy.labour, cents(input.labourRate * input.labourHours));
  if (policy.parts) {
    const charged = input.parts.filter((part) => policy.parts!.which === "all" || part.wearing);
    add("PARTS", policy.parts.reason, charged.reduce((sum, part) => sum + cents(part.unitPrice) * part.quantity, 0));
  }
  add("TRAVEL", policy.travel, cents(input.travel));
  add("MEALS", policy.travel, cents(input.meals));
  add("LODGING", policy.travel, cents(input.lodging));
  return lines;
}

export function totalCents(lines: readonly ChargeLine[]): number {
  return lines.reduce((sum, line) => sum + line.cents, 0);
}

/** "12500.00" from 1250000 cents. */
export function formatCents(value: number): string {
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * R10: a total within the limit may be collected on site (or invoiced, when the customer cannot
 * pay there); above the limit only an invoice will do. Null when the choice is allowed.
 */
export function settlementProblem(settlement: Settlement, totalInCents: number, limit: number): "settlement-required" | "above-collection-limit" | null {
  if (totalInCents <= 0) return null;
  if (settlement === "NONE") return "settlement-required";
  if (settlement === "COLLECTED_ON_SITE" && totalInCents > cents(limit)) return "above-collection-limit";
  return null;
}
