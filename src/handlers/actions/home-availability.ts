import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { describeFailure } from "../support/failures";
import { publishHome } from "../events/app-home-opened";
import type { HandlerDeps } from "../types";

/** R5: a technician marks themselves away or back; the Assign modal lists away technicians last. */
export function setAvailability(deps: HandlerDeps, available: boolean) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    try {
      const actor = await deps.services.resolveActor(body.user.id);
      await deps.services.setAvailability({ actor, available });
      await publishHome(deps, client, body.user.id);
    } catch (error) {
      // The Home tab cannot show an ephemeral message: the answer comes as a direct message.
      const { text } = describeFailure(error, deps.log, { action: "home.availability", user: body.user.id });
      await client.chat.postMessage({ channel: body.user.id, text }).catch(() => undefined);
    }
  };
}
