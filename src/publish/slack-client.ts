// The Slack calls that leave through src/publish, and no more: Bolt's client and the jobs' client
// both satisfy it, and test fakes stay small.
import type { WebClient } from "@slack/web-api";

export interface PublishSlackClient {
  chat: Pick<WebClient["chat"], "postMessage" | "update">;
  conversations: Pick<WebClient["conversations"], "open">;
}
