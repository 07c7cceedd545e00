import { buildSurveyPage, type SurveyFormModel } from "../../../src/views/survey-page";

const form: SurveyFormModel = {
  kind: "form",
  voucherNo: "SV-2026-000123",
  technicianFirstName: "Minsu",
  expiresAt: new Date("2026-12-08T03:00:00Z"),
  timeZone: "Asia/Seoul",
};

describe("the customer's survey page (R20)", () => {
  it("R20: shows the call, the technician, the four items on four levels, a comment and no script", () => {
    const page = buildSurveyPage(form, "en");
    expect(page).toContain("SV-2026-000123");
    expect(page).toContain("Minsu");
    for (const item of ["The technician&#39;s attitude", "Technical skill", "Arrival time", "Keeping what was promised"]) expect(page).toContain(item);
    expect(page.match(/type="radio"/g)).toHaveLength(16);
    expect(page).toContain('name="comment"');
    expect(page).not.toContain("<script");
    expect(page).toContain("December 8, 2026");
  });

  it("R20: speaks Korean and Chinese, with the seeds' words for the items", () => {
    const korean = buildSurveyPage(form, "ko");
    expect(korean).toContain('<html lang="ko">');
    expect(korean).toContain("약속 이행");
    expect(korean).toContain("매우 불만족");
    const chinese = buildSurveyPage(form, "zh-CN");
    expect(chinese).toContain("履行承诺");
    expect(chinese).toContain("非常满意");
  });

  it("offers the two other languages as links", () => {
    const page = buildSurveyPage(form, "en");
    expect(page).toContain('href="?lang=ko"');
    expect(page).toContain('href="?lang=zh-CN"');
    expect(page).not.toContain('href="?lang=en"');
  });

  it("marks the items left out and keeps what was chosen and typed", () => {
    const page = buildSurveyPage({ ...form, values: { ratings: { attitude: "SATISFIED" }, comment: "<b>late</b>" }, errors: { items: ["skill"], commentTooLong: false } }, "en");
    expect(page).toContain('<fieldset id="skill" class="problem">');
    expect(page).toContain('value="SATISFIED" checked');
    expect(page).toContain("&lt;b&gt;late&lt;/b&gt;");
    expect(page).not.toContain("<b>late</b>");
  });

  it("says politely why a link cannot be answered", () => {
    expect(buildSurveyPage({ kind: "used" }, "en")).toContain("already been answered");
    expect(buildSurveyPage({ kind: "expired" }, "ko")).toContain("링크가 만료되었습니다");
    expect(buildSurveyPage({ kind: "unknown" }, "zh-CN")).toContain("找不到链接");
    expect(buildSurveyPage({ kind: "thanks" }, "en")).toContain("Thank you");
  });
});
