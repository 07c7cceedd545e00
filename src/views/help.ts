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
  blocks.push({ type: "header", text: { type: "plain_text", text: m.title } });
  usageSections(m.usage.map((line) => `• ${line}`)).forEach((text, i) => {
    blocks.push({ type: "section", block_id: i === 0 ? BLOCKS.helpUsage : `${BLOCKS.helpUsage}_${i + 1}`, text: { type: "mrkdwn", text } });
  });
  return { text: m.fallback, blocks };
}

/** Slack: a section's text is at most 3000 characters; the usage (longer in most translations) runs on in more sections. */
const SECTION_MAX = 3000;

function usageSections(lines: string[]): string[] {
  const sections: string[] = [];
  for (const line of lines.map((text) => truncate(text, SECTION_MAX))) {
    const last = sections[sections.length - 1];
    if (last !== undefined && last.length + 1 + line.length <= SECTION_MAX) sections[sections.length - 1] = `${last}\n${line}`;
    else sections.push(line);
  }
  return sections;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
