import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { calledAtProblem } from "../../domain/intake";
import { describeFailure } from "../support/failures";
import { openIntakeModal } from "../support/intake";
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
    try {
      const actor = await deps.services.resolveActor(userId);
      // The trigger lasts 3 s: fetch the link alongside the permission check, not after.
      const link = await client.chat
        .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message.ts })
        .then((answer) => answer.permalink)
        .catch(() => undefined);
      await openIntakeModal(deps, client, {
        triggerId: shortcut.trigger_id,
        actor,
        prefill: { faultDescription: shortcut.message.text ?? "", sourceMessageLink: link, ...messageTime(shortcut.message.ts, deps.clock.now()) },
        channelId: shortcut.channel.id,
      });
    } catch (error) {
      const { text } = describeFailure(error, deps.log, { shortcut: shortcut.callback_id, user: userId });
      await client.chat
        .postEphemeral({ channel: shortcut.channel.id, user: userId, text })
        .catch((cause: unknown) => deps.log.warn("could not tell the user about a refused shortcut", { cause }));
    }
  };
}

function messageTime(ts: string, now: Date): { calledAt?: Date } {
  const postedAt = new Date(Math.floor(Number(ts)) * 1000);
  return calledAtProblem(postedAt, now) === null ? { calledAt: postedAt } : {};
}
