// R7: a director's (or manager's) Acknowledge on an escalation alert. The acknowledgement queues the
// update of every copy of the alert (thread, channel, DMs) for the outbox; a refusal or a second
// click is answered privately, naming who acknowledged.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { respondWithFailure } from "../support/failures";
import type { HandlerDeps } from "../types";

const escalationIdSchema = z.coerce.number().int().positive();

export function acknowledgeEscalationButton(deps: HandlerDeps) {
  return async (args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const { ack, body } = args;
    await ack();
    try {
      const escalationId = escalationIdSchema.parse(body.actions[0]?.value);
      const actor = await deps.services.resolveActor(body.user.id);
      await deps.services.acknowledgeEscalation({ actor, escalationId });
    } catch (error) {
      await respondWithFailure(args, error, deps.log, { action: "escalation.acknowledge", user: body.user.id });
    }
  };
}
