// One place that turns a failure into what the person is told: a refusal (expected, AppError)
// names why and who may; anything else is logged with its cause and reported as "failed, nothing
// lost". Never a stack trace in Slack.
import type { RespondFn } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { isAppError } from "../../errors";
import type { Log } from "../../logger";
import { buildFailure, buildRefusal } from "../../views/refusal";

export function describeFailure(error: unknown, log: Log, context: Record<string, unknown>): { text: string } {
  if (isAppError(error) && error.code !== "INTERNAL") {
    log.info("request refused", { ...context, code: error.code, details: error.details });
    return buildRefusal({ code: error.code, details: error.details });
  }
  log.error("request failed", { ...context, error });
  return buildFailure();
}

/** What one person is told privately: a refusal or failure (text), or a message laid out by a view. */
export interface PrivateReply {
  text: string;
  blocks?: KnownBlock[];
}

/** What a listener received that lets it answer one person privately. */
export interface PrivateReplyTarget {
  respond?: RespondFn;
  client: { chat: Pick<WebClient["chat"], "postMessage"> };
  body: { user?: { id: string }; user_id?: string; response_url?: string };
}

/**
 * Tells the person privately: through the response_url when Slack gave one (messages, commands),
 * otherwise in the bot's DM with them (App Home, modals and type-ahead have none).
 */
export async function tellPrivately(target: PrivateReplyTarget, reply: string | PrivateReply, log: Log, context: Record<string, unknown>): Promise<void> {
  const userId = target.body.user?.id ?? target.body.user_id;
  const { text, blocks } = typeof reply === "string" ? { text: reply, blocks: undefined } : reply;
  try {
    if (target.respond && target.body.response_url) await target.respond({ response_type: "ephemeral", replace_original: false, text, ...(blocks ? { blocks } : {}) });
    else if (userId) await target.client.chat.postMessage({ channel: userId, text, ...(blocks ? { blocks } : {}) });
  } catch (cause) {
    log.warn("could not tell the user", { ...context, cause });
  }
}

export async function respondWithFailure(target: PrivateReplyTarget, error: unknown, log: Log, context: Record<string, unknown>): Promise<void> {
  await tellPrivately(target, describeFailure(error, log, context).text, log, context);
}
