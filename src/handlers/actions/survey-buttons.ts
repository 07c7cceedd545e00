// R19: Record survey on a line of the day's survey list opens the modal for that call's try, for the
// branch's surveyors, dispatchers and directors; anyone else, or a try already recorded, is answered
// privately (who recorded it and when).
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { AppError } from "../../errors";
import { buildSurveyAlreadyRecorded, buildSurveyModal, readSurveyRef } from "../../views/survey-modal";
import { respondWithFailure } from "../support/failures";
import { openModal } from "../support/open-modal";
import type { HandlerDeps } from "../types";
import { clickModalOptions } from "./ticket-buttons";

export function recordSurveyButton(deps: HandlerDeps) {
  return async (args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await args.ack();
    const name = "survey.record";
    try {
      const ref = readSurveyRef(args.body.actions[0]?.value);
      if (!ref) throw new AppError("VALIDATION", { message: "Record survey without `<survey id>:<try>`", details: { fields: [] } });
      await openModal(clickModalOptions(deps, args, name, "surveyRecord"), async () => {
        const [actor, survey] = await Promise.all([deps.services.resolveActor(args.body.user.id), deps.services.getSurveyForRecording(ref)]);
        deps.services.authorize(actor, "survey.record", { branchId: survey.branchId });
        if (survey.recorded) return { reply: buildSurveyAlreadyRecorded({ voucherNo: survey.voucherNo, outcome: survey.recorded.outcome, bySlackUserId: survey.recorded.bySlackUserId, at: survey.recorded.at, timeZone: survey.timeZone }) };
        return { view: buildSurveyModal({ survey }) };
      });
    } catch (error) {
      await respondWithFailure(args, error, deps.log, { action: name, user: args.body.user.id });
    }
  };
}
