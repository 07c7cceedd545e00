// An admin's Resend on a Slack post that failed (`/repair jobs`, App Home): the effect is queued
// again, the admin is told privately, and the list they pressed it in is drawn again without it.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { isAppError } from "../../errors";
import { messagesFor } from "../../views/messages";
import { jobRunsMessage } from "../commands/job-runs";
import { publishHome } from "../events/app-home-opened";
import { respondWithFailure, tellPrivately } from "../support/failures";
import type { HandlerDeps } from "../types";

const failureIdSchema = z.coerce.number().int().positive();

export function resendSlackFailureButton(deps: HandlerDeps) {
  return async (args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const { ack, body, client, respond } = args;
    await ack();
    const m = messagesFor().directorSummary.slackFailures;
    const context = { action: "slack.resend", user: body.user.id };
    try {
      const failureId = failureIdSchema.parse(body.actions[0]?.value);
      const actor = await deps.services.resolveActor(body.user.id);
      const result = await deps.services.resendSlackFailure({ actor, failureId });
      await tellPrivately(args, result.change === "resent" ? m.resent(result.voucherNo) : m.already(result.voucherNo), deps.log, context);
      // The resend is done: a list that cannot be drawn again is only logged, not reported as a failure.
      const refresh = async () => {
        if (body.view?.type === "home") return publishHome(deps, client, body.user.id);
        const message = await jobRunsMessage(deps, actor);
        await respond({ replace_original: true, text: message.text, blocks: message.blocks });
      };
      await refresh().catch((cause: unknown) => deps.log.warn("could not redraw the failed Slack posts after a resend", { ...context, cause }));
    } catch (error) {
      if (isAppError(error) && error.code === "FORBIDDEN") {
        deps.log.info("request refused", { ...context, code: error.code });
        await tellPrivately(args, m.refused, deps.log, context);
        return;
      }
      await respondWithFailure(args, error, deps.log, context);
    }
  };
}
