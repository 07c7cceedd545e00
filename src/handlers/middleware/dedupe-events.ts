import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { HandlerDeps } from "../types";

/**
 * Slack redelivers an event (same event_id) when we were slow or failed; Bolt does not
 * deduplicate, so the first delivery claims the id in the database and later ones stop here.
 */
export function dedupeEvents(deps: HandlerDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string") {
      const first = await deps.services.claimDelivery({ key: `event:${eventId}`, kind: "event" });
      if (!first) {
        deps.log.info("duplicate event delivery ignored", { eventId });
        return;
      }
    }
    await next();
  };
}
