// R20/R22: a technician's month against the procedure's targets — survey coverage (overall and
// inside warranty), satisfaction per survey item, arrivals within the R6 deadline — and the R22
// level reached by substantiated complaints. Pure: the counts come from one SQL aggregate
// (services/evaluations/compute-monthly-evaluation.ts); the rates and verdicts are decided here.
import type { ServiceCategory } from "./category";
import { complaintLevel, type ComplaintLevel } from "./complaint-levels";
import { firstOpeningOn, type WorkingCalendar } from "./working-calendar";

/** R20: the four survey items, in the order the survey asks them. */
export const SURVEY_ITEMS = ["attitude", "skill", "arrivalTime", "promiseKeeping"] as const;
export type SurveyItem = (typeof SURVEY_ITEMS)[number];

export interface EvaluationTargets {
  /** R20: answered surveys / calls closed, overall and inside warranty (SURVEY_COVERAGE_TARGET_PERCENT). */
  coveragePercent: number;
  /** R20: satisfied + very satisfied among the answers, per item (SURVEY_SATISFACTION_TARGET_PERCENT). */
  satisfactionPercent: number;
  /** R6: arrivals within the deadline among the month's arrivals (EVALUATION_ON_TIME_TARGET_PERCENT). */
  onTimePercent: number;
}

export const DEFAULT_EVALUATION_TARGETS: EvaluationTargets = { coveragePercent: 100, satisfactionPercent: 98, onTimePercent: 95 };

/** What the month's rows say about one technician: counts only. */
export interface TechnicianMonthCounts {
  /** Calls closed in the month (inside warranty: category C). */
  closed: number;
  closedWarranty: number;
  /** Of those calls, the ones whose survey the customer answered. */
  surveyed: number;
  surveyedWarranty: number;
  /** Per item: answers given, and how many were satisfied or very satisfied. */
  items: Record<SurveyItem, { answers: number; satisfied: number }>;
  /** R6: arrivals in the month that had a deadline, and those at or before it. */
  arrivals: { withDeadline: number; onTime: number };
  /** R15: person-hours logged in the month, per category. */
  hours: Record<ServiceCategory, number>;
  /** R21/R22: complaints received in the month, those found substantiated, and substantiated ones inside the rolling window. */
  complaints: { received: number; substantiated: number; substantiatedInWindow: number };
}

/** A share against its target: null rate (and verdict) when there was nothing to count. */
export interface RateVerdict {
  count: number;
  of: number;
  /** 0…1, or null when `of` is 0. */
  rate: number | null;
  /** Whether the rate reaches the target; null when there is no rate. */
  met: boolean | null;
}

export interface TechnicianVerdicts {
  coverage: RateVerdict;
  warrantyCoverage: RateVerdict;
  /** All four items together. */
  satisfaction: RateVerdict;
  items: Record<SurveyItem, RateVerdict>;
  onTime: RateVerdict;
  hoursTotal: number;
  /** R22: the level the substantiated complaints in the window reach (null: none). */
  complaintLevel: ComplaintLevel | null;
  /** Every target that has a rate this month is met (the R22 level is shown on its own). */
  allMet: boolean;
}

/** count/of against a target in percent; compared as count × 100 ≥ target × of, so 49/50 is exactly 98%. */
export function rateAgainst(count: number, of: number, targetPercent: number): RateVerdict {
  if (!Number.isInteger(count) || !Number.isInteger(of) || count < 0 || of < 0 || count > of) {
    throw new RangeError(`a share needs whole counts with 0 ≤ count ≤ of, got ${count}/${of}`);
  }
  if (of === 0) return { count, of, rate: null, met: null };
  return { count, of, rate: count / of, met: count * 100 >= targetPercent * of };
}

/** R20/R22: the verdicts of one technician's month. */
export function evaluateTechnician(counts: TechnicianMonthCounts, targets: EvaluationTargets = DEFAULT_EVALUATION_TARGETS): TechnicianVerdicts {
  const items = Object.fromEntries(
    SURVEY_ITEMS.map((item) => [item, rateAgainst(counts.items[item].satisfied, counts.items[item].answers, targets.satisfactionPercent)]),
  ) as Record<SurveyItem, RateVerdict>;
  const satisfied = SURVEY_ITEMS.reduce((sum, item) => sum + counts.items[item].satisfied, 0);
  const answers = SURVEY_ITEMS.reduce((sum, item) => sum + counts.items[item].answers, 0);
  const verdicts = {
    coverage: rateAgainst(counts.surveyed, counts.closed, targets.coveragePercent),
    warrantyCoverage: rateAgainst(counts.surveyedWarranty, counts.closedWarranty, targets.coveragePercent),
    satisfaction: rateAgainst(satisfied, answers, targets.satisfactionPercent),
    items,
    onTime: rateAgainst(counts.arrivals.onTime, counts.arrivals.withDeadline, targets.onTimePercent),
    hoursTotal: Math.round(Object.values(counts.hours).reduce((sum, hours) => sum + hours, 0) * 100) / 100,
    complaintLevel: complaintLevel(counts.complaints.substantiatedInWindow),
  };
  const rates = [verdicts.coverage, verdicts.warrantyCoverage, ...Object.values(items), verdicts.onTime];
  return { ...verdicts, allMet: rates.every((verdict) => verdict.met !== false) };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-11" → true; anything else (2026-13, 2026-1) → false. */
export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

/** The month before a YYYY-MM or a date's month (YYYY-MM-DD): "2026-01-05" → "2025-12". */
export function previousMonth(dateOrMonth: string): string {
  return shiftMonth(dateOrMonth.slice(0, 7), -1);
}

/** The month after YYYY-MM. */
export function nextMonth(month: string): string {
  return shiftMonth(month, 1);
}

function shiftMonth(month: string, by: number): string {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`Not a month (YYYY-MM): "${month}"`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + by;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The local dates YYYY-MM-DD of a month, in order. */
export function datesOfMonth(month: string): string[] {
  if (!isMonth(month)) throw new RangeError(`Not a month (YYYY-MM): "${month}"`);
  const [year, monthNumber] = month.split("-").map(Number);
  const days = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return Array.from({ length: days }, (_, index) => `${month}-${String(index + 1).padStart(2, "0")}`);
}

/** The month's first working day (weekly hours and holidays), or null when the branch is closed all month. */
export function firstWorkingDayOfMonth(calendar: WorkingCalendar, month: string): string | null {
  return datesOfMonth(month).find((date) => firstOpeningOn(calendar, date) !== null) ?? null;
}

/** What the evaluation is computed with: the targets and R22's window (COMPLAINT_WINDOW_MONTHS). */
export interface EvaluationSettings {
  targets: EvaluationTargets;
  complaintWindowMonths: number;
}

export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = { targets: DEFAULT_EVALUATION_TARGETS, complaintWindowMonths: 12 };
