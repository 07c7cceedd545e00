// Closing a resolved call: the resolution, prefilled from the last report.
import type { ModalView } from "@slack/types";
import type { TicketCard } from "../services/tickets/models";
import { safeText } from "./format";
import { BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale } from "./messages";
import { textValue, type StateValues, type Submission } from "./state";
import { plain, readTicketModalMetadata, ticketModalMetadata } from "./ticket-modal-common";

export const MAX_RESOLUTION = 2000;

export function buildCloseModal(options: { card: TicketCard; resolution?: string | null; locale?: Locale }): ModalView {
  const { card } = options;
  const t = messagesFor(options.locale).workReport.close;
  const initial = options.resolution?.slice(0, MAX_RESOLUTION);
  return {
    type: "modal",
    callback_id: VIEWS.closeTicket,
    title: plain(t.title, 24),
    submit: plain(t.submit, 24),
    close: plain(t.close, 24),
    private_metadata: ticketModalMetadata(card),
    blocks: [
      { type: "section", block_id: BLOCKS.closeSummary, text: { type: "mrkdwn", text: t.summary(card.voucherNo, safeText(card.customer.name, 200)) } },
      {
        type: "input",
        block_id: BLOCKS.closeResolution,
        label: plain(t.resolution),
        element: { type: "plain_text_input", action_id: INPUTS.closeResolution, multiline: true, max_length: MAX_RESOLUTION, ...(initial ? { initial_value: initial } : {}) },
      },
    ],
  };
}

export function readCloseSubmission(values: StateValues, privateMetadata: string | undefined, options: { locale?: Locale } = {}): Submission<{ ticketId: number; resolution: string }> {
  const meta = readTicketModalMetadata(privateMetadata);
  if (!meta) throw new Error("close modal submitted without its ticket id in private_metadata");
  const e = messagesFor(options.locale).workReport.errors;
  const resolution = textValue(values, BLOCKS.closeResolution, INPUTS.closeResolution);
  if (!resolution) return { ok: false, errors: { [BLOCKS.closeResolution]: e["resolution-required"] } };
  if (resolution.length > MAX_RESOLUTION) return { ok: false, errors: { [BLOCKS.closeResolution]: e["too-long"] } };
  return { ok: true, ticketId: meta.ticketId, resolution };
}
