// Reading back what the bot may already have posted: every outbox post carries message metadata
// naming what it is, so an attempt that follows a crash finds it instead of posting it twice.
import { callSlack } from "./slack-errors";
import type { OutboxSlackClient } from "./slack-client";

export type Metadata = { event_type: string; event_payload: Record<string, string | number> };
type SlackMessage = { ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } };

const LOOKBACK_PAGES = 5;

function matches(message: SlackMessage, metadata: Metadata): boolean {
  if (message.metadata?.event_type !== metadata.event_type) return false;
  const payload = message.metadata.event_payload ?? {};
  return Object.entries(metadata.event_payload).every(([key, value]) => String(payload[key]) === String(value));
}

/** The ts of the bot's message carrying `metadata` in the channel since `since` (a few pages back), or null. */
export async function findPosted(slack: OutboxSlackClient, channel: string, metadata: Metadata, since?: Date): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < LOOKBACK_PAGES; page++) {
    const result = await callSlack(() =>
      slack.conversations.history({
        channel,
        limit: 200,
        include_all_metadata: true,
        ...(since ? { oldest: String(Math.floor(since.getTime() / 1000) - 60) } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    );
    const found = (result.messages as SlackMessage[] | undefined)?.find((message) => matches(message, metadata));
    if (found?.ts) return found.ts;
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}

/** The ts of the bot's reply carrying `metadata` in the thread (a few pages in), or null. */
export async function findInThread(slack: OutboxSlackClient, channel: string, threadTs: string, metadata: Metadata): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < LOOKBACK_PAGES; page++) {
    const result = await callSlack(() => slack.conversations.replies({ channel, ts: threadTs, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) }));
    const found = (result.messages as SlackMessage[] | undefined)?.find((message) => message.ts !== threadTs && matches(message, metadata));
    if (found?.ts) return found.ts;
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}
