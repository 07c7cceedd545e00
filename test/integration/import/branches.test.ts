import { parseHolidayDates, parseHolidays, parseWorkingHours } from "../../../src/services/import/calendar-syntax";
import { useTestDatabase } from "../../support/db";
import { csv, day, importer } from "./import-helpers";

const db = useTestDatabase();
const runImport = importer(db);

const HEADER = "code,name,time_zone,dispatch_channel_id,directors_channel_id,labour_rate,currency,working_hours,holidays";

describe("branches import", () => {
  it("creates branches with their weekly hours (lunch break included) and holidays", async () => {
    const result = await runImport(
      "branches",
      csv(
        HEADER,
        'SEOUL,서울 서비스센터,Asia/Seoul,C0SEL1,C0SEL2,55000,KRW,"Mon-Fri 09:00-12:00,13:00-18:00",2026-09-24..2026-09-26 추석|2026-12-25 성탄절',
        "BERLIN,Servicezentrum Berlin,europe/berlin,,,78.50,eur,Mon-Fri 08:00-17:00; Sat 09:00-12:00,",
      ),
    );

    expect(result).toEqual({ kind: "branches", created: 2, updated: 0, unchanged: 0, errors: [], deadlinesMoved: 0 });
    const seoul = await db.current.prisma.branch.findUniqueOrThrow({
      where: { code: "SEOUL" },
      include: { workingHours: { orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] }, holidays: { orderBy: { date: "asc" } } },
    });
    expect(seoul).toMatchObject({ name: "서울 서비스센터", timeZone: "Asia/Seoul", dispatchChannelId: "C0SEL1", directorsChannelId: "C0SEL2", currency: "KRW" });
    expect(seoul.labourRate.toString()).toBe("55000");
    expect(seoul.workingHours.filter((hours) => hours.weekday === 1).map(({ opensAt, closesAt }) => [opensAt, closesAt])).toEqual([
      [9 * 60, 12 * 60],
      [13 * 60, 18 * 60],
    ]);
    expect(seoul.workingHours).toHaveLength(10);
    expect(seoul.holidays.map(({ date, name }) => [date, name])).toEqual([
      [day("2026-09-24"), "추석"],
      [day("2026-09-25"), "추석"],
      [day("2026-09-26"), "추석"],
      [day("2026-12-25"), "성탄절"],
    ]);

    const berlin = await db.current.prisma.branch.findUniqueOrThrow({ where: { code: "BERLIN" }, include: { workingHours: true } });
    expect(berlin).toMatchObject({ timeZone: "Europe/Berlin", currency: "EUR", dispatchChannelId: null });
    expect(berlin.workingHours.filter((hours) => hours.weekday === 6)).toEqual([expect.objectContaining({ opensAt: 9 * 60, closesAt: 12 * 60 })]);
  });

  it("R19: takes the survey channel like the other channels (none: the list goes to the dispatch channel)", async () => {
    const header = "code,name,time_zone,dispatch_channel_id,survey_channel_id,working_hours";
    const result = await runImport("branches", csv(header, "SEOUL,Seoul,Asia/Seoul,C0SEL1,C0SEL3,Mon-Fri 09:00-18:00", "BUSAN,Busan,Asia/Seoul,C0BSN1,,Mon-Fri 09:00-18:00"));

    expect(result).toMatchObject({ created: 2, errors: [] });
    expect(await db.current.prisma.branch.findUniqueOrThrow({ where: { code: "SEOUL" } })).toMatchObject({ dispatchChannelId: "C0SEL1", surveyChannelId: "C0SEL3" });
    expect(await db.current.prisma.branch.findUniqueOrThrow({ where: { code: "BUSAN" } })).toMatchObject({ surveyChannelId: null });
  });

  it("on re-import replaces the weekly hours, adds and renames holidays, and keeps holidays not in the file", async () => {
    await runImport("branches", csv(HEADER, "SEOUL,Seoul,Asia/Seoul,,,0,KRW,Mon-Fri 09:00-18:00,2026-12-25 Christmas|2026-10-09 Hangul Day"));
    const again = await runImport("branches", csv(HEADER, "SEOUL,Seoul,Asia/Seoul,,,0,KRW,Mon-Fri 09:00-18:00,2026-12-25 Christmas|2026-10-09 Hangul Day"));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });

    const changed = await runImport("branches", csv(HEADER, "SEOUL,Seoul,Asia/Seoul,,,0,KRW,Mon-Sat 10:00-16:00,2026-12-25 성탄절|2027-01-01 신정"));

    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const seoul = await db.current.prisma.branch.findUniqueOrThrow({ where: { code: "SEOUL" }, include: { workingHours: true, holidays: { orderBy: { date: "asc" } } } });
    expect(seoul.workingHours).toHaveLength(6);
    expect(seoul.workingHours.every((hours) => hours.opensAt === 600 && hours.closesAt === 960)).toBe(true);
    expect(seoul.holidays.map((holiday) => holiday.name)).toEqual(["Hangul Day", "성탄절", "신정"]);
  });

  it("reports a bad time zone, calendar text and channel id with their lines and columns", async () => {
    const result = await runImport(
      "branches",
      csv(
        HEADER,
        "SEOUL,Seoul,Asia/Tokio,,,0,KRW,Mon-Fri 09:00-18:00,",
        "BUSAN,Busan,Asia/Seoul,dispatch,,0,KRW,Mon-Fry 09:00-18:00,2026-02-30 Nope",
        "DAEGU,Daegu,Asia/Seoul,,,12.345,KRWN,,",
      ),
    );

    expect(result.errors).toEqual([
      { line: 2, message: "time_zone: an IANA time zone such as Asia/Seoul or Europe/Berlin" },
      { line: 3, message: "dispatch_channel_id: a Slack channel id such as C012ABCDEF" },
      { line: 3, message: 'working_hours: unknown day "Fry" (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)' },
      { line: 3, message: 'holidays: "2026-02-30 Nope": expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, then a name' },
      { line: 4, message: "labour_rate: an amount such as 1250 or 1250.50 (no thousands separators)" },
      { line: 4, message: "currency: a three-letter currency code such as KRW or EUR" },
      { line: 4, message: "working_hours: required" },
    ]);
    expect(await db.current.prisma.branch.count()).toBe(0);
  });
});

describe("working_hours syntax", () => {
  it("reads day ranges forward through the week, so a Sunday-to-Thursday week works", () => {
    const parsed = parseWorkingHours("Sun-Thu 08:00-17:00");
    expect(parsed.ok && parsed.value.map((interval) => interval.weekday)).toEqual([0, 1, 2, 3, 4]);
  });

  it("accepts day lists, full day names, spaces around dashes and a day that ends at 24:00", () => {
    const parsed = parseWorkingHours("Monday, Wed , Fri 09:00 - 12:00 ; Sat 20:00-24:00");
    expect(parsed).toEqual({
      ok: true,
      value: [
        { weekday: 1, opensAt: 540, closesAt: 720 },
        { weekday: 3, opensAt: 540, closesAt: 720 },
        { weekday: 5, opensAt: 540, closesAt: 720 },
        { weekday: 6, opensAt: 1200, closesAt: 1440 },
      ],
    });
  });

  it.each([
    ["Mon 09:00-12:00,11:00-13:00", "Mon: 09:00-12:00 overlaps 11:00-13:00"],
    ["Mon-Fri 09:00-18:00; Fri 17:00-19:00", "Fri: 09:00-18:00 overlaps 17:00-19:00"],
    ["Mon 18:00-09:00", '"18:00-09:00" closes before it opens'],
    ["Mon 09:00-25:00", '"25:00" is not a time of day'],
    ["Mon 9-18", '"9-18" is not a time range such as 09:00-18:00'],
    ["09:00-18:00", '"09:00-18:00": expected days then hours, e.g. "Mon-Fri 09:00-18:00"'],
    [";", "no opening hours given"],
  ])("rejects %p: %s", (text, error) => {
    expect(parseWorkingHours(text)).toEqual({ ok: false, error });
  });
});

describe("holidays syntax", () => {
  it("expands inclusive ranges, defaults the name and sorts by date", () => {
    const parsed = parseHolidays("2026-12-25 Christmas | 2026-02-16..2026-02-17 설날 | 2026-05-05");
    expect(parsed).toEqual({
      ok: true,
      value: [
        { date: day("2026-02-16"), name: "설날" },
        { date: day("2026-02-17"), name: "설날" },
        { date: day("2026-05-05"), name: "Holiday" },
        { date: day("2026-12-25"), name: "Christmas" },
      ],
    });
  });

  it.each([
    ["2026-12-25 A|2026-12-24..2026-12-26 B", "2026-12-25 is listed twice"],
    ["2026-12-26..2026-12-24 X", '"2026-12-26..2026-12-24 X": the range ends before it starts'],
    ["2026-01-01..2026-03-01 X", '"2026-01-01..2026-03-01 X": a range may span at most 31 days'],
    ["25.12.2026 Christmas", '"25.12.2026 Christmas": expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, then a name'],
  ])("rejects %p: %s", (text, error) => {
    expect(parseHolidays(text)).toEqual({ ok: false, error });
  });
});

describe("remove_holidays syntax (R6)", () => {
  it("R6: takes dates and ranges without names, each day once", () => {
    expect(parseHolidayDates("2026-12-31 | 2026-09-25..2026-09-26")).toEqual({ ok: true, value: [day("2026-09-25"), day("2026-09-26"), day("2026-12-31")] });
    expect(parseHolidayDates("2026-12-31 New Year's Eve")).toEqual({ ok: false, error: expect.stringContaining("without a name") });
    expect(parseHolidayDates("2026-12-31|2026-12-30..2026-12-31")).toEqual({ ok: false, error: "2026-12-31 is listed twice" });
  });
});
