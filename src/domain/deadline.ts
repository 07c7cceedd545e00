// R6–R7: when a technician must be on site, and whether they were late.
import { DomainError } from "./errors";
import { addWorkingMinutes, type WorkingCalendar } from "./working-calendar";

const MINUTE_MS = 60_000;

export type ServiceArea = "URBAN" | "SUBURBAN";

export interface ArrivalLimits {
  urbanHours: number;
  suburbanHours: number;
}

/** R6: at most 6 working hours in urban areas, 7 in suburban areas. */
export const DEFAULT_ARRIVAL_LIMITS: Readonly<ArrivalLimits> = Object.freeze({ urbanHours: 6, suburbanHours: 7 });

export function arrivalLimitMinutes(area: ServiceArea, limits: ArrivalLimits = DEFAULT_ARRIVAL_LIMITS): number {
  const hours = area === "URBAN" ? limits.urbanHours : area === "SUBURBAN" ? limits.suburbanHours : Number.NaN;
  if (!Number.isFinite(hours) || hours <= 0) {
    throw new DomainError("INVALID_ARRIVAL_LIMIT", `No positive arrival limit for area ${String(area)}: ${hours}`);
  }
  return hours * 60;
}

/** R6: the call's arrival deadline, counted in the branch's working hours only. */
export function computeArrivalDeadline(options: {
  calendar: WorkingCalendar;
  receivedAt: Date;
  area: ServiceArea;
  limits?: ArrivalLimits;
}): Date {
  const { calendar, receivedAt, area, limits = DEFAULT_ARRIVAL_LIMITS } = options;
  return addWorkingMinutes(calendar, receivedAt, arrivalLimitMinutes(area, limits));
}

/**
 * R6/R7: late means strictly after the deadline; arriving exactly at it is on time. The one test
 * behind the arrival's lateness, the on-time rate of the directors' summary and the overdue scan.
 */
export function isLate(options: { deadline: Date; at: Date }): boolean {
  return options.at.getTime() > options.deadline.getTime();
}

/**
 * R6: how late `at` is, in minutes on the clock past the deadline, rounded up (so any late arrival
 * is at least 1 minute late); 0 when on time. The working-hours allowance is spent in the deadline
 * itself; past it the customer waits in real time, the overdue alert goes out in real time, and the
 * figure is what anyone reads off the two times on the card (README, "Arrival deadline").
 */
export function lateness(options: { deadline: Date; at: Date }): number {
  if (!isLate(options)) return 0;
  return Math.ceil((options.at.getTime() - options.deadline.getTime()) / MINUTE_MS);
}

/**
 * R7: overdue means late *without* an arrival; a late arrival is measured by `lateness` instead.
 */
export function isOverdue(options: { deadline: Date; arrivedAt?: Date | null; now: Date }): boolean {
  const { deadline, arrivedAt, now } = options;
  if (arrivedAt) return false;
  return isLate({ deadline, at: now });
}
