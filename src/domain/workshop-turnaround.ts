// R11/R12: the workshop turnaround target (seed 003: an item taken in goes out within 1 working day;
// very special machines and accessories within 3), counted in the branch's working calendar.
import { isDomainError } from "./errors";
import { addWorkingDays, type WorkingCalendar } from "./working-calendar";

export interface WorkshopTurnaround {
  /** WORKSHOP_TURNAROUND_DAYS */
  days: number;
  /** WORKSHOP_TURNAROUND_SPECIAL_DAYS */
  specialDays: number;
}

export const DEFAULT_WORKSHOP_TURNAROUND: WorkshopTurnaround = { days: 1, specialDays: 3 };

/**
 * `days` working days after `from`; a branch whose calendar has no working time at all (not set up
 * yet) counts calendar days rather than refusing the technician's report.
 */
export function turnaroundDue(calendar: WorkingCalendar, from: Date, days: number): Date {
  try {
    return addWorkingDays(calendar, from, days);
  } catch (error) {
    if (isDomainError(error) && error.code === "CALENDAR_HAS_NO_WORKING_TIME") return new Date(from.getTime() + days * 86_400_000);
    throw error;
  }
}

/** When an item received at `receivedAt` is due back by the target, and by the special-case limit. */
export function workshopDue(calendar: WorkingCalendar, receivedAt: Date, turnaround: WorkshopTurnaround): { dueAt: Date; specialDueAt: Date } {
  return { dueAt: turnaroundDue(calendar, receivedAt, turnaround.days), specialDueAt: turnaroundDue(calendar, receivedAt, Math.max(turnaround.days, turnaround.specialDays)) };
}
