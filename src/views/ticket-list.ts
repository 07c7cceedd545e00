// `/repair list [filter]`: the branch's tickets, most urgent first (the service orders them), as an
// ephemeral message. Slack allows 50 blocks and ~13k characters, so long lists are cut with "and N more".
import type { KnownBlock } from "@slack/types";
import type { TicketListFilter, TicketListItem } from "../services/tickets/models";
import { oneLine, safeText, slackDate } from "./format";
import { ACTIONS, BLOCKS } from "./ids";
import { messagesFor, type Locale } from "./messages";

const MAX_ITEMS = 45; // header + summary + 45 + "more" < 50
const TEXT_BUDGET = 11_000; // below Slack's ~13,000 characters of block text

export function buildTicketList(options: {
  filter: TicketListFilter;
  items: TicketListItem[];
  now: Date;
  branchName?: string;
  /** The branch's, for the date fallback; readers see their own zone. */
  timeZone?: string;
  locale?: Locale;
}): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(options.locale);
  const tz = options.timeZone ?? "UTC";
  const title = options.branchName ? m.list.titleAt(m.list.title[options.filter], oneLine(options.branchName, 80)) : m.list.title[options.filter];
  const blocks: KnownBlock[] = [{ type: "header", block_id: BLOCKS.listHeader, text: { type: "plain_text", text: oneLine(title, 150), emoji: true } }];
  const text = oneLine(m.list.fallback(title, options.items.length), 3000);

  if (options.items.length === 0) {
    blocks.push({ type: "section", block_id: BLOCKS.listEmpty, text: { type: "mrkdwn", text: m.list.empty[options.filter] } });
    return { text, blocks };
  }
  blocks.push({ type: "context", block_id: BLOCKS.listSummary, elements: [{ type: "mrkdwn", text: m.list.summary(options.items.length) }] });

  let used = 0;
  let shown = 0;
  for (const item of options.items) {
    if (shown >= MAX_ITEMS) break;
    const line = itemText(item, options.now, tz, m);
    if (used + line.length > TEXT_BUDGET) break;
    used += line.length;
    shown += 1;
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: line },
      accessory: { type: "button", action_id: ACTIONS.ticketView, text: { type: "plain_text", text: m.list.view }, value: String(item.id) },
    });
  }
  if (shown < options.items.length) {
    blocks.push({ type: "context", block_id: BLOCKS.listMore, elements: [{ type: "mrkdwn", text: m.list.more(options.items.length - shown) }] });
  }
  return { text, blocks };
}

function itemText(item: TicketListItem, now: Date, tz: string, m: ReturnType<typeof messagesFor>): string {
  const overdue = item.overdue || (item.arrivalDeadline !== null && item.arrivalDeadline.getTime() < now.getTime() && ["REGISTERED", "ASSIGNED", "ACCEPTED"].includes(item.status));
  const first = `*${item.voucherNo}* · ${m.grade[item.grade]} · ${safeText(oneLine(item.customerName, 80), 100)}`;
  const second = [
    m.status[item.status],
    item.arrivalDeadline ? m.list.due(slackDate(item.arrivalDeadline, tz)) : m.list.noDeadline,
    overdue ? m.list.overdue : null,
    item.priority ? m.list.priority : null,
    item.technician ? m.list.technician(`<@${item.technician.slackUserId}>`) : m.list.unassigned,
    m.area[item.area],
  ]
    .filter(Boolean)
    .join(" · ");
  const fault = item.faultDescription?.trim() ? `\n_${safeText(oneLine(item.faultDescription, 90), 120)}_` : "";
  return `${first}\n${second}${fault}`;
}
