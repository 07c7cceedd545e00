import { chooseLocale, parseSurveyForm } from "../../../src/transport/survey-pages";

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const all = { attitude: "VERY_SATISFIED", skill: "SATISFIED", arrivalTime: "DISSATISFIED", promiseKeeping: "VERY_DISSATISFIED" };

describe("the survey page's form (R20)", () => {
  it("R20: four items, each on one of the four levels, and a comment", () => {
    expect(parseSurveyForm(form({ ...all, comment: "  late, but kind \r\n" }))).toEqual({ ok: true, lang: null, ratings: all, comment: "late, but kind" });
  });

  it("R20: an empty comment is no comment", () => {
    expect(parseSurveyForm(form({ ...all, comment: "" }))).toMatchObject({ ok: true, comment: null });
  });

  it("R20: an item left out or given an unknown level is named, and what was chosen is kept", () => {
    const parsed = parseSurveyForm(form({ attitude: "SATISFIED", skill: "GREAT", comment: "hi", lang: "ko" }));
    expect(parsed).toEqual({
      ok: false,
      lang: "ko",
      values: { ratings: { attitude: "SATISFIED" }, comment: "hi" },
      errors: { items: ["skill", "arrivalTime", "promiseKeeping"], commentTooLong: false },
    });
  });

  it("a comment over 2,000 characters is refused (characters, not bytes)", () => {
    expect(parseSurveyForm(form({ ...all, comment: "가".repeat(2000) }))).toMatchObject({ ok: true });
    expect(parseSurveyForm(form({ ...all, comment: "가".repeat(2001) }))).toMatchObject({ ok: false, errors: { items: [], commentTooLong: true } });
  });
});

describe("the survey page's language", () => {
  it("the language chosen on the page wins", () => {
    expect(chooseLocale("ko", "zh-CN,zh;q=0.9")).toBe("ko");
    expect(chooseLocale("zh-CN", undefined)).toBe("zh-CN");
  });

  it("else the browser's first language of ours, by preference", () => {
    expect(chooseLocale(null, "fr-FR,fr;q=0.9,ko;q=0.8,en;q=0.5")).toBe("ko");
    expect(chooseLocale(null, "en;q=0.4,zh-TW;q=0.9")).toBe("zh-CN");
    expect(chooseLocale(null, "ko-KR")).toBe("ko");
  });

  it("else English", () => {
    expect(chooseLocale(null, undefined)).toBe("en");
    expect(chooseLocale("xx", "fr")).toBe("en");
  });
});
