import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { calledAtProblem } from "../../domain/intake";
import { intakeModalView } from "../support/intake";
import { openModal, viewsClient } from "../support/open-modal";
import { tellInShortcutChannel } from "../support/shortcut";
import type { HandlerDeps } from "../types";

/**
 * "Create repair call" on any message: the intake modal with the fault taken from the message and a
 * link back. The message (a customer's e-mail, a colleague's note of a phone call) is usually the
 * call itself, so its time is the default "Customer called at" (R6) when that is allowed; else now.
 */
export function createRepairCall(deps: HandlerDeps) {
  return async ({ ack, shortcut, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
    await ack();
    const userId = shortcut.user.id;
    const tell = tellInShortcutChannel(client, shortcut, deps.log);
    const context = { shortcut: shortcut.callback_id, user: userId };
    await openModal({ client: viewsClient(deps, client), triggerId: shortcut.trigger_id, modal: "intakeNew", tell, log: deps.log, context }, async () => {
      // The link is fetched alongside the permission check, not after it.
      const [actor, link] = await Promise.all([
        deps.services.resolveActor(userId),
        client.chat
          .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message.ts })
          .then((answer) => answer.permalink)
          .catch(() => undefined),
      ]);
      const prefill = { faultDescription: shortcut.message.text ?? "", sourceMessageLink: link, ...messageTime(shortcut.message.ts, deps.clock.now()) };
      return { view: await intakeModalView(deps, { actor, prefill, channelId: shortcut.channel.id }) };
    });
  };
}

function messageTime(ts: string, now: Date): { calledAt?: Date } {
  const postedAt = new Date(Math.floor(Number(ts)) * 1000);
  return calledAtProblem(postedAt, now) === null ? { calledAt: postedAt } : {};
}
