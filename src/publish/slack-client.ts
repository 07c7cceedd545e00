// The Slack calls that leave through src/publish, and no more: Bolt's client and the outbox's
// client both satisfy it, and test fakes stay small.
import type { WebClient } from "@slack/web-api";

export interface PublishSlackClient {
  chat: Pick<WebClient["chat"], "postMessage" | "update">;
  conversations: Pick<WebClient["conversations"], "open">;
}

/** The outbox also reads back what it may already have posted before a crash (see ticket-effects.ts). */
export interface OutboxSlackClient extends PublishSlackClient {
  conversations: Pick<WebClient["conversations"], "open" | "history" | "replies">;
}

/** The workers answer technicians' thread replies: reactions, threaded answers, private refusals. */
export interface ThreadReplySlackClient {
  chat: Pick<WebClient["chat"], "postMessage" | "postEphemeral">;
  reactions: Pick<WebClient["reactions"], "add">;
}
