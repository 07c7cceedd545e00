import type { KnownBlock, ModalView } from "@slack/types";
import { messagesFor, type Locale } from "./messages";

/**
 * Replaces a submitted or loading modal when the change was refused or failed: says so, and
 * closes. `blocks`, when given, are the private message the person would otherwise have got.
 */
export function buildNoticeModal(options: { text: string; blocks?: KnownBlock[]; locale?: Locale }): ModalView {
  const m = messagesFor(options.locale);
  return {
    type: "modal",
    title: { type: "plain_text", text: m.notice.title },
    close: { type: "plain_text", text: m.notice.close },
    blocks: options.blocks?.length ? options.blocks : [{ type: "section", text: { type: "mrkdwn", text: options.text.slice(0, 3000) } }],
  };
}
