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

/**
 * R6: the call's arrival deadline, counted in the branch's working hours only, from the moment the
 * customer called (seed 000 §19: "from the repair request"), not from when it was typed in.
 */
export function computeArrivalDeadline(options: {
  calendar: WorkingCalendar;
  calledAt: Date;
  area: ServiceArea;
  limits?: ArrivalLimits;
}): Date {
  const { calendar, calledAt, area, limits = DEFAULT_ARRIVAL_LIMITS } = options;
  return addWorkingMinutes(calendar, calledAt, arrivalLimitMinutes(area, limits));
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

export interface DeadlineAlerts {
  preWarningSentAt: Date | null;
  overdueAlertedAt: Date | null;
}

/**
 * R7 after R6's deadline moved (the branch's calendar changed): the alerts follow the new deadline.
 * A warning already sent goes out again before a later deadline; a call that is no longer overdue
 * loses its overdue mark, so it is alerted again if the new deadline passes (`withdrawOverdue`: its
 * earlier alert should stop climbing). A call moved into overdue is left to the overdue scan.
 */
export function alertsAfterDeadlineMove(options: { from: Date; to: Date; now: Date; alerts: DeadlineAlerts }): DeadlineAlerts & { withdrawOverdue: boolean } {
  const { from, to, now, alerts } = options;
  const later = to.getTime() > from.getTime();
  const overdue = isOverdue({ deadline: to, now });
  const withdrawOverdue = alerts.overdueAlertedAt !== null && !overdue;
  return {
    preWarningSentAt: later ? null : alerts.preWarningSentAt,
    overdueAlertedAt: withdrawOverdue ? null : alerts.overdueAlertedAt,
    withdrawOverdue,
  };
}
