// What a message shortcut's listener tells the person privately in the channel they acted in (a
// refusal, a failure): shortcuts have no response_url, so an ephemeral message there.
import type { MessageShortcut } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Log } from "../../logger";

export function tellInShortcutChannel(client: Pick<WebClient, "chat">, shortcut: MessageShortcut, log: Log) {
  return ({ text }: { text: string }): Promise<void> =>
    client.chat
      .postEphemeral({ channel: shortcut.channel.id, user: shortcut.user.id, text })
      .then(() => undefined)
      .catch((cause: unknown) => log.warn("could not tell the user about a refused shortcut", { cause }));
}
