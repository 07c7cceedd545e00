import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { renderFor } from "../../i18n/locale-source";
import type { HandlerDeps } from "../types";

/** Who sent a request: the person every answer to it (ephemeral, modal, App Home, DM) is written for. */
export function senderOf(body: unknown): string | undefined {
  const request = body as { user_id?: unknown; user?: { id?: unknown }; event?: { user?: unknown } };
  for (const candidate of [request.user_id, request.user?.id, request.event?.user]) {
    if (typeof candidate === "string" && candidate !== "") return candidate;
  }
  return undefined;
}

/**
 * Runs the rest of the request in its sender's language (their choice, else Slack's, else their
 * branch's), so every view it renders speaks it without the locale passed through each call.
 */
export function readerLocale(deps: HandlerDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const sender = senderOf(body);
    if (!sender || !deps.locales) return next();
    await renderFor(deps.locales, { person: sender }, next);
  };
}
