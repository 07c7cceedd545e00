import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { HandlerDeps } from "../types";
import { publishHome } from "../events/app-home-opened";

export function homeRefresh(deps: HandlerDeps) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    await publishHome(deps, client, body.user.id);
  };
}
