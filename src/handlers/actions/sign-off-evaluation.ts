// R20/R22: a manager's Sign off on the monthly evaluation, by the daily summary's rule (R17). The
// message is re-rendered without the button, naming who signed and when; a second click, or anyone
// else's, is answered privately.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { isAppError } from "../../errors";
import { slackDate } from "../../views/format";
import { messagesFor } from "../../views/messages";
import { buildEvaluationMessage } from "../../views/monthly-evaluation";
import { respondWithFailure, tellPrivately } from "../support/failures";
import type { HandlerDeps } from "../types";

const reportIdSchema = z.coerce.number().int().positive();
const slackUser = /^[UW][A-Z0-9]+$/;

export function signOffEvaluationButton(deps: HandlerDeps) {
  return async (args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const { ack, body, client } = args;
    await ack();
    const m = messagesFor().evaluation;
    const context = { action: "evaluation.sign-off", user: body.user.id };
    try {
      const reportId = reportIdSchema.parse(body.actions[0]?.value);
      const actor = await deps.services.resolveActor(body.user.id);
      const report = await deps.services.signOffEvaluation({ actor, reportId });
      if (report.channelId && report.messageTs && report.signedOffAt && report.signedOffBy) {
        const message = buildEvaluationMessage({ reportId: report.id, evaluation: report.figures, state: { kind: "signed-off", by: report.signedOffBy.slackUserId, at: report.signedOffAt } });
        await client.chat
          .update({ channel: report.channelId, ts: report.messageTs, text: message.text, blocks: message.blocks })
          .catch((cause: unknown) => deps.log.warn("could not update the monthly evaluation message", { reportId, cause }));
      }
    } catch (error) {
      if (isAppError(error) && error.code === "FORBIDDEN") {
        deps.log.info("request refused", { ...context, code: error.code });
        await tellPrivately(args, error.details.reason === "own-report" ? m.signOffOwnReport : m.signOffRefused, deps.log, context);
        return;
      }
      const details = isAppError(error) ? (error.details ?? {}) : {};
      if (isAppError(error) && error.code === "ALREADY_DONE" && typeof details.by === "string" && slackUser.test(details.by) && typeof details.at === "string") {
        const timeZone = typeof details.timeZone === "string" ? details.timeZone : "UTC";
        await tellPrivately(args, m.alreadySignedOff(`<@${details.by}>`, slackDate(new Date(details.at), timeZone)), deps.log, context);
        return;
      }
      await respondWithFailure(args, error, deps.log, context);
    }
  };
}
