// The instants a branch's local day starts and ends, for "today" counts (R5 visits today).
import { localDate, nextOpening, type WorkingCalendar } from "./working-calendar";

const DAY_MS = 86_400_000;
// Zone offsets run from -12h to +14h, so a local midnight of day D is never before D 00:00 UTC - 14h.
const MAX_OFFSET_MS = 14 * 3_600_000;

// Open for the first minute of one weekday only, so the next opening after D 00:00 UTC - 14h is
// the midnight of D itself (the day before, which may start at that very instant, stays closed).
function midnightCalendar(timeZone: string, weekday: number): WorkingCalendar {
  return { timeZone, weeklyHours: [{ weekday, opensAt: 0, closesAt: 1 }], holidays: [] };
}

/** Start of the local day `date` (YYYY-MM-DD) in `timeZone`. */
export function startOfLocalDay(timeZone: string, date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(utcMidnight)) throw new RangeError(`date must be YYYY-MM-DD, got "${date}"`);
  const weekday = new Date(utcMidnight).getUTCDay();
  return nextOpening(midnightCalendar(timeZone, weekday), new Date(utcMidnight - MAX_OFFSET_MS));
}

/** [start, end) of the local day that contains `at`. */
export function localDayBounds(timeZone: string, at: Date): { date: string; start: Date; end: Date } {
  const date = localDate({ timeZone }, at);
  const nextDate = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return { date, start: startOfLocalDay(timeZone, date), end: startOfLocalDay(timeZone, nextDate) };
}
