import { computeSurveyFigures, emptySurveyCounts } from "../../../src/domain/survey-figures";
import { dissatisfiedItems, isFinalOutcome, nextWorkingDate, outcomeAfterTry, previousWorkingDate } from "../../../src/domain/surveys";
import type { WorkingCalendar } from "../../../src/domain/working-calendar";

const seoul: WorkingCalendar = { timeZone: "Asia/Seoul", weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: 540, closesAt: 1080 })), holidays: ["2026-11-25"] };

describe("survey tries (R19)", () => {
  it("R19: an unreachable customer is offered again until the last try, which counts as no answer", () => {
    expect(outcomeAfterTry({ recorded: "UNREACHABLE", attemptsBefore: 0, maxAttempts: 3 })).toEqual({ outcome: "UNREACHABLE", attempts: 1, retry: true });
    expect(outcomeAfterTry({ recorded: "UNREACHABLE", attemptsBefore: 1, maxAttempts: 3 })).toEqual({ outcome: "UNREACHABLE", attempts: 2, retry: true });
    expect(outcomeAfterTry({ recorded: "UNREACHABLE", attemptsBefore: 2, maxAttempts: 3 })).toEqual({ outcome: "NO_ANSWER", attempts: 3, retry: false });
    expect(outcomeAfterTry({ recorded: "UNREACHABLE", attemptsBefore: 0, maxAttempts: 1 })).toEqual({ outcome: "NO_ANSWER", attempts: 1, retry: false });
  });

  it("R19: answered and declined end the survey on any try", () => {
    expect(outcomeAfterTry({ recorded: "ANSWERED", attemptsBefore: 1, maxAttempts: 3 })).toEqual({ outcome: "ANSWERED", attempts: 2, retry: false });
    expect(outcomeAfterTry({ recorded: "DECLINED", attemptsBefore: 0, maxAttempts: 3 })).toEqual({ outcome: "DECLINED", attempts: 1, retry: false });
    expect([null, "UNREACHABLE", "ANSWERED", "DECLINED", "NO_ANSWER"].map((outcome) => isFinalOutcome(outcome as never))).toEqual([false, false, true, true, true]);
  });

  it("R19: the previous working day of a Monday is Friday; after a holiday it is the day before it", () => {
    expect(previousWorkingDate(seoul, "2026-11-23")).toBe("2026-11-20");
    expect(previousWorkingDate(seoul, "2026-11-26")).toBe("2026-11-24");
    expect(nextWorkingDate(seoul, "2026-11-20")).toBe("2026-11-23");
    expect(nextWorkingDate(seoul, "2026-11-24")).toBe("2026-11-26");
  });

  it("R21: the items rated dissatisfied or very dissatisfied, in the items' order", () => {
    expect(dissatisfiedItems({ attitude: "SATISFIED", skill: "VERY_DISSATISFIED", arrivalTime: "VERY_SATISFIED", promiseKeeping: "DISSATISFIED" })).toEqual(["skill", "promiseKeeping"]);
    expect(dissatisfiedItems({ attitude: "SATISFIED", skill: "SATISFIED", arrivalTime: "VERY_SATISFIED", promiseKeeping: "VERY_SATISFIED" })).toEqual([]);
  });
});

describe("survey figures (R20)", () => {
  it("R20: coverage overall and inside warranty, satisfaction per item and over all answers, against the targets", () => {
    const counts = emptySurveyCounts();
    Object.assign(counts, { closed: 4, closedWarranty: 2, surveyed: 3, surveyedWarranty: 2, answered: 2 });
    counts.ratings = { attitude: { answers: 2, satisfied: 2 }, skill: { answers: 2, satisfied: 1 }, arrivalTime: { answers: 2, satisfied: 2 }, promiseKeeping: { answers: 2, satisfied: 2 } };

    const figures = computeSurveyFigures(counts, { coveragePercent: 100, satisfactionPercent: 98 });

    expect(figures).toMatchObject({ coverage: 75, warrantyCoverage: 100, satisfaction: 87.5, satisfactionByItem: { attitude: 100, skill: 50, arrivalTime: 100, promiseKeeping: 100 } });
    expect(figures.meets).toEqual({ coverage: false, warrantyCoverage: true, satisfaction: false });
  });

  it("R20: nothing closed or answered gives no figure (not 0%), and no verdict", () => {
    const figures = computeSurveyFigures(emptySurveyCounts());
    expect(figures).toMatchObject({ coverage: null, warrantyCoverage: null, satisfaction: null, meets: { coverage: null, warrantyCoverage: null, satisfaction: null }, targets: { coveragePercent: 100, satisfactionPercent: 98 } });
  });
});
