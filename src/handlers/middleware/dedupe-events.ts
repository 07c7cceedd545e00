import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { HandlerDeps } from "../types";

/**
 * Slack redelivers an event (same event_id) when we were slow or failed; Bolt does not
 * deduplicate, so the first delivery claims the id in the database and later ones stop here.
 * A delivery whose handling fails gives its claim back: the retry gets another chance.
 */
export function dedupeEvents(deps: HandlerDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== "string") return next();
    const key = `event:${eventId}`;
    if (!(await deps.services.claimDelivery({ key, kind: "event" }))) {
      deps.log.info("duplicate event delivery ignored", { eventId });
      return;
    }
    try {
      await next();
    } catch (error) {
      await deps.services.releaseDelivery(key).catch(() => undefined);
      throw error;
    }
  };
}
