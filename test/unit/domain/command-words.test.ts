import { canonicalCommandWord, localCommandWords, QUALIFIERS, SUBCOMMANDS } from "../../../src/domain/command-words";
import { parseDayArgs } from "../../../src/handlers/commands/repair-day";
import { parseRepairCommand } from "../../../src/handlers/commands/repair";

describe("/repair sub-commands in Korean and Chinese (issue 14)", () => {
  it.each([
    ["목록", { name: "list", filter: "open" }],
    ["목록 미배정", { name: "list", filter: "unassigned" }],
    ["列表 超时", { name: "list", filter: "overdue" }],
    ["列表 我的", { name: "list", filter: "mine" }],
    ["list 미비", { name: "list", filter: "incomplete" }],
    ["신규", { name: "new" }],
    ["新建", { name: "new" }],
    ["부품 P-1001", { name: "parts", query: "P-1001" }],
    ["配件", { name: "parts", query: null }],
    ["대장", { name: "register" }],
    ["台账", { name: "register" }],
    ["계산서", { name: "invoices" }],
    ["任务", { name: "jobs" }],
    ["고객 서울상사", { name: "customer", query: "서울상사" }],
    ["客户 北京科技", { name: "customer", query: "北京科技" }],
    ["불만 SV-2026-000123", { name: "complaint", voucherNo: "SV-2026-000123" }],
    ["投诉", { name: "complaint", voucherNo: null }],
    ["평가 2026-10", { name: "evaluation", month: "2026-10", technician: null }],
    ["도움말", { name: "help" }],
    ["帮助", { name: "help" }],
    ["일보 팀", { name: "day", words: ["팀"] }],
  ])("`/repair %s`", (text, expected) => {
    expect(parseRepairCommand(text)).toEqual(expected);
  });

  it("reads full-width Latin letters as plain ones", () => {
    expect(parseRepairCommand("ｌｉｓｔ ｍｉｎｅ")).toEqual({ name: "list", filter: "mine" });
  });

  it("keeps unknown words unknown, in any language", () => {
    expect(parseRepairCommand("목록 전부")).toEqual({ name: "help", unknownText: "목록 전부" });
    expect(parseRepairCommand("你好")).toEqual({ name: "help", unknownText: "你好" });
  });

  it("the daily report's team word in all three languages", () => {
    expect(parseDayArgs(["팀"])).toEqual({ team: true, date: undefined });
    expect(parseDayArgs(["团队", "2026-11-27"])).toEqual({ team: true, date: "2026-11-27" });
    expect(parseDayArgs(["team"])).toEqual({ team: true, date: undefined });
  });

  it("every sub-command and qualifier has a word in each language, and no word means two things", () => {
    for (const locale of ["ko", "zh-CN"] as const) {
      const seen = new Map<string, string>();
      for (const word of [...SUBCOMMANDS, ...QUALIFIERS]) {
        const local = localCommandWords(locale, word);
        expect(local.length).toBeGreaterThan(0);
        for (const each of local) {
          expect(seen.get(each)).toBeUndefined();
          seen.set(each, word);
          expect(canonicalCommandWord(each)).toBe(word);
        }
      }
    }
  });
});
