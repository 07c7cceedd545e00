// R6: working-hours arithmetic in a branch's own time zone.
//
// A working minute is a real elapsed minute inside an opening interval, so a shift that
// spans a DST switch is an hour shorter or longer on the wall clock, as it is for people.
// The walk goes interval by interval (never minute by minute) because deadlines are
// computed in bulk.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import { z } from "zod";
import { DomainError } from "./errors";

dayjs.extend(utc);

export interface WorkingInterval {
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** minutes after local midnight */
  opensAt: number;
  /** minutes after local midnight; 1440 means "until midnight" */
  closesAt: number;
}

export interface WorkingCalendar {
  /** IANA zone, e.g. Asia/Seoul */
  timeZone: string;
  /** Several intervals per weekday are allowed (lunch breaks). */
  weeklyHours: WorkingInterval[];
  /** Local dates YYYY-MM-DD on which the branch is closed. */
  holidays: string[];
}

/** A calendar with no working time for this many days in a row is misconfigured. */
export const MAX_DAYS_WITHOUT_WORKING_TIME = 366;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;

// ---------------------------------------------------------------------------
// Time-zone conversion.
//
// dayjs's timezone plugin is not used on purpose: `dayjs(x).tz(zone)` builds a new
// Intl formatter per call (~100 µs, too slow for bulk deadlines) and `dayjs.tz(text, zone)`
// resolves a repeated fall-back hour by the offset in force *today*, so its answer
// would depend on when the code runs. Both sit on the same Intl primitive used here,
// with the formatter cached per zone; dayjs (utc) only handles plain dates.

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Milliseconds to add to a UTC instant to read the wall clock of `timeZone`. */
function zoneOffsetMs(timeZone: string, instantMs: number): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of zoneFormatter(timeZone).formatToParts(instantMs)) {
    switch (part.type) {
      case "year":
        year = Number(part.value);
        break;
      case "month":
        month = Number(part.value);
        break;
      case "day":
        day = Number(part.value);
        break;
      case "hour":
        hour = Number(part.value) % 24; // some ICU versions print midnight as 24
        break;
      case "minute":
        minute = Number(part.value);
        break;
      case "second":
        second = Number(part.value);
        break;
    }
  }
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  return wallMs - (instantMs - mod(instantMs, 1000));
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

/** Local days are counted as days since 1970-01-01 in the branch zone. */
function localDayOf(timeZone: string, instantMs: number): number {
  return Math.floor((instantMs + zoneOffsetMs(timeZone, instantMs)) / DAY_MS);
}

interface ZoneDay {
  /** The offset for the whole local day, or null on a day with a DST switch. */
  uniformOffsetMs: number | null;
  offsetBeforeMs: number;
  offsetAfterMs: number;
}

// Deadlines revisit the same few days, so each (zone, day) is resolved once.
const zoneDays = new Map<string, ZoneDay>();
const ZONE_DAY_CACHE_LIMIT = 20_000;

function zoneDay(timeZone: string, day: number): ZoneDay {
  const key = `${timeZone}|${day}`;
  let found = zoneDays.get(key);
  if (!found) {
    // Offsets span -12h..+14h, so these two instants bracket the whole local day.
    const before = zoneOffsetMs(timeZone, (day - 1) * DAY_MS);
    const after = zoneOffsetMs(timeZone, (day + 2) * DAY_MS);
    found = { uniformOffsetMs: before === after ? before : null, offsetBeforeMs: before, offsetAfterMs: after };
    if (zoneDays.size >= ZONE_DAY_CACHE_LIMIT) zoneDays.clear();
    zoneDays.set(key, found);
  }
  return found;
}

/** The instant of a local wall-clock time (minute of local day `day`). */
function wallToInstant(timeZone: string, day: number, minuteOfDay: number): number {
  const wallMs = day * DAY_MS + minuteOfDay * MINUTE_MS;
  const zd = zoneDay(timeZone, day);
  if (zd.uniformOffsetMs !== null) return wallMs - zd.uniformOffsetMs;
  const withBefore = wallMs - zd.offsetBeforeMs;
  const withAfter = wallMs - zd.offsetAfterMs;
  const beforeFits = zoneOffsetMs(timeZone, withBefore) === zd.offsetBeforeMs;
  const afterFits = zoneOffsetMs(timeZone, withAfter) === zd.offsetAfterMs;
  // A repeated (fall-back) time means its first occurrence; a skipped (spring-forward)
  // time is read with the old offset, i.e. moved forward by the gap. Same as Temporal's
  // "compatible" disambiguation.
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
  if (afterFits) return withAfter;
  return withBefore;
}

// ---------------------------------------------------------------------------
// Calendar walk.

interface CompiledCalendar {
  timeZone: string;
  /** Per weekday, sorted and merged [opensAt, closesAt] minute pairs. */
  byWeekday: Array<Array<[number, number]>>;
  holidays: Set<number>;
  hasWeeklyHours: boolean;
}

function compile(calendar: WorkingCalendar): CompiledCalendar {
  const byWeekday: Array<Array<[number, number]>> = [[], [], [], [], [], [], []];
  for (const interval of calendar.weeklyHours) {
    const opensAt = Math.max(0, interval.opensAt);
    const closesAt = Math.min(MINUTES_PER_DAY, interval.closesAt);
    if (closesAt > opensAt && byWeekday[interval.weekday]) byWeekday[interval.weekday].push([opensAt, closesAt]);
  }
  for (const intervals of byWeekday) {
    intervals.sort((a, b) => a[0] - b[0]);
    // Merging keeps an unvalidated, overlapping calendar from counting a minute twice.
    for (let i = 1; i < intervals.length; i++) {
      if (intervals[i][0] <= intervals[i - 1][1]) {
        intervals[i - 1][1] = Math.max(intervals[i - 1][1], intervals[i][1]);
        intervals.splice(i, 1);
        i--;
      }
    }
  }
  const holidays = new Set<number>();
  for (const date of calendar.holidays) {
    const day = dayOfDate(date);
    if (day !== null) holidays.add(day);
  }
  return {
    timeZone: calendar.timeZone,
    byWeekday,
    holidays,
    hasWeeklyHours: byWeekday.some((intervals) => intervals.length > 0),
  };
}

function dayOfDate(date: string): number | null {
  const parsed = dayjs.utc(date);
  return parsed.isValid() ? Math.floor(parsed.valueOf() / DAY_MS) : null;
}

function weekdayOf(day: number): number {
  return mod(day + 4, 7); // 1970-01-01 was a Thursday
}

/** The day's opening intervals as [start, end) instants, empty on holidays and days off. */
function segmentsOf(calendar: CompiledCalendar, day: number): Array<[number, number]> {
  if (calendar.holidays.has(day)) return [];
  const segments: Array<[number, number]> = [];
  for (const [opensAt, closesAt] of calendar.byWeekday[weekdayOf(day)]) {
    // closesAt 1440 is the next day's midnight, which may carry a different offset.
    const start = wallToInstant(calendar.timeZone, day, opensAt);
    const end =
      closesAt === MINUTES_PER_DAY
        ? wallToInstant(calendar.timeZone, day + 1, 0)
        : wallToInstant(calendar.timeZone, day, closesAt);
    if (end > start) segments.push([start, end]);
  }
  return segments;
}

function instantOf(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

/**
 * The instant `minutes` working minutes after `start`. Outside hours the clock starts at
 * the next opening; a deadline that uses up an interval exactly ends at its closing time.
 */
export function addWorkingMinutes(calendar: WorkingCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  }
  const startMs = instantOf(start, "start");
  const compiled = compile(calendar);
  if (!compiled.hasWeeklyHours) throw noWorkingTime(calendar, start);

  let remaining = Math.round(minutes * MINUTE_MS);
  let cursor = startMs;
  let daysWithoutWork = 0;
  for (let day = localDayOf(calendar.timeZone, startMs); ; day++) {
    const segments = segmentsOf(compiled, day);
    daysWithoutWork = segments.length === 0 ? daysWithoutWork + 1 : 0;
    if (daysWithoutWork > MAX_DAYS_WITHOUT_WORKING_TIME) throw noWorkingTime(calendar, start);
    for (const [segmentStart, segmentEnd] of segments) {
      if (segmentEnd <= cursor) continue;
      const from = Math.max(segmentStart, cursor);
      if (remaining <= segmentEnd - from) return new Date(from + remaining);
      remaining -= segmentEnd - from;
      cursor = segmentEnd;
    }
  }
}

/**
 * R11 (workshop turnaround): `days` working days after `start`, i.e. the same local time on the
 * `days`-th next day the branch is open, kept inside that day's opening hours. Received outside
 * hours, the count starts at the next opening (Friday 19:00 + 1 working day = Tuesday 09:00 when
 * the branch opens 09:00 Monday to Friday).
 */
export function addWorkingDays(calendar: WorkingCalendar, start: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number >= 0, got ${days}`);
  const from = addWorkingMinutes(calendar, start, 0).getTime();
  if (days === 0) return new Date(from);
  const compiled = compile(calendar);
  const minuteOfDay = mod(Math.floor((from + zoneOffsetMs(calendar.timeZone, from)) / MINUTE_MS), MINUTES_PER_DAY);
  let day = localDayOf(calendar.timeZone, from);
  let segments: Array<[number, number]> = [];
  for (let left = days, empty = 0; left > 0; ) {
    day++;
    segments = segmentsOf(compiled, day);
    if (segments.length) {
      left--;
      empty = 0;
    } else if (++empty > MAX_DAYS_WITHOUT_WORKING_TIME) throw noWorkingTime(calendar, start);
  }
  const wall = wallToInstant(calendar.timeZone, day, minuteOfDay);
  return new Date(Math.min(Math.max(wall, segments[0][0]), segments[segments.length - 1][1]));
}

/** Working minutes in [from, to); 0 if `to` is not after `from`. May be fractional. */
export function workingMinutesBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  const fromMs = instantOf(from, "from");
  const toMs = instantOf(to, "to");
  if (toMs <= fromMs) return 0;
  const compiled = compile(calendar);
  const lastDay = localDayOf(calendar.timeZone, toMs);
  let totalMs = 0;
  for (let day = localDayOf(calendar.timeZone, fromMs); day <= lastDay; day++) {
    for (const [segmentStart, segmentEnd] of segmentsOf(compiled, day)) {
      const overlap = Math.min(segmentEnd, toMs) - Math.max(segmentStart, fromMs);
      if (overlap > 0) totalMs += overlap;
    }
  }
  return totalMs / MINUTE_MS;
}

/** Whether `at` falls inside an opening interval (opening time inclusive, closing exclusive). */
export function isWorkingTime(calendar: WorkingCalendar, at: Date): boolean {
  const atMs = instantOf(at, "at");
  const compiled = compile(calendar);
  return segmentsOf(compiled, localDayOf(calendar.timeZone, atMs)).some(([start, end]) => start <= atMs && atMs < end);
}

/** `at` itself inside working hours, otherwise the start of the next opening interval. */
export function nextOpening(calendar: WorkingCalendar, at: Date): Date {
  return addWorkingMinutes(calendar, at, 0);
}

/** The instant a local date (YYYY-MM-DD) starts in `timeZone`, or `minuteOfDay` minutes after that on the wall clock. */
export function localDateTime(timeZone: string, date: string, minuteOfDay = 0): Date {
  const day = dayOfDate(date);
  if (day === null) throw new RangeError(`Not a date (YYYY-MM-DD): "${date}"`);
  return new Date(wallToInstant(timeZone, day, minuteOfDay));
}

/** The first opening of a local date (YYYY-MM-DD), or null when the branch is closed all day. */
export function firstOpeningOn(calendar: WorkingCalendar, date: string): Date | null {
  const day = dayOfDate(date);
  if (day === null) throw new RangeError(`Not a date (YYYY-MM-DD): "${date}"`);
  const first = segmentsOf(compile(calendar), day)[0];
  return first ? new Date(first[0]) : null;
}

/** The last closing of a local date (YYYY-MM-DD), or null when the branch is closed all day. */
export function lastClosingOn(calendar: WorkingCalendar, date: string): Date | null {
  const day = dayOfDate(date);
  if (day === null) throw new RangeError(`Not a date (YYYY-MM-DD): "${date}"`);
  const segments = segmentsOf(compile(calendar), day);
  return segments.length ? new Date(segments[segments.length - 1][1]) : null;
}

/** The local date (YYYY-MM-DD) of `at` in the calendar's zone. */
export function localDate(calendar: Pick<WorkingCalendar, "timeZone">, at: Date): string {
  const atMs = instantOf(at, "at");
  return dayjs.utc(atMs + zoneOffsetMs(calendar.timeZone, atMs)).format("YYYY-MM-DD");
}

function noWorkingTime(calendar: WorkingCalendar, start: Date): DomainError {
  return new DomainError(
    "CALENDAR_HAS_NO_WORKING_TIME",
    `The ${calendar.timeZone} calendar has no working time within ${MAX_DAYS_WITHOUT_WORKING_TIME} days ` +
      `after ${start.toISOString()}: check its weekly hours and holidays.`,
  );
}

// ---------------------------------------------------------------------------
// Configuration checks, for the admin import and for calendars read from the database.

/** "09:00" → 540; "24:00" is allowed as the end of the day. */
export function parseClockTime(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!match || Number(match[2]) > 59 || minutes > MINUTES_PER_DAY) {
    throw new RangeError(`Not a clock time (HH:MM, 00:00-24:00): "${text}"`);
  }
  return minutes;
}

/** 540 → "09:00" */
export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
}

const clockMinutes = z.number().int().min(0).max(MINUTES_PER_DAY);

export const workingIntervalSchema = z
  .object({ weekday: z.number().int().min(0).max(6), opensAt: clockMinutes, closesAt: clockMinutes })
  .refine((interval) => interval.opensAt < interval.closesAt, {
    message: "opening time must be before closing time",
    path: ["closesAt"],
  });

const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((date) => dayjs.utc(date).format("YYYY-MM-DD") === date, "not a calendar date");

export const workingCalendarSchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, "not an IANA time zone (e.g. Asia/Seoul)"),
    weeklyHours: z.array(workingIntervalSchema).min(1, "at least one working interval is needed"),
    holidays: z.array(localDateSchema),
  })
  .superRefine((calendar, ctx) => {
    const sorted = calendar.weeklyHours
      .map((interval, index) => ({ interval, index }))
      .sort((a, b) => a.interval.weekday - b.interval.weekday || a.interval.opensAt - b.interval.opensAt);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1].interval;
      const current = sorted[i].interval;
      if (current.weekday === previous.weekday && current.opensAt < previous.closesAt) {
        ctx.addIssue({
          code: "custom",
          path: ["weeklyHours", sorted[i].index],
          message:
            `overlaps ${formatClockTime(previous.opensAt)}-${formatClockTime(previous.closesAt)} ` +
            `on weekday ${current.weekday}`,
        });
      }
    }
  });

/** Parses and checks a calendar; throws DomainError INVALID_CALENDAR listing every problem. */
export function validateCalendar(input: unknown): WorkingCalendar {
  const result = workingCalendarSchema.safeParse(input);
  if (!result.success) throw new DomainError("INVALID_CALENDAR", z.prettifyError(result.error));
  return result.data;
}
