import { parseClockTime, type WorkingCalendar, type WorkingInterval } from "../../../src/domain/working-calendar";

export interface WeekdayCalendarOptions {
  timeZone?: string;
  opens?: string;
  closes?: string;
  /** A break inside the day, e.g. ["12:00", "13:00"]. */
  lunch?: [string, string];
  /** 0 = Sunday … 6 = Saturday; Monday to Friday by default. */
  weekdays?: number[];
  holidays?: string[];
}

/** A branch open the same hours on each listed weekday (Mon–Fri 09:00–18:00 in Seoul by default). */
export function weekdayCalendar(options: WeekdayCalendarOptions = {}): WorkingCalendar {
  const { timeZone = "Asia/Seoul", opens = "09:00", closes = "18:00", lunch, weekdays = [1, 2, 3, 4, 5], holidays = [] } =
    options;
  const spans: Array<[number, number]> = lunch
    ? [
        [parseClockTime(opens), parseClockTime(lunch[0])],
        [parseClockTime(lunch[1]), parseClockTime(closes)],
      ]
    : [[parseClockTime(opens), parseClockTime(closes)]];
  const weeklyHours: WorkingInterval[] = weekdays.flatMap((weekday) =>
    spans.map(([opensAt, closesAt]) => ({ weekday, opensAt, closesAt })),
  );
  return { timeZone, weeklyHours, holidays };
}

/** A branch that never closes, for checking DST arithmetic on its own. */
export function roundTheClockCalendar(timeZone: string): WorkingCalendar {
  return weekdayCalendar({ timeZone, opens: "00:00", closes: "24:00", weekdays: [0, 1, 2, 3, 4, 5, 6] });
}

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "2026-03-30 Mon 15:00" in `timeZone`, read straight from Intl so that tests do not
 * check the calendar code against itself.
 */
export function wallClock(timeZone: string, at: Date): string {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  const part = Object.fromEntries(formatter.formatToParts(at).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day} ${part.weekday} ${part.hour}:${part.minute}`;
}
