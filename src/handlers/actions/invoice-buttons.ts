// R10: Mark invoiced, from the accountant's DM or from `/repair invoices`. The DM is updated in
// place; in the list the request drops out; a second click is told who marked it.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { slackDate } from "../../views/format";
import { buildInvoiceList, buildInvoiceRequestDm } from "../../views/invoice-requests";
import { messagesFor } from "../../views/messages";
import { respondWithFailure, tellPrivately } from "../support/failures";
import type { HandlerDeps } from "../types";

const invoiceIdSchema = z.coerce.number().int().positive();

export function markInvoicedButton(deps: HandlerDeps) {
  return async (args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const { ack, body, respond } = args;
    await ack();
    try {
      const invoiceRequestId = invoiceIdSchema.parse(body.actions[0]?.value);
      const actor = await deps.services.resolveActor(body.user.id);
      const { change, request } = await deps.services.markInvoiced({ actor, invoiceRequestId });
      if (change === "already" && request.invoiced) {
        const who = request.invoiced.by ? `<@${request.invoiced.by.slackUserId}>` : "—";
        const text = messagesFor().invoices.alreadyInvoiced(request.voucherNo, who, slackDate(request.invoiced.at, request.branch.timeZone));
        await tellPrivately(args, text, deps.log, { action: "invoice.mark" });
      }
      // The list is ephemeral (shown again without it); the DM is a message of its own (updated in place).
      const message = body.container?.is_ephemeral ? buildInvoiceList(await deps.services.listInvoiceRequests({ actor })) : buildInvoiceRequestDm({ request });
      await respond({ replace_original: true, text: message.text, blocks: message.blocks });
    } catch (error) {
      await respondWithFailure(args, error, deps.log, { action: "invoice.mark", user: body.user.id });
    }
  };
}
