import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import { buildCustomerOptions } from "../../views/intake-modal";
import type { HandlerDeps } from "../types";

/** The intake modal's customer type-ahead: name or phone, the caller's branch first. Must answer within 3 s. */
export function customerSearch(deps: HandlerDeps) {
  return async ({ ack, body, options }: SlackOptionsMiddlewareArgs<"block_suggestion"> & AllMiddlewareArgs) => {
    try {
      const actor = await deps.services.resolveActor(body.user.id);
      const hits = await deps.services.searchCustomers({ query: options.value, branchId: actor.branchId ?? undefined, limit: 20 });
      await ack(buildCustomerOptions(hits));
    } catch (error) {
      deps.log.error("customer search failed", { error });
      await ack(buildCustomerOptions([]));
    }
  };
}
