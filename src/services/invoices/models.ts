// R10: an invoice request as the accountants see it: the call, the customer, the lines and why.
import type { Prisma } from "../../generated/prisma/client";

export const invoiceRequestSelect = {
  id: true,
  amount: true,
  currency: true,
  source: true,
  requestedAt: true,
  invoicedAt: true,
  invoiceNumber: true,
  invoicedBy: { select: { slackUserId: true, name: true } },
  branch: { select: { id: true, name: true, timeZone: true } },
  ticket: { select: { id: true, voucherNo: true, customer: { select: { name: true, code: true } } } },
  charges: { select: { kind: true, reason: true, amount: true }, orderBy: { id: "asc" } },
} satisfies Prisma.InvoiceRequestSelect;

export interface InvoiceRequestSummary {
  id: number;
  ticketId: number;
  voucherNo: string;
  customerName: string;
  customerCode: string;
  branch: { id: number; name: string; timeZone: string };
  amount: string;
  currency: string;
  source: string;
  requestedAt: Date;
  lines: { kind: string; reason: string; amount: string }[];
  invoiced: { at: Date; by: { slackUserId: string; name: string } | null; number: string | null } | null;
}

export function toInvoiceRequestSummary(row: Prisma.InvoiceRequestGetPayload<{ select: typeof invoiceRequestSelect }>): InvoiceRequestSummary {
  return {
    id: row.id,
    ticketId: row.ticket.id,
    voucherNo: row.ticket.voucherNo,
    customerName: row.ticket.customer.name,
    customerCode: row.ticket.customer.code,
    branch: row.branch,
    amount: row.amount.toFixed(2),
    currency: row.currency,
    source: row.source,
    requestedAt: row.requestedAt,
    lines: row.charges.map((charge) => ({ kind: charge.kind, reason: charge.reason ?? "PAID_SERVICE", amount: charge.amount.toFixed(2) })),
    invoiced: row.invoicedAt ? { at: row.invoicedAt, by: row.invoicedBy, number: row.invoiceNumber } : null,
  };
}
