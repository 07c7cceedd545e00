// R8: the dispatch channel's list of calls carried over to today. Slack allows 50 blocks, so the
// list is one section per call up to MAX_ITEMS, then "and N more".
import type { KnownBlock } from "@slack/types";
import { oneLine, safeText, slackDate } from "./format";
import { BLOCKS } from "./ids";
import { messagesFor, type Locale } from "./messages";

const MAX_ITEMS = 40; // header + intro + 40 + "more" < 50
const FALLBACK_VOUCHERS = 20; // notifications show the fallback text; keep it short

export interface CarryOverItem {
  voucherNo: string;
  customerName: string;
  receivedAt: Date;
}

export function buildCarryOverMessage(options: { items: CarryOverItem[]; timeZone: string; locale?: Locale }): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(options.locale);
  const count = options.items.length;
  const blocks: KnownBlock[] = [
    { type: "header", block_id: BLOCKS.carryOverHeader, text: { type: "plain_text", text: m.carryOver.header(count), emoji: true } },
    { type: "context", block_id: BLOCKS.carryOverIntro, elements: [{ type: "mrkdwn", text: m.carryOver.intro }] },
  ];
  for (const item of options.items.slice(0, MAX_ITEMS)) {
    const customer = safeText(oneLine(item.customerName, 80), 100);
    blocks.push({ type: "section", text: { type: "mrkdwn", text: m.carryOver.item(item.voucherNo, customer, slackDate(item.receivedAt, options.timeZone)) } });
  }
  if (count > MAX_ITEMS) {
    blocks.push({ type: "context", block_id: BLOCKS.carryOverMore, elements: [{ type: "mrkdwn", text: m.carryOver.more(count - MAX_ITEMS) }] });
  }
  const vouchers = options.items.slice(0, FALLBACK_VOUCHERS).map((item) => item.voucherNo).join(", ") + (count > FALLBACK_VOUCHERS ? ", …" : "");
  return { text: m.carryOver.fallback(count, vouchers), blocks };
}
