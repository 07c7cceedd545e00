// R10: fees above the on-site limit (or that the customer could not pay on site) are invoiced by the
// accountant. A request gathers the charge lines it covers; a workshop item's charges wait for the
// day it goes back (seed 000 §13) and are gathered then.
import type { Tx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { recordAudit } from "../audit";
import { enqueueSlackEffect } from "../outbox/enqueue";
import type { Actor } from "../staff/resolve-actor";
import { auditActor } from "../tickets/authorize";

export type InvoiceSource = "report" | "workshop-return";

export interface RequestedInvoice {
  id: number;
  ticketId: number;
  amount: string;
  currency: string;
  source: InvoiceSource;
  requestedAt: Date;
}

/**
 * Requests an invoice for the ticket's charges not yet invoiced: one visit's lines (`visitReportId`)
 * or, at a workshop return, every line still waiting. Null when nothing is left to invoice.
 */
export async function requestInvoice(
  tx: Tx,
  options: { ticketId: number; branchId: number; source: InvoiceSource; visitReportId?: number; actor: Actor; at: Date },
): Promise<RequestedInvoice | null> {
  const { ticketId, source, at } = options;
  const where: Prisma.ChargeWhereInput =
    options.visitReportId !== undefined
      ? { ticketId, visitReportId: options.visitReportId, invoiceRequestId: null }
      : { ticketId, invoiceRequestId: null, settlement: "NONE" };
  const charges = await tx.charge.findMany({ where, select: { id: true, amount: true } });
  const amount = charges.reduce((sum, charge) => sum.add(charge.amount), new Prisma.Decimal(0));
  if (amount.lte(0)) return null;
  const branch = await tx.branch.findUniqueOrThrow({ where: { id: options.branchId }, select: { id: true, currency: true } });
  const request = await tx.invoiceRequest.create({ data: { ticketId, branchId: branch.id, amount, currency: branch.currency, requestedAt: at, source } });
  await tx.charge.updateMany({ where: { id: { in: charges.map((charge) => charge.id) } }, data: { invoiceRequestId: request.id, settlement: "INVOICE_REQUESTED" } });
  await recordAudit(tx, {
    ...auditActor(options.actor),
    action: "invoice.request",
    entity: "InvoiceRequest",
    entityId: request.id,
    ticketId,
    at,
    data: { amount: amount.toFixed(2), currency: branch.currency, source, chargeIds: charges.map((charge) => charge.id) },
  });
  // The accountants hear of it by DM once it is committed (the outbox).
  await enqueueSlackEffect(tx, { kind: "invoice-request", invoiceRequestId: request.id }, { key: `invoice-request:${request.id}`, keyMode: "dedupe" });
  return { id: request.id, ticketId, amount: amount.toFixed(2), currency: branch.currency, source, requestedAt: at };
}
