import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { buildRegisterComplaintModal } from "../../views/complaint-modals";
import { openModal, viewsClient } from "../support/open-modal";
import { tellInShortcutChannel } from "../support/shortcut";
import type { HandlerDeps } from "../types";

/**
 * R21: "Register complaint" on any message (a customer's e-mail, a colleague's note of a call): the
 * registration modal with the message's text as the description; a voucher number in it is the call.
 */
export function createComplaint(deps: HandlerDeps) {
  return async ({ ack, shortcut, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
    await ack();
    const userId = shortcut.user.id;
    const tell = tellInShortcutChannel(client, shortcut, deps.log);
    const context = { shortcut: shortcut.callback_id, user: userId };
    await openModal({ client: viewsClient(deps, client), triggerId: shortcut.trigger_id, modal: "complaintRegister", tell, log: deps.log, context }, async () => {
      const actor = await deps.services.resolveActor(userId);
      const text = shortcut.message.text ?? "";
      const voucherNo = /\bSV-\d{4}-\d{6,}\b/i.exec(text)?.[0] ?? null;
      const prefill = await deps.services.complaintPrefill({ actor, voucherNo }).catch(() => deps.services.complaintPrefill({ actor }));
      return { view: buildRegisterComplaintModal({ prefill: { ...prefill, description: text } }) };
    });
  };
}
