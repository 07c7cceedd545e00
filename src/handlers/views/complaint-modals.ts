// R21: the complaint modals' submissions. Problems land on their fields within Slack's 3 s, so the
// service runs before the ack (under the ack budget); a refusal replaces the modal with why.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { isAppError } from "../../errors";
import { COMPLAINT_FIELD_BLOCKS, readComplaintStepSubmission, readRegisterComplaintSubmission } from "../../views/complaint-modals";
import { messagesFor } from "../../views/messages";
import { buildNoticeModal } from "../../views/notice-modal";
import type { StateValues } from "../../views/state";
import { underAckBudget } from "../support/ack-budget";
import { describeFailure } from "../support/failures";
import type { HandlerDeps } from "../types";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Field problems on their inputs; anything else replaces the modal with a notice. */
async function answerFailure(deps: HandlerDeps, args: Args, error: unknown, name: string): Promise<void> {
  const blocks = new Set(args.view.blocks.filter((b) => b.type === "input").map((b) => b.block_id));
  if (isAppError(error) && error.code === "VALIDATION" && error.fieldErrors) {
    const m = messagesFor().complaints.fieldErrors;
    const errors = Object.fromEntries(
      Object.entries(error.fieldErrors)
        .map(([field, key]) => [COMPLAINT_FIELD_BLOCKS[field], m[key] ?? key] as const)
        .filter(([block]) => block !== undefined && blocks.has(block)),
    );
    if (Object.keys(errors).length) return void (await args.ack({ response_action: "errors", errors }));
  }
  const { text } = describeFailure(error, deps.log, { view: name, user: args.body.user.id });
  await args.ack({ response_action: "update", view: buildNoticeModal({ text }) });
}

export function complaintRegisterSubmitted(deps: HandlerDeps) {
  return underAckBudget(deps, "complaint", async (args: Args) => {
    const read = readRegisterComplaintSubmission(args.view.state.values as StateValues);
    if (!read.ok) return void (await args.ack({ response_action: "errors", errors: read.errors }));
    try {
      const actor = await deps.services.resolveActor(args.body.user.id);
      // One complaint per modal, however often Slack delivers the submission.
      await deps.services.registerComplaint({ actor, input: read.input, registerKey: `complaint:${args.view.id}` });
    } catch (error) {
      return answerFailure(deps, args, error, "complaint");
    }
    await args.ack();
  });
}

/** Assign, Record response, Record outcome and Customer told share one reader and one answer. */
export function complaintStepSubmitted(deps: HandlerDeps) {
  return underAckBudget(deps, "complaint-step", async (args: Args) => {
    const read = readComplaintStepSubmission(args.view.callback_id, args.view.state.values as StateValues, args.view.private_metadata);
    if (!read.ok) return void (await args.ack({ response_action: "errors", errors: read.errors }));
    try {
      const actor = await deps.services.resolveActor(args.body.user.id);
      const s = read.submission;
      if (s.step === "assign") await deps.services.assignComplaintHandler({ actor, complaintId: s.complaintId, handlerSlackUserId: s.handlerSlackUserId });
      else if (s.step === "respond") await deps.services.recordComplaintResponse({ actor, complaintId: s.complaintId, how: s.how, at: s.at, note: s.note });
      else if (s.step === "resolve") await deps.services.recordComplaintOutcome({ actor, complaintId: s.complaintId, outcome: s.outcome, substantiated: s.substantiated });
      else await deps.services.recordCustomerInformed({ actor, complaintId: s.complaintId, how: s.how, at: s.at });
    } catch (error) {
      return answerFailure(deps, args, error, args.view.callback_id);
    }
    await args.ack();
  });
}
