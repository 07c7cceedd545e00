// R14: parts borrowed come back the same day; nothing stays out overnight without being flagged.
import { localDate } from "./working-calendar";

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/**
 * Local days (the branch's zone) a loan taken at `borrowedAt` has been out by the local date `on`,
 * both days counted: taken Friday and still out on Monday is 4 days, taken and back the same day is 1.
 */
export function daysOut(options: { timeZone: string; borrowedAt: Date; on: string }): number {
  return Math.max(1, dayNumber(options.on) - dayNumber(localDate(options, options.borrowedAt)) + 1);
}

/** R14: a loan that came back on a later local day than it was taken was out overnight. */
export function wasOutOvernight(options: { timeZone: string; borrowedAt: Date; settledAt: Date }): boolean {
  return localDate(options, options.settledAt) > localDate(options, options.borrowedAt);
}
