import {
  alertsAfterDeadlineMove,
  arrivalLimitMinutes,
  computeArrivalDeadline,
  DEFAULT_ARRIVAL_LIMITS,
  isLate,
  isOverdue,
  lateness,
} from "../../../src/domain/deadline";
import { isDomainError } from "../../../src/domain/errors";
import { wallClock, weekdayCalendar } from "../../support/factories/calendar";

const SEOUL = "Asia/Seoul";
const BERLIN = "Europe/Berlin";
const at = (iso: string) => new Date(iso);

describe("arrival deadline (R6)", () => {
  const calendar = weekdayCalendar({ timeZone: SEOUL, lunch: ["12:00", "13:00"], holidays: ["2026-05-05"] });
  const noLunch = weekdayCalendar({ timeZone: SEOUL });

  it("R6: by default urban calls get 6 working hours and suburban calls 7", () => {
    expect(DEFAULT_ARRIVAL_LIMITS).toEqual({ urbanHours: 6, suburbanHours: 7 });
    expect(arrivalLimitMinutes("URBAN")).toBe(360);
    expect(arrivalLimitMinutes("SUBURBAN")).toBe(420);
  });

  it("R6: an urban call at 09:00 Monday is due 16:00 the same day, lunch not counted", () => {
    const deadline = computeArrivalDeadline({ calendar, calledAt: at("2026-06-01T09:00:00+09:00"), area: "URBAN" });
    expect(wallClock(SEOUL, deadline)).toBe("2026-06-01 Mon 16:00");
  });

  it("R6: a suburban call at 17:00 Friday is due 15:00 Monday", () => {
    const deadline = computeArrivalDeadline({
      calendar: noLunch,
      calledAt: at("2026-05-29T17:00:00+09:00"),
      area: "SUBURBAN",
    });
    expect(wallClock(SEOUL, deadline)).toBe("2026-06-01 Mon 15:00");
  });

  it("R6: a call taken in the evening before a holiday is due the day after the holiday", () => {
    const deadline = computeArrivalDeadline({ calendar, calledAt: at("2026-05-04T19:30:00+09:00"), area: "URBAN" });
    expect(wallClock(SEOUL, deadline)).toBe("2026-05-06 Wed 16:00");
  });

  it("R6: the limits are configurable per branch", () => {
    const calledAt = at("2026-06-01T09:00:00+09:00");
    const limits = { urbanHours: 4, suburbanHours: 8.5 };
    expect(wallClock(SEOUL, computeArrivalDeadline({ calendar: noLunch, calledAt, area: "URBAN", limits }))).toBe(
      "2026-06-01 Mon 13:00",
    );
    expect(wallClock(SEOUL, computeArrivalDeadline({ calendar: noLunch, calledAt, area: "SUBURBAN", limits }))).toBe(
      "2026-06-01 Mon 17:30",
    );
  });

  it("R6: a limit that is not a positive number is refused", () => {
    let thrown: unknown;
    try {
      computeArrivalDeadline({
        calendar,
        calledAt: at("2026-06-01T09:00:00+09:00"),
        area: "URBAN",
        limits: { urbanHours: 0, suburbanHours: 7 },
      });
    } catch (error) {
      thrown = error;
    }
    expect(isDomainError(thrown, "INVALID_ARRIVAL_LIMIT")).toBe(true);
  });

  it("R6: a Berlin deadline over the March DST weekend is due at 15:00 local time on Monday", () => {
    const berlin = weekdayCalendar({ timeZone: BERLIN });
    const deadline = computeArrivalDeadline({
      calendar: berlin,
      calledAt: at("2026-03-27T17:00:00+01:00"),
      area: "SUBURBAN",
    });
    expect(wallClock(BERLIN, deadline)).toBe("2026-03-30 Mon 15:00");
  });
});

describe("lateness (R6, R13)", () => {
  const deadline = at("2026-05-29T18:00:00+09:00"); // Friday, the branch closes at 18:00

  it("R6: arriving exactly at the deadline or early is on time, 0 minutes late", () => {
    expect(isLate({ deadline, at: deadline })).toBe(false);
    expect(lateness({ deadline, at: deadline })).toBe(0);
    expect(lateness({ deadline, at: at("2026-05-29T10:00:00+09:00") })).toBe(0);
  });

  it("R6: an arrival at 18:40 after an 18:00 deadline is 40 minutes late and counts as late", () => {
    const arrivedAt = at("2026-05-29T18:40:00+09:00");
    expect(isLate({ deadline, at: arrivedAt })).toBe(true);
    expect(lateness({ deadline, at: arrivedAt })).toBe(40);
  });

  it("R6: a few seconds late counts as one minute late", () => {
    expect(isLate({ deadline, at: at("2026-05-29T18:00:20+09:00") })).toBe(true);
    expect(lateness({ deadline, at: at("2026-05-29T18:00:20+09:00") })).toBe(1);
  });

  it("R6: past the deadline lateness is clock time, so a weekend waited counts: Friday 18:00 to Monday 09:30 is 63 h 30 min", () => {
    expect(lateness({ deadline, at: at("2026-06-01T09:30:00+09:00") })).toBe(63 * 60 + 30);
  });

  it("R6: a later arrival is never less late (08:50 before opening is less late than 09:00)", () => {
    const before = lateness({ deadline, at: at("2026-06-01T08:50:00+09:00") });
    const opening = lateness({ deadline, at: at("2026-06-01T09:00:00+09:00") });
    expect(before).toBeLessThan(opening);
  });
});

describe("overdue (R7)", () => {
  const deadline = at("2026-06-01T15:00:00+09:00");

  it("R7: a call past its deadline without an arrival is overdue", () => {
    expect(isOverdue({ deadline, arrivedAt: null, now: at("2026-06-01T15:00:01+09:00") })).toBe(true);
  });

  it("R7: a call is not overdue at the deadline itself", () => {
    expect(isOverdue({ deadline, now: deadline })).toBe(false);
  });

  it("R7: a call whose technician arrived is never overdue, even if the arrival was late", () => {
    expect(
      isOverdue({ deadline, arrivedAt: at("2026-06-01T16:00:00+09:00"), now: at("2026-06-02T09:00:00+09:00") }),
    ).toBe(false);
  });
});

describe("alerts after a deadline moved (R6, R7)", () => {
  const now = at("2026-11-24T02:30:00Z");
  const sent = at("2026-11-24T02:00:00Z");

  it("R7: a later deadline is warned again, and a call no longer overdue loses its overdue mark", () => {
    expect(alertsAfterDeadlineMove({ from: at("2026-11-24T03:00:00Z"), to: at("2026-11-25T03:00:00Z"), now, alerts: { preWarningSentAt: sent, overdueAlertedAt: null } })).toEqual({
      preWarningSentAt: null,
      overdueAlertedAt: null,
      withdrawOverdue: false,
    });
    expect(alertsAfterDeadlineMove({ from: at("2026-11-24T01:00:00Z"), to: at("2026-11-25T01:00:00Z"), now, alerts: { preWarningSentAt: sent, overdueAlertedAt: sent } })).toEqual({
      preWarningSentAt: null,
      overdueAlertedAt: null,
      withdrawOverdue: true,
    });
  });

  it("R7: an earlier deadline keeps the warning already sent, and a call still overdue keeps its alert", () => {
    expect(alertsAfterDeadlineMove({ from: at("2026-11-25T03:00:00Z"), to: at("2026-11-24T03:00:00Z"), now, alerts: { preWarningSentAt: sent, overdueAlertedAt: null } })).toEqual({
      preWarningSentAt: sent,
      overdueAlertedAt: null,
      withdrawOverdue: false,
    });
    expect(alertsAfterDeadlineMove({ from: at("2026-11-24T01:00:00Z"), to: at("2026-11-24T02:00:00Z"), now, alerts: { preWarningSentAt: null, overdueAlertedAt: sent } })).toEqual({
      preWarningSentAt: null,
      overdueAlertedAt: sent,
      withdrawOverdue: false,
    });
  });
});
