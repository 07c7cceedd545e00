// R19/R20: the Record survey submission's answers, without Slack or a database: field errors on
// the modal, a second recording named in a notice, a failure said plainly.
import { AppError } from "../../../src/errors";
import type { HandlerDeps } from "../../../src/handlers/types";
import { surveySubmitted } from "../../../src/handlers/views/survey-modal";
import { silentLog } from "../../../src/logger";
import { BLOCKS, INPUTS } from "../../../src/views/ids";

type Listener = ReturnType<typeof surveySubmitted>;

function submit(record: () => Promise<unknown>, values: Record<string, unknown>) {
  const recordSurvey = jest.fn(record);
  const deps = { log: silentLog, services: { resolveActor: async () => ({ slackUserId: "U0SURV" }), recordSurvey } } as unknown as HandlerDeps;
  const ack = jest.fn(async () => undefined);
  const args = { ack, body: { user: { id: "U0SURV" } }, view: { private_metadata: "7:1", state: { values } }, client: { chat: { postMessage: jest.fn() } } };
  return { run: () => surveySubmitted(deps)(args as unknown as Parameters<Listener>[0]), ack, recordSurvey };
}

const declined = { [BLOCKS.surveyOutcome]: { [INPUTS.surveyOutcome]: { type: "radio_buttons", selected_option: { value: "DECLINED" } } } };

describe("Record survey submission (R19, R20)", () => {
  it("R20: a missing outcome is marked on the modal and nothing is recorded", async () => {
    const { run, ack, recordSurvey } = submit(async () => undefined, {});
    await run();
    expect(ack).toHaveBeenCalledWith({ response_action: "errors", errors: { [BLOCKS.surveyOutcome]: expect.any(String) } });
    expect(recordSurvey).not.toHaveBeenCalled();
  });

  it("R19: a try recorded meanwhile replaces the modal with who recorded it and when", async () => {
    const { run, ack } = submit(async () => {
      throw new AppError("ALREADY_DONE", { details: { action: "survey.record", voucherNo: "SV-2026-000007", outcome: "ANSWERED", by: "U0DISP", at: "2026-11-23T01:00:00.000Z", timeZone: "Asia/Seoul" } });
    }, declined);
    await run();
    const answer = JSON.stringify(ack.mock.calls[0]);
    expect(answer).toContain('"response_action":"update"');
    expect(answer).toContain("already recorded (answered) by <@U0DISP>");
  });

  it("R20: the service's missing ratings land on their items", async () => {
    const { run, ack } = submit(async () => {
      throw new AppError("VALIDATION", { fieldErrors: { skill: "required" } });
    }, declined);
    await run();
    expect(ack).toHaveBeenCalledWith({ response_action: "errors", errors: { [BLOCKS.surveySkill]: expect.any(String) } });
  });

  it("R19: an unexpected failure says it failed and nothing was changed", async () => {
    const { run, ack } = submit(async () => {
      throw new Error("database gone");
    }, declined);
    await run();
    expect(JSON.stringify(ack.mock.calls[0])).toContain("nothing was changed");
  });
});
