// The compact text a branch's calendar is written in, in one CSV cell each (R6 counts only these hours):
//   working_hours  Mon-Fri 09:00-12:00,13:00-18:00; Sat 09:00-13:00
//   holidays       2026-09-24..2026-09-26 Chuseok|2026-12-25 Christmas
//   remove_holidays  2026-12-31|2026-09-25..2026-09-26   (working days after all: their holidays go)
import { addDays, daysBetween, isoDay, toUtcDate } from "./dates";

export interface WeeklyInterval {
  /** 0 = Sunday … 6 = Saturday, as WorkingHours stores it. */
  weekday: number;
  /** Minutes after local midnight. */
  opensAt: number;
  closesAt: number;
}

export interface HolidayEntry {
  date: Date;
  name: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const DAY_LABELS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MAX_HOLIDAY_RANGE_DAYS = 31;
const MAX_HOLIDAY_NAME = 100;
export const DEFAULT_HOLIDAY_NAME = "Holiday";

class SyntaxProblem extends Error {}

function attempt<T>(parse: () => T): Parsed<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { ok: false, error: error.message };
    throw error;
  }
}

/**
 * Groups separated by `;`; each group is days then intervals. Days: `Mon`, `Mon-Fri`, `Mon,Wed,Fri`;
 * a range runs forward through the week, so `Sun-Thu` works. Intervals: `HH:MM-HH:MM`, comma-separated
 * (a lunch break is two intervals). Overnight intervals are not supported.
 */
export function parseWorkingHours(text: string): Parsed<WeeklyInterval[]> {
  return attempt(() => {
    const intervals = text
      .split(";")
      .map((group) => group.trim())
      .filter(Boolean)
      .flatMap(parseGroup);
    if (intervals.length === 0) throw new SyntaxProblem("no opening hours given");
    intervals.sort((a, b) => a.weekday - b.weekday || a.opensAt - b.opensAt);
    rejectOverlaps(intervals);
    return intervals;
  });
}

function parseGroup(group: string): WeeklyInterval[] {
  // Spaces around `-` and `,` are allowed: "Mon - Fri 09:00 - 18:00".
  const parts = group.replace(/\s*([-,])\s*/g, "$1").split(/\s+/);
  if (parts.length !== 2) throw new SyntaxProblem(`"${group}": expected days then hours, e.g. "Mon-Fri 09:00-18:00"`);
  const [days, hours] = parts as [string, string];
  const weekdays = days.split(",").flatMap(parseDayOrRange);
  const spans = hours.split(",").map(parseSpan);
  return weekdays.flatMap((weekday) => spans.map((span) => ({ weekday, ...span })));
}

function parseDayOrRange(token: string): number[] {
  const [from, to, ...rest] = token.split("-");
  if (rest.length > 0 || from === undefined) throw new SyntaxProblem(`"${token}" is not a day or a range of days`);
  const first = parseDay(from);
  if (to === undefined) return [first];
  const last = parseDay(to);
  const length = ((last - first + 7) % 7) + 1;
  return Array.from({ length }, (_, i) => (first + i) % 7);
}

function parseDay(token: string): number {
  const word = token.toLowerCase();
  const index = word.length >= 3 ? DAY_NAMES.findIndex((name) => name.startsWith(word)) : -1;
  if (index < 0) throw new SyntaxProblem(`unknown day "${token}" (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  return index;
}

function parseSpan(token: string): { opensAt: number; closesAt: number } {
  const match = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(token);
  if (!match) throw new SyntaxProblem(`"${token}" is not a time range such as 09:00-18:00`);
  const opensAt = parseTime(match[1]!);
  const closesAt = parseTime(match[2]!);
  if (closesAt <= opensAt) throw new SyntaxProblem(`"${token}" closes before it opens`);
  return { opensAt, closesAt };
}

function parseTime(token: string): number {
  const [hours, minutes] = token.split(":").map(Number) as [number, number];
  const total = hours * 60 + minutes;
  if (minutes > 59 || total > 24 * 60) throw new SyntaxProblem(`"${token}" is not a time of day`);
  return total;
}

/** Expects intervals sorted by weekday then opening time. */
function rejectOverlaps(intervals: WeeklyInterval[]): void {
  for (let i = 1; i < intervals.length; i++) {
    const previous = intervals[i - 1]!;
    const current = intervals[i]!;
    if (current.weekday === previous.weekday && current.opensAt < previous.closesAt) {
      throw new SyntaxProblem(`${DAY_LABELS[current.weekday]}: ${formatSpan(previous)} overlaps ${formatSpan(current)}`);
    }
  }
}

function formatSpan(interval: { opensAt: number; closesAt: number }): string {
  return `${formatTime(interval.opensAt)}-${formatTime(interval.closesAt)}`;
}

function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/**
 * Entries separated by `|`; each is a date or an inclusive range `from..to`, then an optional name
 * (default "Holiday"): `2026-02-16..2026-02-18 Seollal|2026-03-01 Independence Movement Day`.
 */
export function parseHolidays(text: string): Parsed<HolidayEntry[]> {
  return attempt(() => {
    const entries = text
      .split("|")
      .map((entry) => entry.trim())
      .filter(Boolean)
      .flatMap(parseHolidayEntry);
    const seen = new Set<number>();
    for (const { date } of entries) {
      if (seen.has(date.getTime())) throw new SyntaxProblem(`${isoDay(date)} is listed twice`);
      seen.add(date.getTime());
    }
    return entries.sort((a, b) => a.date.getTime() - b.date.getTime());
  });
}

function parseHolidayEntry(entry: string): HolidayEntry[] {
  const match = /^(\S+?)(?:\.\.(\S+))?(?:\s+(.+))?$/.exec(entry);
  const from = match && toUtcDate(match[1]!);
  const to = match?.[2] === undefined ? from : toUtcDate(match[2]);
  if (!match || !from || !to) throw new SyntaxProblem(`"${entry}": expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, then a name`);
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new SyntaxProblem(`"${entry}": the range ends before it starts`);
  if (days > MAX_HOLIDAY_RANGE_DAYS) throw new SyntaxProblem(`"${entry}": a range may span at most ${MAX_HOLIDAY_RANGE_DAYS} days`);
  const name = match[3]?.trim() || DEFAULT_HOLIDAY_NAME;
  if (name.length > MAX_HOLIDAY_NAME) throw new SyntaxProblem(`"${entry}": the name may have at most ${MAX_HOLIDAY_NAME} characters`);
  return Array.from({ length: days }, (_, i) => ({ date: addDays(from, i), name }));
}

/**
 * Dates or inclusive ranges separated by `|`, without names: the days whose holidays are removed
 * (`remove_holidays`). Removing is always said in so many words, never by leaving a day out.
 */
export function parseHolidayDates(text: string): Parsed<Date[]> {
  return attempt(() => {
    const entries = text
      .split("|")
      .map((entry) => entry.trim())
      .filter(Boolean);
    for (const entry of entries) {
      if (/\s/.test(entry)) throw new SyntaxProblem(`"${entry}": expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, without a name`);
    }
    const dates = entries.flatMap(parseHolidayEntry).map((holiday) => holiday.date);
    const seen = new Set<number>();
    for (const date of dates) {
      if (seen.has(date.getTime())) throw new SyntaxProblem(`${isoDay(date)} is listed twice`);
      seen.add(date.getTime());
    }
    return dates.sort((a, b) => a.getTime() - b.getTime());
  });
}
