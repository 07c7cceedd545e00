import {
  DEFAULT_EVALUATION_TARGETS,
  evaluateTechnician,
  firstWorkingDayOfMonth,
  previousMonth,
  nextMonth,
  rateAgainst,
  isMonth,
  type TechnicianMonthCounts,
} from "../../../src/domain/monthly-evaluation";
import { weekdayCalendar } from "../../support/factories/calendar";

function counts(overrides: Partial<TechnicianMonthCounts> = {}): TechnicianMonthCounts {
  const item = { answers: 10, satisfied: 10 };
  return {
    closed: 10,
    closedWarranty: 4,
    surveyed: 10,
    surveyedWarranty: 4,
    items: { attitude: item, skill: item, arrivalTime: item, promiseKeeping: item },
    arrivals: { withDeadline: 10, onTime: 10 },
    hours: { A_PAID: 10, B_CONTRACT: 5, C_WARRANTY: 8.5, D_INTERNAL: 2.25 },
    complaints: { received: 0, substantiated: 0, substantiatedInWindow: 0 },
    ...overrides,
  };
}

describe("monthly evaluation verdicts (R20, R22)", () => {
  it("R20: every survey answered and every answer satisfied meets every target", () => {
    const verdicts = evaluateTechnician(counts());
    expect(verdicts.coverage).toEqual({ count: 10, of: 10, rate: 1, met: true });
    expect(verdicts.warrantyCoverage.met).toBe(true);
    expect(verdicts.satisfaction).toEqual({ count: 40, of: 40, rate: 1, met: true });
    expect(verdicts.onTime.met).toBe(true);
    expect(verdicts.hoursTotal).toBe(25.75);
    expect(verdicts.complaintLevel).toBeNull();
    expect(verdicts.allMet).toBe(true);
  });

  it("R20: coverage below 100% inside warranty misses the target even when overall coverage is met elsewhere", () => {
    const verdicts = evaluateTechnician(counts({ closed: 10, surveyed: 10, closedWarranty: 4, surveyedWarranty: 3 }));
    expect(verdicts.warrantyCoverage).toEqual({ count: 3, of: 4, rate: 0.75, met: false });
    expect(verdicts.allMet).toBe(false);
  });

  it("R20: satisfaction is judged per item; 49 of 50 is exactly 98% and meets the target, 48 of 50 does not", () => {
    const verdicts = evaluateTechnician(
      counts({ items: { attitude: { answers: 50, satisfied: 49 }, skill: { answers: 50, satisfied: 48 }, arrivalTime: { answers: 50, satisfied: 50 }, promiseKeeping: { answers: 0, satisfied: 0 } } }),
    );
    expect(verdicts.items.attitude.met).toBe(true);
    expect(verdicts.items.skill).toEqual({ count: 48, of: 50, rate: 0.96, met: false });
    expect(verdicts.items.promiseKeeping).toEqual({ count: 0, of: 0, rate: null, met: null });
    expect(verdicts.satisfaction).toMatchObject({ count: 147, of: 150, met: true });
    expect(verdicts.allMet).toBe(false);
  });

  it("R6/R20: the on-time rate is checked against its own target (95% by default)", () => {
    expect(evaluateTechnician(counts({ arrivals: { withDeadline: 20, onTime: 19 } })).onTime.met).toBe(true);
    expect(evaluateTechnician(counts({ arrivals: { withDeadline: 20, onTime: 18 } })).onTime.met).toBe(false);
    expect(evaluateTechnician(counts({ arrivals: { withDeadline: 20, onTime: 18 } }), { ...DEFAULT_EVALUATION_TARGETS, onTimePercent: 90 }).onTime.met).toBe(true);
  });

  it("R20: a month without closed calls or arrivals has no rates and misses nothing", () => {
    const none = { answers: 0, satisfied: 0 };
    const verdicts = evaluateTechnician(
      counts({ closed: 0, closedWarranty: 0, surveyed: 0, surveyedWarranty: 0, items: { attitude: none, skill: none, arrivalTime: none, promiseKeeping: none }, arrivals: { withDeadline: 0, onTime: 0 } }),
    );
    expect(verdicts.coverage.rate).toBeNull();
    expect(verdicts.onTime.met).toBeNull();
    expect(verdicts.allMet).toBe(true);
  });

  it("R22: the substantiated complaints inside the window give the level: warning, penalty, dismissal review", () => {
    const level = (n: number) => evaluateTechnician(counts({ complaints: { received: n, substantiated: n, substantiatedInWindow: n } })).complaintLevel;
    expect(level(1)).toBe("WARNING");
    expect(level(2)).toBe("PENALTY");
    expect(level(3)).toBe("DISMISSAL_REVIEW");
    expect(level(5)).toBe("DISMISSAL_REVIEW");
    // The window counts earlier months too: none this month, two before it.
    expect(evaluateTechnician(counts({ complaints: { received: 0, substantiated: 0, substantiatedInWindow: 2 } })).complaintLevel).toBe("PENALTY");
  });

  it("R20: impossible counts are refused rather than shown as rates above 100%", () => {
    expect(() => rateAgainst(3, 2, 100)).toThrow(RangeError);
    expect(() => rateAgainst(-1, 2, 100)).toThrow(RangeError);
  });
});

describe("months and the first working day (R20)", () => {
  it("previous and next months cross the year", () => {
    expect(previousMonth("2026-01-05")).toBe("2025-12");
    expect(previousMonth("2026-11")).toBe("2026-10");
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(isMonth("2026-13")).toBe(false);
    expect(isMonth("2026-1")).toBe(false);
    expect(() => previousMonth("2026-13")).toThrow(RangeError);
  });

  it("R20: the first working day skips the weekend (Nov 2026 starts on a Sunday)", () => {
    expect(firstWorkingDayOfMonth(weekdayCalendar(), "2026-11")).toBe("2026-11-02");
  });

  it("R20: the first working day skips holidays (1 Jan 2027 is a Friday holiday: Monday the 4th)", () => {
    expect(firstWorkingDayOfMonth(weekdayCalendar({ holidays: ["2027-01-01"] }), "2027-01")).toBe("2027-01-04");
  });

  it("R20: a branch closed all month has no first working day", () => {
    expect(firstWorkingDayOfMonth(weekdayCalendar({ weekdays: [] }), "2026-12")).toBeNull();
  });
});
