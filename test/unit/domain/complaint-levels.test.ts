import { complaintLevel, complaintWindowStart, levelReachedBy } from "../../../src/domain/complaint-levels";

describe("complaint levels (R22)", () => {
  it("R22: no substantiated complaint is no level", () => {
    expect(complaintLevel(0)).toBeNull();
  });

  it("R22: the first is a warning, the second a penalty, the third a dismissal review", () => {
    expect(complaintLevel(1)).toBe("WARNING");
    expect(complaintLevel(2)).toBe("PENALTY");
    expect(complaintLevel(3)).toBe("DISMISSAL_REVIEW");
  });

  it("R22: a fourth and later stay at the dismissal review", () => {
    expect(complaintLevel(7)).toBe("DISMISSAL_REVIEW");
  });

  it("rejects a count that is not a whole number ≥ 0", () => {
    expect(() => complaintLevel(-1)).toThrow(RangeError);
    expect(() => complaintLevel(1.5)).toThrow(RangeError);
  });

  it("R22: a new level is reached only when the count crosses into it", () => {
    expect(levelReachedBy(0, 1)).toBe("WARNING");
    expect(levelReachedBy(2, 3)).toBe("DISMISSAL_REVIEW");
    expect(levelReachedBy(3, 4)).toBeNull();
    expect(levelReachedBy(1, 1)).toBeNull();
  });

  it("R22: the rolling window of 12 months starts a year before", () => {
    expect(complaintWindowStart(new Date("2026-11-28T00:00:00Z"), 12).toISOString()).toBe("2025-11-28T00:00:00.000Z");
  });
});
