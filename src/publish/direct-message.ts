import type { KnownBlock } from "@slack/types";
import type { PublishSlackClient } from "./slack-client";

/** Opens (or finds) the DM with a person and posts there; returns where it went, to update it later. */
export async function sendDirectMessage(slack: PublishSlackClient, slackUserId: string, message: { text: string; blocks?: KnownBlock[] }): Promise<{ channel: string; ts: string }> {
  const opened = await slack.conversations.open({ users: slackUserId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error(`conversations.open gave no channel for ${slackUserId}`);
  const sent = await slack.chat.postMessage({ channel, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}), unfurl_links: false });
  if (!sent.ts) throw new Error(`chat.postMessage gave no ts for the DM to ${slackUserId}`);
  return { channel: sent.channel ?? channel, ts: sent.ts };
}
