import { isDomainError } from "../../../src/domain/errors";
import {
  addWorkingDays,
  addWorkingMinutes,
  formatClockTime,
  isWorkingTime,
  localDate,
  nextOpening,
  parseClockTime,
  validateCalendar,
  workingMinutesBetween,
  type WorkingCalendar,
} from "../../../src/domain/working-calendar";
import { roundTheClockCalendar, wallClock, weekdayCalendar } from "../../support/factories/calendar";

const SEOUL = "Asia/Seoul";
const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";

const at = (iso: string) => new Date(iso);

describe("working calendar (R6)", () => {
  describe("opening hours", () => {
    const calendar = weekdayCalendar({ timeZone: SEOUL });

    it("R6: opening time is working time and closing time is not", () => {
      expect(isWorkingTime(calendar, at("2026-06-01T09:00:00+09:00"))).toBe(true);
      expect(isWorkingTime(calendar, at("2026-06-01T17:59:59+09:00"))).toBe(true);
      expect(isWorkingTime(calendar, at("2026-06-01T18:00:00+09:00"))).toBe(false);
      expect(isWorkingTime(calendar, at("2026-06-01T08:59:59+09:00"))).toBe(false);
    });

    it("R6: a call in the evening starts the clock at the next morning's opening", () => {
      const evening = at("2026-06-01T20:00:00+09:00");
      expect(wallClock(SEOUL, nextOpening(calendar, evening))).toBe("2026-06-02 Tue 09:00");
      expect(wallClock(SEOUL, addWorkingMinutes(calendar, evening, 60))).toBe("2026-06-02 Tue 10:00");
    });

    it("R6: a call on Saturday starts the clock on Monday morning", () => {
      const saturday = at("2026-05-09T10:00:00+09:00");
      expect(isWorkingTime(calendar, saturday)).toBe(false);
      expect(wallClock(SEOUL, addWorkingMinutes(calendar, saturday, 6 * 60))).toBe("2026-05-11 Mon 15:00");
    });

    it("R6: nextOpening inside working hours is the instant itself", () => {
      const inside = at("2026-06-01T10:17:23+09:00");
      expect(nextOpening(calendar, inside)).toEqual(inside);
    });

    it("R6: adding zero minutes outside hours gives the next opening", () => {
      expect(addWorkingMinutes(calendar, at("2026-06-01T18:00:00+09:00"), 0)).toEqual(at("2026-06-02T09:00:00+09:00"));
    });

    it("R6: a deadline that uses up the day exactly ends at closing time, not the next morning", () => {
      expect(wallClock(SEOUL, addWorkingMinutes(calendar, at("2026-06-01T12:00:00+09:00"), 6 * 60))).toBe(
        "2026-06-01 Mon 18:00",
      );
    });

    it("R6: a suburban call at 17:00 Friday is due 15:00 Monday", () => {
      expect(wallClock(SEOUL, addWorkingMinutes(calendar, at("2026-05-29T17:00:00+09:00"), 7 * 60))).toBe(
        "2026-06-01 Mon 15:00",
      );
    });

    it("R6: thirty working hours from Monday morning end on Thursday at noon", () => {
      expect(wallClock(SEOUL, addWorkingMinutes(calendar, at("2026-06-01T09:00:00+09:00"), 30 * 60))).toBe(
        "2026-06-04 Thu 12:00",
      );
    });

    it("R6: counts only working minutes between two instants, and 0 when they are in the wrong order", () => {
      const friday = at("2026-05-29T17:00:00+09:00");
      const monday = at("2026-06-01T15:00:00+09:00");
      expect(workingMinutesBetween(calendar, friday, monday)).toBe(420);
      expect(workingMinutesBetween(calendar, monday, friday)).toBe(0);
      expect(workingMinutesBetween(calendar, friday, friday)).toBe(0);
      expect(workingMinutesBetween(calendar, at("2026-05-30T09:00:00+09:00"), at("2026-05-31T23:00:00+09:00"))).toBe(0);
    });

    it("R6: keeps seconds, so minutes between odd instants may be fractional", () => {
      const start = at("2026-06-01T17:59:30+09:00");
      const end = addWorkingMinutes(calendar, start, 1);
      expect(wallClock(SEOUL, end)).toBe("2026-06-02 Tue 09:00");
      expect(end.toISOString()).toBe("2026-06-02T00:00:30.000Z");
      expect(workingMinutesBetween(calendar, start, at("2026-06-01T18:30:00+09:00"))).toBe(0.5);
    });

    it("R6: the local date is read in the branch zone, not in UTC", () => {
      expect(localDate(calendar, at("2026-03-01T16:00:00Z"))).toBe("2026-03-02");
      expect(localDate({ timeZone: NEW_YORK }, at("2026-03-01T03:00:00Z"))).toBe("2026-02-28");
    });
  });

  describe("holidays and lunch breaks", () => {
    // 2026-05-05 is Children's Day, a Tuesday.
    const calendar = weekdayCalendar({ timeZone: SEOUL, holidays: ["2026-05-05"] });
    const withLunch = weekdayCalendar({ timeZone: SEOUL, lunch: ["12:00", "13:00"], holidays: ["2026-05-05"] });

    it("R6: a call arriving on a holiday starts the clock at the next working day's opening", () => {
      const holiday = at("2026-05-05T10:00:00+09:00");
      expect(isWorkingTime(calendar, holiday)).toBe(false);
      expect(wallClock(SEOUL, nextOpening(calendar, holiday))).toBe("2026-05-06 Wed 09:00");
    });

    it("R6: a holiday inside the deadline is skipped", () => {
      const monday = at("2026-05-04T16:00:00+09:00");
      expect(wallClock(SEOUL, addWorkingMinutes(calendar, monday, 6 * 60))).toBe("2026-05-06 Wed 13:00");
      expect(workingMinutesBetween(calendar, monday, at("2026-05-06T13:00:00+09:00"))).toBe(360);
    });

    it("R6: the lunch break does not count", () => {
      expect(isWorkingTime(withLunch, at("2026-06-01T12:30:00+09:00"))).toBe(false);
      expect(wallClock(SEOUL, addWorkingMinutes(withLunch, at("2026-06-01T11:00:00+09:00"), 120))).toBe(
        "2026-06-01 Mon 14:00",
      );
      expect(workingMinutesBetween(withLunch, at("2026-06-01T09:00:00+09:00"), at("2026-06-01T18:00:00+09:00"))).toBe(
        8 * 60,
      );
    });

    it("R6: a call during lunch starts the clock when the branch reopens", () => {
      expect(wallClock(SEOUL, nextOpening(withLunch, at("2026-06-01T12:30:00+09:00")))).toBe("2026-06-01 Mon 13:00");
    });

    it("R6: lunch breaks and a holiday together stretch an urban deadline over two days", () => {
      // Monday 16:00-18:00 (2h), Tuesday closed, Wednesday 09:00-12:00 (3h) and 13:00-14:00 (1h).
      expect(wallClock(SEOUL, addWorkingMinutes(withLunch, at("2026-05-04T16:00:00+09:00"), 6 * 60))).toBe(
        "2026-05-06 Wed 14:00",
      );
    });
  });

  describe("daylight saving time", () => {
    it("R6: a Berlin deadline across the March switch lands on the right local time", () => {
      // 2026-03-29 (Sunday) 02:00 CET became 03:00 CEST.
      const calendar = weekdayCalendar({ timeZone: BERLIN });
      const friday = at("2026-03-27T17:00:00+01:00");
      const deadline = addWorkingMinutes(calendar, friday, 7 * 60);
      expect(wallClock(BERLIN, deadline)).toBe("2026-03-30 Mon 15:00");
      expect(deadline.toISOString()).toBe("2026-03-30T13:00:00.000Z");
      expect(workingMinutesBetween(calendar, friday, deadline)).toBe(420);
    });

    it("R6: a Berlin deadline across the October switch lands on the right local time", () => {
      // 2026-10-25 (Sunday) 03:00 CEST became 02:00 CET.
      const calendar = weekdayCalendar({ timeZone: BERLIN });
      const deadline = addWorkingMinutes(calendar, at("2026-10-23T17:00:00+02:00"), 7 * 60);
      expect(wallClock(BERLIN, deadline)).toBe("2026-10-26 Mon 15:00");
      expect(deadline.toISOString()).toBe("2026-10-26T14:00:00.000Z");
    });

    it("R6: a New York deadline across both 2026 switches lands on the right local time", () => {
      const calendar = weekdayCalendar({ timeZone: NEW_YORK, opens: "08:00", closes: "17:00" });
      const march = addWorkingMinutes(calendar, at("2026-03-06T16:00:00-05:00"), 6 * 60);
      expect(wallClock(NEW_YORK, march)).toBe("2026-03-09 Mon 13:00");
      expect(march.toISOString()).toBe("2026-03-09T17:00:00.000Z");
      const november = addWorkingMinutes(calendar, at("2026-10-30T16:00:00-04:00"), 6 * 60);
      expect(wallClock(NEW_YORK, november)).toBe("2026-11-02 Mon 13:00");
      expect(november.toISOString()).toBe("2026-11-02T18:00:00.000Z");
    });

    it("R6: a branch open round the clock works 23 hours on the March switch day and 25 in October", () => {
      const calendar = roundTheClockCalendar(BERLIN);
      expect(workingMinutesBetween(calendar, at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00"))).toBe(
        23 * 60,
      );
      expect(workingMinutesBetween(calendar, at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00"))).toBe(
        25 * 60,
      );
    });

    it("R6: six working hours through the night of a switch are six real hours", () => {
      const calendar = roundTheClockCalendar(BERLIN);
      expect(wallClock(BERLIN, addWorkingMinutes(calendar, at("2026-03-28T22:00:00+01:00"), 360))).toBe(
        "2026-03-29 Sun 05:00",
      );
      expect(wallClock(BERLIN, addWorkingMinutes(calendar, at("2026-10-24T22:00:00+02:00"), 360))).toBe(
        "2026-10-25 Sun 03:00",
      );
    });

    it("R6: a shift opening inside the skipped hour opens when the clocks have jumped", () => {
      const nightShift = weekdayCalendar({ timeZone: BERLIN, opens: "02:30", closes: "06:00", weekdays: [0] });
      const opening = nextOpening(nightShift, at("2026-03-28T23:00:00+01:00"));
      expect(opening.toISOString()).toBe("2026-03-29T01:30:00.000Z");
      expect(wallClock(BERLIN, opening)).toBe("2026-03-29 Sun 03:30");
      expect(workingMinutesBetween(nightShift, at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00"))).toBe(
        150,
      );
    });

    it("R6: a shift opening inside the repeated hour opens at its first occurrence", () => {
      const nightShift = weekdayCalendar({ timeZone: BERLIN, opens: "02:30", closes: "06:00", weekdays: [0] });
      const opening = nextOpening(nightShift, at("2026-10-24T23:00:00+02:00"));
      expect(opening.toISOString()).toBe("2026-10-25T00:30:00.000Z"); // 02:30 CEST
      expect(workingMinutesBetween(nightShift, at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00"))).toBe(
        270,
      );
    });
  });

  describe("misconfigured calendars", () => {
    it("R6: a calendar without weekly hours throws instead of looping forever", () => {
      const empty: WorkingCalendar = { timeZone: SEOUL, weeklyHours: [], holidays: [] };
      expect(() => addWorkingMinutes(empty, at("2026-06-01T09:00:00+09:00"), 60)).toThrow(/no working time/);
      expect(() => nextOpening(empty, at("2026-06-01T09:00:00+09:00"))).toThrow(/check its weekly hours/);
    });

    it("R6: a calendar whose every working day for a year is a holiday throws a coded error", () => {
      const mondays = Array.from({ length: 110 }, (_, week) =>
        new Date(Date.UTC(2026, 5, 1 + 7 * week)).toISOString().slice(0, 10),
      );
      const calendar = weekdayCalendar({ timeZone: SEOUL, weekdays: [1], holidays: mondays });
      let thrown: unknown;
      try {
        addWorkingMinutes(calendar, at("2026-06-01T09:00:00+09:00"), 60);
      } catch (error) {
        thrown = error;
      }
      expect(isDomainError(thrown, "CALENDAR_HAS_NO_WORKING_TIME")).toBe(true);
      expect(workingMinutesBetween(calendar, at("2026-06-01T00:00:00+09:00"), at("2027-06-01T00:00:00+09:00"))).toBe(0);
    });

    it("R6: a long run of holidays shorter than a year is walked through", () => {
      const calendar = weekdayCalendar({ timeZone: SEOUL, weekdays: [1], holidays: ["2026-06-01", "2026-06-08"] });
      expect(wallClock(SEOUL, nextOpening(calendar, at("2026-06-01T10:00:00+09:00")))).toBe("2026-06-15 Mon 09:00");
    });

    it("rejects negative or non-finite minutes and invalid dates", () => {
      const calendar = weekdayCalendar();
      expect(() => addWorkingMinutes(calendar, at("2026-06-01T09:00:00+09:00"), -1)).toThrow(RangeError);
      expect(() => addWorkingMinutes(calendar, at("2026-06-01T09:00:00+09:00"), Number.NaN)).toThrow(RangeError);
      expect(() => addWorkingMinutes(calendar, new Date("not a date"), 1)).toThrow(RangeError);
    });
  });

  describe("validateCalendar", () => {
    const valid = weekdayCalendar({ timeZone: BERLIN, lunch: ["12:00", "13:00"], holidays: ["2026-12-25"] });

    it("R6: accepts a calendar with a lunch break that touches but does not overlap", () => {
      expect(validateCalendar(valid)).toEqual(valid);
    });

    it.each([
      ["an unknown time zone", { ...valid, timeZone: "Mars/Olympus_Mons" }, /IANA time zone/],
      ["an empty time zone", { ...valid, timeZone: "" }, /IANA time zone/],
      ["no working intervals", { ...valid, weeklyHours: [] }, /at least one working interval/],
      ["a closing time past midnight", { ...valid, weeklyHours: [{ weekday: 1, opensAt: 540, closesAt: 1500 }] }, /weeklyHours/],
      ["a closing time before the opening", { ...valid, weeklyHours: [{ weekday: 1, opensAt: 600, closesAt: 540 }] }, /before closing/],
      ["an empty interval", { ...valid, weeklyHours: [{ weekday: 1, opensAt: 600, closesAt: 600 }] }, /before closing/],
      ["a weekday of 7", { ...valid, weeklyHours: [{ weekday: 7, opensAt: 540, closesAt: 600 }] }, /weekday/],
      [
        "overlapping intervals on one weekday",
        {
          ...valid,
          weeklyHours: [
            { weekday: 2, opensAt: 540, closesAt: 780 },
            { weekday: 2, opensAt: 720, closesAt: 1080 },
          ],
        },
        /overlaps 09:00-13:00 on weekday 2/,
      ],
      ["a holiday that is not a date", { ...valid, holidays: ["2026-02-30"] }, /not a calendar date/],
      ["a holiday in another format", { ...valid, holidays: ["25/12/2026"] }, /YYYY-MM-DD/],
    ])("R6: rejects %s with INVALID_CALENDAR", (_name, input, message) => {
      expect(() => validateCalendar(input)).toThrow(message);
      try {
        validateCalendar(input);
      } catch (error) {
        expect(isDomainError(error, "INVALID_CALENDAR")).toBe(true);
      }
    });

    it("allows the same hours on different weekdays", () => {
      const calendar = {
        ...valid,
        weeklyHours: [
          { weekday: 1, opensAt: 540, closesAt: 1080 },
          { weekday: 2, opensAt: 540, closesAt: 1080 },
        ],
      };
      expect(validateCalendar(calendar)).toEqual(calendar);
    });

    it("reads and writes clock times", () => {
      expect(parseClockTime("09:00")).toBe(540);
      expect(parseClockTime("24:00")).toBe(1440);
      expect(formatClockTime(780)).toBe("13:00");
      expect(() => parseClockTime("24:01")).toThrow(RangeError);
      expect(() => parseClockTime("9h")).toThrow(RangeError);
    });
  });

  describe("consistency over random starts", () => {
    // mulberry32: a small seeded PRNG, so a failure can be replayed.
    function prng(seed: number): () => number {
      let state = seed >>> 0;
      return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }

    const calendars: Array<[string, WorkingCalendar]> = [
      [
        "Berlin with lunch and holidays",
        weekdayCalendar({
          timeZone: BERLIN,
          lunch: ["12:00", "13:00"],
          holidays: ["2026-04-03", "2026-04-06", "2026-10-03", "2026-12-25", "2026-12-26"],
        }),
      ],
      ["New York with Saturdays", weekdayCalendar({ timeZone: NEW_YORK, opens: "08:30", closes: "17:15", weekdays: [1, 2, 3, 4, 5, 6] })],
      ["Berlin round the clock", roundTheClockCalendar(BERLIN)],
      ["Seoul", weekdayCalendar({ timeZone: SEOUL })],
    ];

    it.each(calendars)("R6: workingMinutesBetween undoes addWorkingMinutes (%s)", (_name, calendar) => {
      const random = prng(20260329);
      const yearStart = Date.parse("2026-01-01T00:00:00Z");
      const yearMs = 365 * 86_400_000;
      for (let i = 0; i < 400; i++) {
        const start = new Date(yearStart + Math.floor(random() * yearMs));
        const minutes = Math.floor(random() * 6000);
        const end = addWorkingMinutes(calendar, start, minutes);
        const context = `start ${start.toISOString()} + ${minutes} min = ${end.toISOString()}`;

        expect([context, workingMinutesBetween(calendar, start, end)]).toEqual([context, minutes]);
        if (minutes > 0) {
          expect([context, isWorkingTime(calendar, new Date(end.getTime() - 1))]).toEqual([context, true]);
        }
        const opening = nextOpening(calendar, start);
        expect([context, isWorkingTime(calendar, opening), workingMinutesBetween(calendar, start, opening)]).toEqual([
          context,
          true,
          0,
        ]);
        const split = Math.floor(random() * minutes);
        if (minutes - split > 0) {
          const inTwoSteps = addWorkingMinutes(calendar, addWorkingMinutes(calendar, start, split), minutes - split);
          expect([context, inTwoSteps.toISOString()]).toEqual([context, end.toISOString()]);
        }
      }
    });
  });
});

describe("addWorkingDays (R11 workshop turnaround)", () => {
  const seoul = { timeZone: "Asia/Seoul", weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: 540, closesAt: 1080 })), holidays: ["2026-11-24"] };

  it("R11: in and out within 1 working day: Monday 10:00 is due Wednesday 10:00 over a Tuesday holiday; Friday 17:30 is due Monday 17:30", () => {
    expect(addWorkingDays(seoul, new Date("2026-11-23T01:00:00Z"), 1)).toEqual(new Date("2026-11-25T01:00:00Z"));
    expect(addWorkingDays(seoul, new Date("2026-11-27T08:30:00Z"), 1)).toEqual(new Date("2026-11-30T08:30:00Z"));
  });

  it("R11: received after closing, the count starts at the next opening; special items get 3 working days", () => {
    expect(addWorkingDays(seoul, new Date("2026-11-27T10:00:00Z"), 1)).toEqual(new Date("2026-12-01T00:00:00Z"));
    expect(addWorkingDays(seoul, new Date("2026-11-23T01:00:00Z"), 3)).toEqual(new Date("2026-11-27T01:00:00Z"));
  });
});
