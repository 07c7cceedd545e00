import { hashSurveyToken, isSurveyTokenShape, newSurveyToken, surveyLinkState, technicianFirstName } from "../../../src/domain/survey-link";

const now = new Date("2026-11-24T03:00:00Z");
const link = (overrides: Partial<{ expiresAt: Date; usedAt: Date | null }> = {}) => ({ expiresAt: new Date("2026-12-08T03:00:00Z"), usedAt: null, ...overrides });

describe("the customer's survey link (R20)", () => {
  it("R20: a link is open until it expires, used once answered", () => {
    expect(surveyLinkState(link(), null, now)).toBe("open");
    expect(surveyLinkState(link({ expiresAt: now }), null, now)).toBe("expired");
    expect(surveyLinkState(link({ usedAt: now }), null, now)).toBe("used");
  });

  it("R20: a survey done by phone makes its link used, even once it expired; an unreachable customer may still answer", () => {
    expect(surveyLinkState(link(), "ANSWERED", now)).toBe("used");
    expect(surveyLinkState(link(), "DECLINED", now)).toBe("used");
    expect(surveyLinkState(link({ expiresAt: new Date("2026-11-01T00:00:00Z") }), "NO_ANSWER", now)).toBe("used");
    expect(surveyLinkState(link(), "UNREACHABLE", now)).toBe("open");
  });

  it("a token is 256 random URL-safe bits, different each time, and only its SHA-256 is kept", () => {
    const token = newSurveyToken();
    expect(isSurveyTokenShape(token)).toBe(true);
    expect(newSurveyToken()).not.toBe(token);
    expect(hashSurveyToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSurveyToken(token)).not.toContain(token);
  });

  it("anything but a token's shape is not looked up", () => {
    expect(isSurveyTokenShape("")).toBe(false);
    expect(isSurveyTokenShape("../../etc/passwd")).toBe(false);
    expect(isSurveyTokenShape("a".repeat(44))).toBe(false);
  });

  it("the technician is named as the customer knew them", () => {
    expect(technicianFirstName("Minsu Kim")).toBe("Minsu");
    expect(technicianFirstName("김민수")).toBe("김민수");
    expect(technicianFirstName("  王伟 ")).toBe("王伟");
  });
});
