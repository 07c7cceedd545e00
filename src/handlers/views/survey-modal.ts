// R19/R20: the Record survey submission. Missing ratings of an answered survey land on their items;
// a try someone recorded meanwhile replaces the modal with who recorded it and when; the list's line
// is updated by the outbox, queued with the recording.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { isAppError } from "../../errors";
import { buildNoticeModal } from "../../views/notice-modal";
import type { StateValues } from "../../views/state";
import { BLOCKS } from "../../views/ids";
import { messagesFor } from "../../views/messages";
import { buildSurveyAlreadyRecorded, ITEM_BLOCKS, readSurveySubmission } from "../../views/survey-modal";
import type { SurveyItem } from "../../domain/surveys";
import { underAckBudget } from "../support/ack-budget";
import { describeFailure } from "../support/failures";
import type { HandlerDeps } from "../types";

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

export function surveySubmitted(deps: HandlerDeps) {
  return underAckBudget(deps, "survey", async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const read = readSurveySubmission(view.state.values as StateValues, view.private_metadata);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    try {
      const actor = await deps.services.resolveActor(body.user.id);
      await deps.services.recordSurvey({ actor, surveyId: read.surveyId, attempt: read.attempt, outcome: read.outcome, ratings: read.ratings, comment: read.comment });
    } catch (error) {
      if (isAppError(error) && error.code === "ALREADY_DONE") {
        const d = error.details;
        const at = str(d.at);
        const { text } = buildSurveyAlreadyRecorded({ voucherNo: str(d.voucherNo) ?? "", outcome: str(d.outcome), bySlackUserId: str(d.by), at: at ? new Date(at) : null, timeZone: str(d.timeZone) ?? "UTC" });
        return void (await ack({ response_action: "update", view: buildNoticeModal({ text }) }));
      }
      if (isAppError(error) && error.code === "VALIDATION" && error.fieldErrors) {
        const e = messagesFor().surveys.modal.errors;
        const errors = Object.fromEntries(Object.keys(error.fieldErrors).map((field) => (field === "comment" ? [BLOCKS.surveyComment, e.commentTooLong(2000)] : [ITEM_BLOCKS[field as SurveyItem] ?? BLOCKS.surveyOutcome, e.ratingRequired])));
        return void (await ack({ response_action: "errors", errors }));
      }
      const { text } = describeFailure(error, deps.log, { view: "survey", user: body.user.id });
      return void (await ack({ response_action: "update", view: buildNoticeModal({ text }) }));
    }
    await ack();
  });
}
