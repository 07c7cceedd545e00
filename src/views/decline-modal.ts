// R5: declining a call needs a reason; the dispatcher reads it in the ticket's thread.
import type { ModalView } from "@slack/types";
import type { TicketCard } from "../services/tickets/models";
import { safeText } from "./format";
import { BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale } from "./messages";
import { textValue, type StateValues, type Submission } from "./state";
import { plain, readTicketModalMetadata, ticketModalMetadata, type TicketModalMetadata } from "./ticket-modal-common";

export const MAX_DECLINE_REASON = 500;

export function buildDeclineModal(options: { card: TicketCard; locale?: Locale }): ModalView {
  const { card } = options;
  const m = messagesFor(options.locale);
  return {
    type: "modal",
    callback_id: VIEWS.decline,
    title: plain(m.decline.title, 24),
    submit: plain(m.decline.submit, 24),
    close: plain(m.decline.close, 24),
    private_metadata: ticketModalMetadata(card),
    blocks: [
      { type: "section", block_id: BLOCKS.declineTicket, text: { type: "mrkdwn", text: m.decline.summary(card.voucherNo, safeText(card.customer.name, 200)) } },
      {
        type: "input",
        block_id: BLOCKS.declineReason,
        label: plain(m.decline.reason),
        element: { type: "plain_text_input", action_id: INPUTS.declineReason, multiline: true, max_length: MAX_DECLINE_REASON, placeholder: plain(m.decline.placeholder, 150) },
      },
    ],
  };
}

export function readDeclineSubmission(values: StateValues, metadata: TicketModalMetadata | string, options: { locale?: Locale } = {}): Submission<{ ticketId: number; reason: string }> {
  const meta = typeof metadata === "string" ? readTicketModalMetadata(metadata) : metadata;
  if (!meta) throw new Error("decline modal submitted without its ticket id in private_metadata");
  const e = messagesFor(options.locale).decline.errors;
  const reason = textValue(values, BLOCKS.declineReason, INPUTS.declineReason);
  if (!reason) return { ok: false, errors: { [BLOCKS.declineReason]: e.reasonRequired } };
  if (reason.length > MAX_DECLINE_REASON) return { ok: false, errors: { [BLOCKS.declineReason]: e.tooLong(MAX_DECLINE_REASON) } };
  return { ok: true, ticketId: meta.ticketId, reason };
}
