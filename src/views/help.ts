import type { KnownBlock } from "@slack/types";
import { BLOCKS } from "./ids";
import { messagesFor, type Locale } from "./messages";

export interface HelpMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The ephemeral answer to `/repair help`, and to anything /repair does not understand. */
export function buildHelpMessage(options: { unknownText?: string; locale?: Locale } = {}): HelpMessage {
  const m = messagesFor(options.locale).help;
  const blocks: KnownBlock[] = [];
  if (options.unknownText) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: m.unknownCommand(truncate(options.unknownText, 200)) } });
  }
  blocks.push(
    { type: "header", text: { type: "plain_text", text: m.title } },
    { type: "section", block_id: BLOCKS.helpUsage, text: { type: "mrkdwn", text: m.usage.map((line) => `• ${line}`).join("\n") } },
  );
  return { text: m.fallback, blocks };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
