// Cancelling a call needs a reason; it is shown on the ticket and written in its thread.
import type { ModalView } from "@slack/types";
import type { TicketCard } from "../services/tickets/models";
import { safeText } from "./format";
import { BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale } from "./messages";
import { textValue, type StateValues, type Submission } from "./state";
import { plain, readTicketModalMetadata, ticketModalMetadata, type TicketModalMetadata } from "./ticket-modal-common";

export const MAX_CANCEL_REASON = 500;

export function buildCancelModal(options: { card: TicketCard; locale?: Locale }): ModalView {
  const { card } = options;
  const m = messagesFor(options.locale);
  return {
    type: "modal",
    callback_id: VIEWS.cancel,
    title: plain(m.cancel.title, 24),
    submit: plain(m.cancel.submit, 24),
    close: plain(m.cancel.close, 24),
    private_metadata: ticketModalMetadata(card),
    blocks: [
      { type: "section", block_id: BLOCKS.cancelTicket, text: { type: "mrkdwn", text: m.cancel.summary(card.voucherNo, safeText(card.customer.name, 200)) } },
      {
        type: "input",
        block_id: BLOCKS.cancelReason,
        label: plain(m.cancel.reason),
        element: { type: "plain_text_input", action_id: INPUTS.cancelReason, multiline: true, max_length: MAX_CANCEL_REASON, placeholder: plain(m.cancel.placeholder, 150) },
      },
    ],
  };
}

export function readCancelSubmission(values: StateValues, metadata: TicketModalMetadata | string, options: { locale?: Locale } = {}): Submission<{ ticketId: number; reason: string }> {
  const meta = typeof metadata === "string" ? readTicketModalMetadata(metadata) : metadata;
  if (!meta) throw new Error("cancel modal submitted without its ticket id in private_metadata");
  const e = messagesFor(options.locale).cancel.errors;
  const reason = textValue(values, BLOCKS.cancelReason, INPUTS.cancelReason);
  if (!reason) return { ok: false, errors: { [BLOCKS.cancelReason]: e.reasonRequired } };
  if (reason.length > MAX_CANCEL_REASON) return { ok: false, errors: { [BLOCKS.cancelReason]: e.tooLong(MAX_CANCEL_REASON) } };
  return { ok: true, ticketId: meta.ticketId, reason };
}
