// R22: repeated substantiated complaints against one technician climb three levels.
import dayjs from "dayjs";

export const COMPLAINT_LEVELS = ["WARNING", "PENALTY", "DISMISSAL_REVIEW"] as const;
export type ComplaintLevel = (typeof COMPLAINT_LEVELS)[number];

/**
 * R22: the level a technician stands at with this many substantiated complaints inside the window:
 * the first is a warning, the second a penalty, the third and any after a dismissal review.
 */
export function complaintLevel(substantiatedInWindow: number): ComplaintLevel | null {
  if (!Number.isInteger(substantiatedInWindow) || substantiatedInWindow < 0) {
    throw new RangeError(`a count of complaints must be a whole number ≥ 0, got ${substantiatedInWindow}`);
  }
  if (substantiatedInWindow === 0) return null;
  return COMPLAINT_LEVELS[Math.min(substantiatedInWindow, COMPLAINT_LEVELS.length) - 1];
}

/** R22: the rolling window's first instant: complaints received at or after it count. */
export function complaintWindowStart(asOf: Date, windowMonths: number): Date {
  return dayjs(asOf).subtract(windowMonths, "month").toDate();
}

/**
 * R22: the level reached when one more substantiated complaint is added, or null when the count
 * stays at a level already reached (a dismissal review does not repeat).
 */
export function levelReachedBy(previousCount: number, newCount: number): ComplaintLevel | null {
  const before = complaintLevel(previousCount);
  const after = complaintLevel(newCount);
  return after !== null && after !== before ? after : null;
}
