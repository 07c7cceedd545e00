import { daysOut, wasOutOvernight } from "../../../src/domain/part-loans";

const SEOUL = "Asia/Seoul";
const at = (iso: string) => new Date(iso);

describe("part loans (R14)", () => {
  it("R14: days out count the day taken and the day in question, in the branch's zone", () => {
    expect(daysOut({ timeZone: SEOUL, borrowedAt: at("2026-11-27T10:00:00+09:00"), on: "2026-11-27" })).toBe(1);
    expect(daysOut({ timeZone: SEOUL, borrowedAt: at("2026-11-27T10:00:00+09:00"), on: "2026-11-30" })).toBe(4);
    // 23:30 UTC on the 26th is already the 27th in Seoul.
    expect(daysOut({ timeZone: SEOUL, borrowedAt: at("2026-11-26T23:30:00Z"), on: "2026-11-28" })).toBe(2);
  });

  it("R14: a loan back on a later local day than it was taken was out overnight; back the same evening it was not", () => {
    expect(wasOutOvernight({ timeZone: SEOUL, borrowedAt: at("2026-11-27T19:00:00+09:00"), settledAt: at("2026-11-30T09:30:00+09:00") })).toBe(true);
    expect(wasOutOvernight({ timeZone: SEOUL, borrowedAt: at("2026-11-27T19:00:00+09:00"), settledAt: at("2026-11-27T23:59:00+09:00") })).toBe(false);
  });
});
