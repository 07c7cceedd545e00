import { localDayBounds, startOfLocalDay } from "../../../src/domain/local-day";

describe("local day bounds (R5 visits today)", () => {
  it("a Seoul day starts at 15:00 UTC the day before", () => {
    expect(localDayBounds("Asia/Seoul", new Date("2026-11-23T16:00:00Z"))).toEqual({
      date: "2026-11-24",
      start: new Date("2026-11-23T15:00:00Z"),
      end: new Date("2026-11-24T15:00:00Z"),
    });
  });

  it("works for zones where the previous midnight falls on D 00:00 UTC - 14h (Honolulu, Kiribati)", () => {
    expect(startOfLocalDay("Pacific/Honolulu", "2026-11-24")).toEqual(new Date("2026-11-24T10:00:00Z"));
    expect(startOfLocalDay("Pacific/Kiritimati", "2026-11-24")).toEqual(new Date("2026-11-23T10:00:00Z"));
  });

  it("a DST switch day is 23 hours long", () => {
    const day = localDayBounds("Europe/Berlin", new Date("2026-03-29T12:00:00Z"));
    expect(day.end.getTime() - day.start.getTime()).toBe(23 * 3_600_000);
  });
});
