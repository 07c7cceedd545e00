// R7: a director's Acknowledge on an overdue alert. Every copy of the alert (thread, channel, DMs)
// is updated in place; a refusal or a second click is answered privately, naming who acknowledged.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { buildOverdueAlert } from "../../views/overdue-alert";
import { respondWithFailure } from "../support/failures";
import type { HandlerDeps } from "../types";

const escalationIdSchema = z.coerce.number().int().positive();

export function acknowledgeEscalationButton(deps: HandlerDeps) {
  return async (args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const { ack, body, client } = args;
    await ack();
    try {
      const escalationId = escalationIdSchema.parse(body.actions[0]?.value);
      const actor = await deps.services.resolveActor(body.user.id);
      const result = await deps.services.acknowledgeEscalation({ actor, escalationId });
      const message = buildOverdueAlert({ alert: result.alert, state: { kind: "acknowledged", by: result.acknowledgedBy, at: result.acknowledgedAt }, now: deps.clock.now() });
      for (const shown of result.messages) {
        await client.chat
          .update({ channel: shown.channelId, ts: shown.ts, text: message.text, blocks: message.blocks })
          .catch((cause: unknown) => deps.log.warn("could not update an overdue alert", { escalationId, channel: shown.channelId, cause }));
      }
    } catch (error) {
      await respondWithFailure(args, error, deps.log, { action: "escalation.acknowledge", user: body.user.id });
    }
  };
}
