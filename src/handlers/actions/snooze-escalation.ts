// R7/R12: "Remind me in…" on an escalation DM: records the snooze and answers privately with the time.
import type { AllMiddlewareArgs, BlockStaticSelectAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { slackDate } from "../../views/format";
import { messagesFor } from "../../views/messages";
import { respondWithFailure } from "../support/failures";
import type { HandlerDeps } from "../types";

const valueSchema = z.string().regex(/^\d+:\d+$/).transform((value) => {
  const [escalationId, minutes] = value.split(":").map(Number);
  return { escalationId, minutes };
});

export function snoozeEscalationSelect(deps: HandlerDeps) {
  return async (args: SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs) => {
    const { ack, body, respond } = args;
    await ack();
    try {
      const { escalationId, minutes } = valueSchema.parse(body.actions[0]?.selected_option?.value);
      const actor = await deps.services.resolveActor(body.user.id);
      const result = await deps.services.snoozeEscalation({ actor, escalationId, minutes });
      await respond({ response_type: "ephemeral", replace_original: false, text: messagesFor().escalations.snooze.willRemind(slackDate(result.until, result.timeZone)) });
    } catch (error) {
      await respondWithFailure(args, error, deps.log, { action: "escalation.snooze", user: body.user.id });
    }
  };
}
