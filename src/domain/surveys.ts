// R19/R20: the satisfaction survey of a closed call — its four items and four levels, how a try
// ends (an unreachable customer is called again on the next working day, up to a limit, then the
// survey counts as no answer), and which answers are a complaint (R21).
import { firstOpeningOn, MAX_DAYS_WITHOUT_WORKING_TIME, type WorkingCalendar } from "./working-calendar";

/** R20: the four items the customer rates the technician on. */
export const SURVEY_ITEMS = ["attitude", "skill", "arrivalTime", "promiseKeeping"] as const;
export type SurveyItem = (typeof SURVEY_ITEMS)[number];

/** R20: four levels for each item (the Rating enum). */
export const RATINGS = ["VERY_SATISFIED", "SATISFIED", "DISSATISFIED", "VERY_DISSATISFIED"] as const;
export type Rating = (typeof RATINGS)[number];

/** What a try can end with, as recorded by a person; NO_ANSWER follows from the last UNREACHABLE. */
export const RECORDED_OUTCOMES = ["ANSWERED", "UNREACHABLE", "DECLINED"] as const;
export type RecordedOutcome = (typeof RECORDED_OUTCOMES)[number];
export type SurveyOutcome = RecordedOutcome | "NO_ANSWER";

/** SURVEY_MAX_ATTEMPTS by default: three tries before an unreachable customer counts as no answer. */
export const DEFAULT_SURVEY_MAX_ATTEMPTS = 3;

export type SurveyRatings = Record<SurveyItem, Rating>;

/** The customer's comment, by phone or on the page: at most this many characters. */
export const MAX_SURVEY_COMMENT = 2000;

/** A survey is done once it was answered, declined, or the customer stayed unreachable through every try. */
export function isFinalOutcome(outcome: SurveyOutcome | null): boolean {
  return outcome === "ANSWERED" || outcome === "DECLINED" || outcome === "NO_ANSWER";
}

export function isSatisfied(rating: Rating): boolean {
  return rating === "VERY_SATISFIED" || rating === "SATISFIED";
}

/** R21: the items rated dissatisfied or very dissatisfied, in the items' order. */
export function dissatisfiedItems(ratings: SurveyRatings): SurveyItem[] {
  return SURVEY_ITEMS.filter((item) => !isSatisfied(ratings[item]));
}

/**
 * The survey's state after a recorded try: the tries count up; an unreachable customer is offered
 * again (`retry`) until `maxAttempts` tries were made, then the survey is NO_ANSWER.
 */
export function outcomeAfterTry(options: { recorded: RecordedOutcome; attemptsBefore: number; maxAttempts: number }): { outcome: SurveyOutcome; attempts: number; retry: boolean } {
  const attempts = options.attemptsBefore + 1;
  if (options.recorded !== "UNREACHABLE") return { outcome: options.recorded, attempts, retry: false };
  if (attempts >= Math.max(1, options.maxAttempts)) return { outcome: "NO_ANSWER", attempts, retry: false };
  return { outcome: "UNREACHABLE", attempts, retry: true };
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function workingDateFrom(calendar: WorkingCalendar, date: string, step: 1 | -1): string | null {
  let day = date;
  for (let i = 0; i < MAX_DAYS_WITHOUT_WORKING_TIME; i++) {
    day = shiftDate(day, step);
    if (firstOpeningOn(calendar, day)) return day;
  }
  return null;
}

/** R19: the branch's working day before `date` (YYYY-MM-DD): Friday before a Monday, the day before a holiday. Null if none within a year. */
export function previousWorkingDate(calendar: WorkingCalendar, date: string): string | null {
  return workingDateFrom(calendar, date, -1);
}

/** R19: the branch's working day after `date`, when an unreachable customer is called again. Null if none within a year. */
export function nextWorkingDate(calendar: WorkingCalendar, date: string): string | null {
  return workingDateFrom(calendar, date, 1);
}
