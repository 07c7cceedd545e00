// R10: a new invoice request reaches every accountant (or, with none, the admins) by DM, with
// Mark invoiced on it.
import type { Log } from "../logger";
import type { InvoiceRequestSummary } from "../services/invoices/models";
import { buildInvoiceRequestDm } from "../views/invoice-requests";
import { sendDirectMessage } from "./direct-message";
import type { PublishSlackClient } from "./slack-client";

export async function announceInvoiceRequest(
  slack: PublishSlackClient,
  log: Log,
  options: { request: InvoiceRequestSummary; recipients: { slackUserIds: string[]; fallback: boolean } },
): Promise<number> {
  const message = buildInvoiceRequestDm({ request: options.request, fallbackToAdmins: options.recipients.fallback });
  let sent = 0;
  for (const slackUserId of options.recipients.slackUserIds) {
    try {
      await sendDirectMessage(slack, slackUserId, message);
      sent++;
    } catch (cause) {
      log.warn("could not tell an accountant of an invoice request", { invoiceRequestId: options.request.id, slackUserId, cause });
    }
  }
  if (!options.recipients.slackUserIds.length) log.warn("an invoice request has nobody to tell: no accountant and no admin", { invoiceRequestId: options.request.id });
  return sent;
}
