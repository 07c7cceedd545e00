import type { ModalView } from "@slack/types";
import { messagesFor, type Locale } from "./messages";

/** Replaces a submitted modal when the change was refused or failed: says so, and closes. */
export function buildNoticeModal(options: { text: string; locale?: Locale }): ModalView {
  const m = messagesFor(options.locale);
  return {
    type: "modal",
    title: { type: "plain_text", text: m.notice.title },
    close: { type: "plain_text", text: m.notice.close },
    blocks: [{ type: "section", text: { type: "mrkdwn", text: options.text.slice(0, 3000) } }],
  };
}
