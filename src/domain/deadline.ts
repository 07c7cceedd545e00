// R6–R7: when a technician must be on site, and whether they were late.
import { DomainError } from "./errors";
import { addWorkingMinutes, workingMinutesBetween, type WorkingCalendar } from "./working-calendar";

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
 * Working minutes between the deadline and the arrival, 0 when on time. Rounded up, so any
 * late arrival counts at least one minute and the figure is never smaller than the truth.
 */
export function lateness(options: { calendar: WorkingCalendar; deadline: Date; arrivedAt: Date }): number {
  return Math.ceil(workingMinutesBetween(options.calendar, options.deadline, options.arrivedAt));
}

/**
 * R7: overdue means past the deadline *without* an arrival; a late arrival is measured by
 * `lateness` instead. Arriving exactly at the deadline is on time.
 */
export function isOverdue(options: { deadline: Date; arrivedAt?: Date | null; now: Date }): boolean {
  const { deadline, arrivedAt, now } = options;
  if (arrivedAt) return false;
  return now.getTime() > deadline.getTime();
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
