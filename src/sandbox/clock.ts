// The sandbox's own clock: it runs in real time from wherever it was last put, so a visitor can
// jump to the evening or the next morning and the bot, the jobs and the Slack stand-in all agree.
import type { Clock } from "../clock";

export interface SandboxClock extends Clock {
  set(at: Date): void;
  advance(ms: number): void;
}

/** Starts at `start`; `realNow` is injectable so tests can freeze the flow of time. */
export function sandboxClock(start: Date, realNow: () => number = Date.now): SandboxClock {
  let offset = start.getTime() - realNow();
  return {
    now: () => new Date(realNow() + offset),
    set: (at) => {
      offset = at.getTime() - realNow();
    },
    advance: (ms) => {
      offset += ms;
    },
  };
}

/** "18:30" → minutes after midnight. */
export function minuteOfDay(hhmm: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) throw new Error(`"${hhmm}" is not a time of day like 18:30`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** "2026-11-23", the calendar day `at` falls on in `timeZone`. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
