// R19: Record survey on a line of the day's survey list opens the modal for that call's try, for the
// branch's surveyors, dispatchers and directors; anyone else, or a try already recorded, is answered
// privately (who recorded it and when).
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { AppError } from "../../errors";
import { z } from "zod";
import { SURVEY_PATH_PREFIX } from "../../domain/survey-link";
import { buildNoticeModal } from "../../views/notice-modal";
import { buildSurveyAlreadyRecorded, buildSurveyLinkModal, buildSurveyModal, readSurveyRef } from "../../views/survey-modal";
import { describeFailure, respondWithFailure } from "../support/failures";
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
        return { view: buildSurveyModal({ survey, offerLink: Boolean(deps.publicUrl) }) };
      });
    } catch (error) {
      await respondWithFailure(args, error, deps.log, { action: name, user: args.body.user.id });
    }
  };
}

const surveyIdSchema = z.coerce.number().int().positive();

/**
 * R20: "Link for the customer" in the Record survey modal: a new single-use link, pushed over the
 * modal (closing it goes back to the form as typed). A refusal is pushed as a notice: a modal has
 * no response_url.
 */
export function surveyLinkButton(deps: HandlerDeps) {
  return async (args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await args.ack();
    const { body } = args;
    const context = { action: "survey.link", user: body.user.id };
    const view = await (async () => {
      const surveyId = surveyIdSchema.parse(body.actions[0]?.value);
      if (!deps.publicUrl) throw new AppError("NOT_FOUND", { message: "survey links need PUBLIC_URL", details: { entity: "SurveyLink" } });
      const actor = await deps.services.resolveActor(body.user.id);
      const link = await deps.services.createSurveyLink({ actor, surveyId });
      const url = `${deps.publicUrl.replace(/\/+$/, "")}${SURVEY_PATH_PREFIX}${link.token}?lang=${encodeURIComponent(link.language)}`;
      return buildSurveyLinkModal({ url, voucherNo: link.voucherNo, expiresAt: link.expiresAt, timeZone: link.timeZone });
    })().catch((error: unknown) => buildNoticeModal(describeFailure(error, deps.log, context)));
    await args.client.views.push({ trigger_id: body.trigger_id, view }).catch((error: unknown) => deps.log.warn("could not show the customer's survey link", { ...context, error }));
  };
}
