import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import { buildPartOptions } from "../../views/parts";
import type { HandlerDeps } from "../types";

/** R14: the Borrow modal's part type-ahead on the caller's branch catalogue, stock shown. Must answer within 3 s. */
export function partSearch(deps: HandlerDeps) {
  return async ({ ack, body, options }: SlackOptionsMiddlewareArgs<"block_suggestion"> & AllMiddlewareArgs) => {
    try {
      const actor = await deps.services.resolveActor(body.user.id);
      const stock = actor.branchId === null ? [] : await deps.services.searchBranchStock({ branchId: actor.branchId, query: options.value, limit: 50 });
      await ack(buildPartOptions(stock));
    } catch (error) {
      deps.log.error("part search failed", { error });
      await ack(buildPartOptions([]));
    }
  };
}
