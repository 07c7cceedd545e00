// What the assign, schedule and cancel modals share: the ticket they concern, in private_metadata.
import type { KnownBlock } from "@slack/types";
import { z } from "zod";
import type { TicketCard } from "../services/tickets/models";
import { oneLine, safeText, slackDate } from "./format";
import type { Messages } from "./messages";

export interface TicketModalMetadata {
  ticketId: number;
  /** The message the modal was opened from (a ticket message or an ephemeral copy), if any. */
  channelId?: string;
  messageTs?: string;
}

const schema = z.object({ ticketId: z.number().int().positive(), channelId: z.string().max(50).optional(), messageTs: z.string().max(50).optional() });

export function ticketModalMetadata(card: Pick<TicketCard, "id" | "slackMessage">): string {
  const metadata: TicketModalMetadata = { ticketId: card.id, ...(card.slackMessage ? { channelId: card.slackMessage.channelId, messageTs: card.slackMessage.ts } : {}) };
  return JSON.stringify(metadata);
}

/** The ticket a modal concerns, or null when its private_metadata is not ours. */
export function readTicketModalMetadata(privateMetadata: string | undefined): TicketModalMetadata | null {
  try {
    const parsed = schema.safeParse(JSON.parse(privateMetadata || "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function plain(text: string, max = 3000) {
  return { type: "plain_text" as const, text: oneLine(text, max), emoji: true };
}

/** The two-line reminder of which call a modal is about. */
export function ticketSummaryBlock(card: TicketCard, m: Messages, blockId: string, extra: string[] = []): KnownBlock {
  const lines = [
    m.assign.summary(card.voucherNo, safeText(card.customer.name, 200), m.grade[card.customer.grade], m.area[card.area]),
    card.faultDescription ? `_${safeText(oneLine(card.faultDescription, 300), 400)}_` : null,
    card.arrivalDeadline ? m.assign.deadline(slackDate(card.arrivalDeadline, card.branch.timeZone)) : null,
    ...extra,
  ].filter((line): line is string => Boolean(line));
  return { type: "section", block_id: blockId, text: { type: "mrkdwn", text: lines.join("\n") } };
}
