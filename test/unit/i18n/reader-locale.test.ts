import { currentLocale, parseLocale, runInLocale } from "../../../src/i18n/locale";
import { defaultLocaleSource, renderFor, type LocaleSource } from "../../../src/i18n/locale-source";
import { senderOf } from "../../../src/handlers/middleware/reader-locale";
import { fallbackDate, formatHours, formatList, formatMoney } from "../../../src/views/format";
import { messagesFor } from "../../../src/views/messages";

describe("reading a locale as people and Slack write it (issue 14)", () => {
  it.each([
    ["ko", "ko"],
    ["ko-KR", "ko"],
    ["ko_KR", "ko"],
    ["zh-CN", "zh-CN"],
    ["zh_CN", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["zh", "zh-CN"],
    ["en-US", "en"],
    ["EN-gb", "en"],
    ["en-XA", "en-XA"],
  ])("%s is %s", (written, locale) => {
    expect(parseLocale(written)).toBe(locale);
  });

  it.each(["zh-TW", "zh-Hant-HK", "fr-FR", "ja", "", "  ", null, undefined])("%s is none the bot speaks", (written) => {
    expect(parseLocale(written)).toBeUndefined();
  });
});

describe("the reader's locale for the running code", () => {
  it("defaults to English and follows runInLocale, across awaits", async () => {
    expect(currentLocale()).toBe("en");
    await runInLocale("ko", async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentLocale()).toBe("ko");
      expect(messagesFor()).toBe(messagesFor("ko"));
    });
    expect(currentLocale()).toBe("en");
  });

  it("an explicit locale wins over the reader's", () => {
    runInLocale("zh-CN", () => expect(messagesFor("ko")).toBe(messagesFor("ko")));
    runInLocale("zh-CN", () => expect(messagesFor("en").help.title).toBe(messagesFor("en").help.title));
  });

  it("renders for a person, a staff member or a channel through the source, falling back when a lookup fails", async () => {
    const source: LocaleSource = {
      ofPerson: async (user) => (user === "UKO" ? "ko" : "en"),
      ofStaff: async () => "zh-CN",
      ofChannel: async () => {
        throw new Error("database down");
      },
      ofCustomer: async () => "ko",
    };
    await expect(renderFor(source, { person: "UKO" }, () => currentLocale())).resolves.toBe("ko");
    await expect(renderFor(source, { staff: 7 }, () => currentLocale())).resolves.toBe("zh-CN");
    await expect(renderFor(source, { channel: "C1" }, () => currentLocale())).resolves.toBe("en");
    await expect(renderFor(source, { customer: 3 }, () => currentLocale())).resolves.toBe("ko");
    await expect(renderFor(undefined, { person: "UKO" }, () => currentLocale())).resolves.toBe("en");
    await expect(renderFor(defaultLocaleSource, { person: "UKO" }, () => currentLocale())).resolves.toBe("en");
  });

  it("finds the sender of a command, an interaction and an event", () => {
    expect(senderOf({ user_id: "U1", command: "/repair" })).toBe("U1");
    expect(senderOf({ type: "block_actions", user: { id: "U2" } })).toBe("U2");
    expect(senderOf({ event: { type: "message", user: "U3" } })).toBe("U3");
    expect(senderOf({ event: { type: "message", bot_id: "B1" } })).toBeUndefined();
  });
});

describe("formatting for the reader (issue 14)", () => {
  const at = new Date("2026-03-02T05:05:00Z");

  it("the date token's fallback text", () => {
    expect(fallbackDate(at, "Asia/Seoul", "en")).toBe("2026-03-02 14:05 Asia/Seoul");
    expect(fallbackDate(at, "Asia/Seoul", "ko")).toBe("2026. 03. 02. 14:05 Asia/Seoul");
    expect(fallbackDate(at, "Asia/Shanghai", "zh-CN")).toBe("2026/03/02 13:05 Asia/Shanghai");
    expect(runInLocale("ko", () => fallbackDate(at, "Asia/Seoul"))).toBe("2026. 03. 02. 14:05 Asia/Seoul");
  });

  it("money, hours and lists", () => {
    expect(formatMoney(120000, "KRW", "ko")).toBe("₩120,000");
    expect(formatMoney("1200.5", "CNY", "zh-CN")).toBe("¥1,200.50");
    expect(formatMoney(45.5, "EUR", "en")).toBe("€45.50");
    expect(formatMoney(10, "XXX-NOT", "en")).toBe("10.00 XXX-NOT");
    expect(formatHours(1.5, "ko")).toBe("1.5");
    expect(formatHours(0.25, "zh-CN")).toBe("0.25");
    expect(formatHours(2, "en")).toBe("2");
    expect(formatList(["A", "B", "C"], "en")).toBe("A, B, and C");
    expect(formatList(["가", "나", "다"], "ko")).toBe("가, 나 및 다");
    expect(formatList(["甲", "乙", "丙"], "zh-CN")).toBe("甲、乙和丙");
  });
});
