// How the outbox reads a Slack failure: wait and call again (a rate limit), try later (Slack or the
// network failing for now), or give up and tell the admins (nothing will change by waiting).
import { ErrorCode } from "@slack/web-api";

/**
 * Errors no retry can pass: the channel or person is gone or out of the bot's reach, or the
 * message itself is refused. Whatever else Slack answers (`ratelimited`, `internal_error`,
 * `fatal_error`, `service_unavailable`, an unknown code) is tried again.
 */
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "user_not_found",
  "user_disabled",
  "account_inactive",
  "cannot_dm_bot",
  "restricted_action",
  "message_not_found",
  "cant_update_message",
  "invalid_blocks",
  "msg_too_long",
  "no_text",
  "invalid_arguments",
  "missing_scope",
  "not_authed",
  "invalid_auth",
  "token_revoked",
  "account_inactive",
]);

export type SlackFailure =
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "transient"; reason: string }
  | { kind: "permanent"; reason: string };

export function classifySlackError(error: unknown): SlackFailure {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === ErrorCode.RateLimitedError) return { kind: "rate-limited", retryAfterSeconds: Number((error as { retryAfter?: number }).retryAfter) || 1 };
  if (code === ErrorCode.PlatformError) {
    const reason = String((error as { data?: { error?: unknown } }).data?.error ?? "unknown_error");
    return PERMANENT.has(reason) ? { kind: "permanent", reason } : { kind: "transient", reason };
  }
  if (code === ErrorCode.HTTPError) {
    const status = Number((error as { statusCode?: number }).statusCode);
    if (status === 429) return { kind: "rate-limited", retryAfterSeconds: Number((error as { headers?: Record<string, string> }).headers?.["retry-after"]) || 1 };
    return { kind: "transient", reason: `http_${status}` };
  }
  if (code === ErrorCode.RequestError) return { kind: "transient", reason: "request_error" };
  return { kind: "transient", reason: error instanceof Error ? error.message.split("\n")[0]!.slice(0, 200) : String(error) };
}

/** Thrown by a delivery that cannot happen for good; the outbox records it for the admins. */
export class PermanentSlackFailure extends Error {
  override name = "PermanentSlackFailure";
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Longest Retry-After the outbox waits in place; a longer one returns the effect to the queue. */
const MAX_WAIT_SECONDS = 60;
const RATE_LIMIT_TRIES = 3;

/**
 * Calls Slack, waiting out rate limits (Slack's Retry-After, as its docs ask) a few times; a
 * permanent refusal becomes PermanentSlackFailure, anything else is rethrown to be retried later.
 */
export async function callSlack<T>(call: () => Promise<T>, sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind === "permanent") throw new PermanentSlackFailure(failure.reason);
      if (failure.kind === "rate-limited" && attempt < RATE_LIMIT_TRIES && failure.retryAfterSeconds <= MAX_WAIT_SECONDS) {
        await sleep(failure.retryAfterSeconds * 1000);
        continue;
      }
      throw error;
    }
  }
}
