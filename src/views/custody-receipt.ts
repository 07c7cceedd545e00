// R11: the custody receipt posted in the ticket's thread when equipment goes to the workshop.
import type { KnownBlock } from "@slack/types";
import { safeText, slackDate } from "./format";
import { messagesFor, type Locale } from "./messages";
import { plain } from "./ticket-modal-common";

export interface CustodyReceiptView {
  number: string;
  items: string;
  condition: string;
  accessories: string | null;
  receivedAt: Date;
}

export function buildCustodyReceiptMessage(options: { receipt: CustodyReceiptView; voucherNo: string; timeZone: string; locale?: Locale }): { text: string; blocks: KnownBlock[] } {
  const { receipt } = options;
  const t = messagesFor(options.locale).workReport.receipt;
  return {
    text: t.text(receipt.number),
    blocks: [
      { type: "header", text: plain(t.header(receipt.number), 150) },
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: `*${t.items}*\n${safeText(receipt.items, 1000)}` },
          { type: "mrkdwn", text: `*${t.condition}*\n${safeText(receipt.condition, 1000)}` },
          { type: "mrkdwn", text: `*${t.accessories}*\n${receipt.accessories ? safeText(receipt.accessories, 500) : `_${t.none}_`}` },
        ],
      },
      { type: "context", elements: [{ type: "mrkdwn", text: t.footer(options.voucherNo, slackDate(receipt.receivedAt, options.timeZone)) }] },
    ],
  };
}
