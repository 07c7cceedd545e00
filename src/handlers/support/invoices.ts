// R10: after a change that requested an invoice, the accountants are told (post-ack work).
import { announceInvoiceRequest } from "../../publish/invoice-publisher";
import type { PublishSlackClient } from "../../publish/slack-client";
import type { HandlerDeps } from "../types";

export async function tellAccountants(deps: HandlerDeps, client: PublishSlackClient, invoiceRequest: { id: number } | null | undefined): Promise<void> {
  if (!invoiceRequest) return;
  const [request, recipients] = await Promise.all([deps.services.getInvoiceRequest({ invoiceRequestId: invoiceRequest.id }), deps.services.invoiceRecipients()]);
  await announceInvoiceRequest(client, deps.log, { request, recipients });
}
