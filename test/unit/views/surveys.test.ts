// R19/R20 views: the survey list within Slack's limits, each line's state, the Record survey modal
// and its reader's field errors.
import type { SurveyForRecording } from "../../../src/services/surveys/get-survey-for-recording";
import type { SurveyListLineView, SurveyListView } from "../../../src/services/surveys/survey-list-message";
import { ACTIONS, BLOCKS, INPUTS } from "../../../src/views/ids";
import { buildSurveyListMessage } from "../../../src/views/survey-list";
import { buildSurveyAlreadyRecorded, buildSurveyModal, readSurveyRef, readSurveySubmission } from "../../../src/views/survey-modal";
import type { StateValues } from "../../../src/views/state";
import { validateBlocks, validateView } from "../../../src/sandbox/slack/block-kit-validator";

function line(i: number, overrides: Partial<SurveyListLineView> = {}): SurveyListLineView {
  return {
    surveyId: i,
    attempt: 1,
    voucherNo: `SV-2026-${String(i).padStart(6, "0")}`,
    customerName: `Customer <${i}> & ${"x".repeat(200)}`,
    technician: { name: "Kim", slackUserId: "U0TECH" },
    category: "C_WARRANTY",
    closedAt: new Date("2026-11-20T08:00:00Z"),
    state: { kind: "open" },
    ...overrides,
  };
}

function list(lines: SurveyListLineView[], overrides: Partial<SurveyListView> = {}): SurveyListView {
  return { messageId: 1, branchCode: "SEOUL", timeZone: "Asia/Seoul", listDate: "2026-11-23", part: 1, parts: 1, channelId: "C0SRV", posted: null, createdAt: new Date(), lines, ...overrides };
}

describe("the survey list message (R19)", () => {
  it("R19: 45 lines (one message's worth) stay within Slack's 50 blocks, each open line with its Record survey button", () => {
    const message = buildSurveyListMessage(list(Array.from({ length: 45 }, (_, i) => line(i + 1)), { part: 2, parts: 3 }));
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(JSON.stringify(message.blocks).split(ACTIONS.surveyRecord).length - 1).toBe(45);
    expect(JSON.stringify(message.blocks)).toContain("part 2 of 3");
    expect(JSON.stringify(message.blocks)).not.toContain("<1>");
  });

  it("R19: a recorded line names the outcome, who and when, without its button; an earlier unreachable try says it was called again", () => {
    const message = buildSurveyListMessage(
      list([
        line(1, { state: { kind: "recorded", outcome: "UNREACHABLE", bySlackUserId: "U0SURV", at: new Date("2026-11-23T01:00:00Z"), nextDueOn: "2026-11-24", complaint: false } }),
        line(2, { state: { kind: "recorded", outcome: "UNREACHABLE", bySlackUserId: null, at: null, nextDueOn: null, complaint: false } }),
        line(3, { attempt: 2, state: { kind: "recorded", outcome: "ANSWERED", bySlackUserId: "U0SURV", at: new Date("2026-11-23T01:00:00Z"), nextDueOn: null, complaint: true } }),
      ]),
    );
    const text = JSON.stringify(message.blocks);
    expect(text).not.toContain(ACTIONS.surveyRecord);
    expect(text).toContain("Unreachable, recorded by <@U0SURV>");
    expect(text).toContain("called again on 2026-11-24");
    expect(text).toContain("Unreachable on this try");
    expect(text).toContain("try 2");
    expect(text).toContain("registered as a complaint");
  });
});

describe("the Record survey modal (R19, R20)", () => {
  const survey: SurveyForRecording = {
    surveyId: 7,
    attempt: 2,
    branchId: 1,
    timeZone: "Asia/Seoul",
    voucherNo: "SV-2026-000007",
    customerName: "Hanbit *Precision*",
    phone: "02-555-1001",
    contactName: "Oh",
    technicianName: "Kim",
    category: "A_PAID",
    closedAt: new Date("2026-11-20T08:00:00Z"),
    outcome: "UNREACHABLE",
    attempts: 1,
    maxAttempts: 3,
    recorded: null,
  };

  it("R20: shows whom to call and which try, the outcome, the four items on four levels and a comment; valid Block Kit", () => {
    const view = buildSurveyModal({ survey });
    expect(validateView(view)).toEqual([]);
    expect(view.private_metadata).toBe("7:2");
    const text = JSON.stringify(view.blocks);
    for (const expected of ["02-555-1001", "Try 2 of 3", "Attitude", "Skill", "Arrival time", "Keeping what was promised", "Very dissatisfied", "Unreachable", "Declined"]) expect(text).toContain(expected);
  });

  const values = (outcome?: string, ratings: Record<string, string> = {}): StateValues => ({
    [BLOCKS.surveyOutcome]: { [INPUTS.surveyOutcome]: { type: "radio_buttons", selected_option: outcome ? { value: outcome } : null } },
    ...Object.fromEntries(Object.entries(ratings).map(([block, rating]) => [block, { [INPUTS.surveyRating]: { type: "static_select", selected_option: { value: rating } } }])),
  });

  it("R20: an answered survey without every item gets an error on each missing one; other outcomes need no ratings", () => {
    const answered = readSurveySubmission(values("ANSWERED", { [BLOCKS.surveyAttitude]: "SATISFIED" }), "7:2");
    expect(answered).toEqual({ ok: false, errors: { [BLOCKS.surveySkill]: expect.any(String), [BLOCKS.surveyArrivalTime]: expect.any(String), [BLOCKS.surveyPromiseKeeping]: expect.any(String) } });
    expect(readSurveySubmission(values(undefined), "7:2")).toEqual({ ok: false, errors: { [BLOCKS.surveyOutcome]: expect.any(String) } });
    expect(readSurveySubmission(values("UNREACHABLE", { [BLOCKS.surveyAttitude]: "SATISFIED" }), "7:2")).toEqual({ ok: true, surveyId: 7, attempt: 2, outcome: "UNREACHABLE", ratings: {}, comment: null });
  });

  it("R19: reads `<survey id>:<try>` only; a refusal names who recorded the survey and when", () => {
    expect(readSurveyRef("12:1")).toEqual({ surveyId: 12, attempt: 1 });
    for (const bad of ["", "12", "12:0", "x:1", "1:2:3"]) expect(readSurveyRef(bad)).toBeNull();
    const refusal = buildSurveyAlreadyRecorded({ voucherNo: "SV-2026-000007", outcome: "DECLINED", bySlackUserId: "U0SURV", at: new Date("2026-11-23T01:00:00Z"), timeZone: "Asia/Seoul" });
    expect(refusal.text).toContain("already recorded (declined) by <@U0SURV> at <!date^");
  });
});
