// R20/R22: the monthly evaluation's message within Slack's limits for a branch of 50 technicians
// (and far more), each technician on one line against the targets, and `/repair evaluation`'s words.
import { parseRepairCommand } from "../../../src/handlers/commands/repair";
import { DEFAULT_EVALUATION_TARGETS, evaluateTechnician, type TechnicianMonthCounts } from "../../../src/domain/monthly-evaluation";
import type { MonthlyEvaluation, TechnicianEvaluation } from "../../../src/services/evaluations/compute-monthly-evaluation";
import { ACTIONS } from "../../../src/views/ids";
import { buildEvaluationMessage, percentText, technicianLine } from "../../../src/views/monthly-evaluation";
import { validateBlocks } from "../../../src/sandbox/slack/block-kit-validator";

function counts(overrides: Partial<TechnicianMonthCounts> = {}): TechnicianMonthCounts {
  return {
    closed: 123,
    closedWarranty: 45,
    surveyed: 120,
    surveyedWarranty: 45,
    items: { attitude: { answers: 120, satisfied: 119 }, skill: { answers: 120, satisfied: 110 }, arrivalTime: { answers: 120, satisfied: 120 }, promiseKeeping: { answers: 0, satisfied: 0 } },
    arrivals: { withDeadline: 130, onTime: 120 },
    hours: { A_PAID: 100.25, B_CONTRACT: 40.5, C_WARRANTY: 55, D_INTERNAL: 12.75 },
    complaints: { received: 3, substantiated: 2, substantiatedInWindow: 3 },
    ...overrides,
  };
}

function technician(i: number, overrides: Partial<TechnicianMonthCounts> = {}): TechnicianEvaluation {
  const c = counts(overrides);
  return { staffId: i, name: `Technician ${i}`, slackUserId: `U0TECH${String(i).padStart(4, "0")}`, active: i % 10 !== 0, counts: c, verdicts: evaluateTechnician(c) };
}

function evaluation(n: number): MonthlyEvaluation {
  return {
    branchId: 1,
    branchCode: "BENCH",
    branchName: `Bench branch ${"with a long name ".repeat(20)}`,
    timeZone: "Asia/Seoul",
    month: "2026-10",
    start: "2026-09-30T15:00:00.000Z",
    end: "2026-10-31T15:00:00.000Z",
    windowStart: "2025-10-31T15:00:00.000Z",
    windowMonths: 12,
    targets: DEFAULT_EVALUATION_TARGETS,
    technicians: Array.from({ length: n }, (_, i) => technician(i + 1)),
  };
}

describe("monthly evaluation message (R20, R22)", () => {
  it("R20: 50 technicians fit one message: every one listed, each section under 3,000 characters, under 50 blocks", () => {
    const message = buildEvaluationMessage({ reportId: 7, evaluation: evaluation(50), state: { kind: "awaiting" } });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(message.blocks);
    for (let i = 1; i <= 50; i++) expect(text).toContain(`<@U0TECH${String(i).padStart(4, "0")}>`);
    for (const block of message.blocks) if (block.type === "section") expect(block.text!.text.length).toBeLessThanOrEqual(3000);
    expect(text).not.toContain("more technicians");
    expect(text).toContain(ACTIONS.evaluationSignOff);
    expect(message.text.length).toBeLessThan(300);
  });

  it("R20: a branch far larger than Slack allows in one message says how many more there are, still within the limits", () => {
    const message = buildEvaluationMessage({ reportId: 7, evaluation: evaluation(2000), state: { kind: "awaiting" } });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message.blocks)).toMatch(/…and \d+ more technicians\./);
  });

  it("R20/R22: a technician's line shows each figure against its target, and the R22 level", () => {
    const line = technicianLine(technician(1));
    expect(line).toContain("<@U0TECH0001>");
    expect(line).toContain("calls closed 123");
    expect(line).toContain("surveys 120/123 97.5% ✗");
    expect(line).toContain("warranty 45/45 100% ✓");
    expect(line).toContain("attitude 99.1% ✓");
    expect(line).toContain("skill 91.6% ✗");
    expect(line).toContain("promises kept –");
    expect(line).toContain("on time 120/130 92.3% ✗");
    expect(line).toContain("A 100.25 · B 40.5 · C 55 · D 12.75 = 208.5");
    expect(line).toContain("complaints 3 (substantiated 2)");
    expect(line).toContain("R22: dismissal review");
    expect(technicianLine(technician(10))).toContain("(left)");
  });

  it("R20: a share just under the target never reads as the target", () => {
    expect(percentText(199 / 200)).toBe("99.5%");
    expect(percentText(999 / 1000)).toBe("99.9%");
    expect(percentText(1)).toBe("100%");
    expect(percentText(0.98)).toBe("98%");
  });

  it("R20: once signed off the button is gone and the signer is named; the private view has no button", () => {
    const signed = buildEvaluationMessage({ reportId: 7, evaluation: evaluation(3), state: { kind: "signed-off", by: "U0MGR", at: new Date("2026-11-02T10:00:00Z") } });
    expect(JSON.stringify(signed.blocks)).not.toContain(ACTIONS.evaluationSignOff);
    expect(JSON.stringify(signed.blocks)).toContain("Signed off by <@U0MGR>");
    const shown = buildEvaluationMessage({ evaluation: evaluation(3), technicianName: "Technician 1", state: { kind: "private", posted: false, signedOff: null } });
    expect(JSON.stringify(shown.blocks)).not.toContain(ACTIONS.evaluationSignOff);
    expect(JSON.stringify(shown.blocks)).toContain("Monthly evaluation: Technician 1, 2026-10");
    expect(validateBlocks(shown.blocks, "message")).toEqual([]);
  });

  it("R20: a month without technicians says so", () => {
    const message = buildEvaluationMessage({ reportId: 1, evaluation: evaluation(0), state: { kind: "awaiting" } });
    expect(JSON.stringify(message.blocks)).toContain("No technicians worked at this branch that month.");
  });
});

describe("/repair evaluation words (R20)", () => {
  it("takes a month and a technician in any order; both are optional", () => {
    expect(parseRepairCommand("evaluation")).toEqual({ name: "evaluation", month: null, technician: null });
    expect(parseRepairCommand("evaluation 2026-10 <@U0KIM|kim>")).toEqual({ name: "evaluation", month: "2026-10", technician: "<@U0KIM|kim>" });
    expect(parseRepairCommand("Evaluation @kim.minho 2026-9")).toEqual({ name: "evaluation", month: "2026-9", technician: "@kim.minho" });
    expect(parseRepairCommand("evaluation Kim Minho")).toEqual({ name: "evaluation", month: null, technician: "Kim Minho" });
  });
});
