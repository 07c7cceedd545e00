// R17: a manager's Sign off on the directors' daily summary. The summary message is re-rendered
// without the button, naming who signed and when; a second click (or a non-manager's) is answered
// privately.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { isAppError } from "../../errors";
import { slackDate } from "../../views/format";
import { buildDirectorSummaryMessage } from "../../views/director-summary";
import { messagesFor } from "../../views/messages";
import { respondWithFailure, tellPrivately } from "../support/failures";
import type { HandlerDeps } from "../types";

const reportIdSchema = z.coerce.number().int().positive();
const slackUser = /^[UW][A-Z0-9]+$/;

export function signOffReportButton(deps: HandlerDeps) {
  return async (args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const { ack, body, client } = args;
    await ack();
    const m = messagesFor().directorSummary.summary;
    const context = { action: "report.sign-off", user: body.user.id };
    try {
      const reportId = reportIdSchema.parse(body.actions[0]?.value);
      const actor = await deps.services.resolveActor(body.user.id);
      const report = await deps.services.signOffDirectorReport({ actor, reportId });
      if (report.channelId && report.messageTs && report.signedOffAt && report.signedOffBy) {
        const message = buildDirectorSummaryMessage({ reportId: report.id, summary: report.figures, state: { kind: "signed-off", by: report.signedOffBy.slackUserId, at: report.signedOffAt } });
        await client.chat
          .update({ channel: report.channelId, ts: report.messageTs, text: message.text, blocks: message.blocks })
          .catch((cause: unknown) => deps.log.warn("could not update the daily summary message", { reportId, cause }));
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
        const text = m.alreadySignedOff(`<@${details.by}>`, slackDate(new Date(details.at), timeZone));
        await tellPrivately(args, text, deps.log, context);
        return;
      }
      await respondWithFailure(args, error, deps.log, context);
    }
  };
}
