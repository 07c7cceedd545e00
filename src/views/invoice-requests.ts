// R10: the accountants' side of paid work: the DM announcing an invoice request (with Mark
// invoiced) and `/repair invoices`, the requests still to issue, oldest first.
import type { KnownBlock } from "@slack/types";
import type { InvoiceRequestSummary } from "../services/invoices/models";
import { formatMoney, oneLine, safeText, slackDate } from "./format";
import { ACTIONS, BLOCKS } from "./ids";
import { messagesFor, type Locale } from "./messages";
import { plain } from "./ticket-modal-common";

const MAX_LISTED = 20; // a section and a context per request, header and intro: < 50 blocks

function linesText(request: InvoiceRequestSummary, m: ReturnType<typeof messagesFor>): string {
  const h = m.workReport.history;
  return request.lines.map((line) => m.invoices.line(h.kinds[line.kind] ?? line.kind, formatMoney(line.amount, request.currency), h.reasons[line.reason] ?? line.reason)).join("\n");
}

function markButton(request: InvoiceRequestSummary, m: ReturnType<typeof messagesFor>) {
  return { type: "button" as const, action_id: ACTIONS.invoiceMark, text: plain(m.invoices.markInvoiced, 75), value: String(request.id), style: "primary" as const };
}

export function buildInvoiceRequestDm(options: { request: InvoiceRequestSummary; fallbackToAdmins?: boolean; locale?: Locale }): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(options.locale);
  const { request } = options;
  const tz = request.branch.timeZone;
  const customer = safeText(oneLine(request.customerName, 100), 150);
  const blocks: KnownBlock[] = [
    { type: "section", block_id: BLOCKS.invoiceLines, text: { type: "mrkdwn", text: `${m.invoices.dmIntro(request.voucherNo, customer, formatMoney(request.amount, request.currency))}\n${linesText(request, m)}`.slice(0, 3000) } },
    {
      type: "context",
      elements: [
        { type: "mrkdwn", text: m.invoices.requestedAt(safeText(oneLine(request.branch.name, 80), 100), slackDate(request.requestedAt, tz)) },
        { type: "mrkdwn", text: m.invoices.sources[request.source] ?? request.source },
        ...(options.fallbackToAdmins ? [{ type: "mrkdwn" as const, text: m.invoices.fallbackToAdmins }] : []),
      ],
    },
  ];
  if (request.invoiced) {
    const who = request.invoiced.by ? `<@${request.invoiced.by.slackUserId}>` : "—";
    blocks.push({ type: "section", block_id: BLOCKS.invoiceStatus, text: { type: "mrkdwn", text: m.invoices.invoiced(who, slackDate(request.invoiced.at, tz)) } });
  } else {
    blocks.push({ type: "actions", block_id: BLOCKS.invoiceActions, elements: [markButton(request, m)] });
  }
  return { text: oneLine(m.invoices.dmFallback(request.voucherNo, formatMoney(request.amount, request.currency)), 3000), blocks };
}

export function buildInvoiceList(options: { open: InvoiceRequestSummary[]; more: number; locale?: Locale }): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(options.locale);
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(m.invoices.listHeader, 150) },
    { type: "context", elements: [{ type: "mrkdwn", text: m.invoices.listIntro }] },
  ];
  if (!options.open.length) blocks.push({ type: "section", text: { type: "mrkdwn", text: m.invoices.listEmpty } });
  const listed = options.open.slice(0, MAX_LISTED);
  for (const request of listed) {
    const text = m.invoices.listItem(
      request.voucherNo,
      safeText(oneLine(request.customerName, 80), 100),
      formatMoney(request.amount, request.currency),
      safeText(oneLine(request.branch.name, 60), 80),
      slackDate(request.requestedAt, request.branch.timeZone),
    );
    blocks.push({ type: "section", block_id: `${BLOCKS.invoiceRequestPrefix}${request.id}`, text: { type: "mrkdwn", text: text.slice(0, 3000) }, accessory: markButton(request, m) });
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: linesText(request, m).slice(0, 3000) || "—" }] });
  }
  const more = options.more + (options.open.length - listed.length);
  if (more > 0) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: m.invoices.more(more) }] });
  return { text: m.invoices.listFallback(options.open.length + options.more), blocks };
}
