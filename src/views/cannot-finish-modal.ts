// R12: the technician cannot finish on schedule: why, and the new expected completion. The
// director is alerted at once and tells the customer how long it will take.
import type { ModalView } from "@slack/types";
import type { TicketCard } from "../services/tickets/models";
import { MAX_CANNOT_FINISH_REASON } from "../services/escalations/report-cannot-finish";
import { safeText } from "./format";
import { BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale } from "./messages";
import { dateTimeValue, textValue, unixSeconds, type StateValues, type Submission } from "./state";
import { plain, readTicketModalMetadata, ticketModalMetadata } from "./ticket-modal-common";

export function buildCannotFinishModal(options: { card: TicketCard; now: Date; locale?: Locale }): ModalView {
  const { card } = options;
  const m = messagesFor(options.locale).escalations.cannotFinish;
  return {
    type: "modal",
    callback_id: VIEWS.cannotFinish,
    title: plain(m.title, 24),
    submit: plain(m.submit, 24),
    close: plain(m.close, 24),
    private_metadata: ticketModalMetadata(card),
    blocks: [
      { type: "section", block_id: BLOCKS.cannotFinishTicket, text: { type: "mrkdwn", text: m.summary(card.voucherNo, safeText(card.customer.name, 200)) } },
      {
        type: "input",
        block_id: BLOCKS.cannotFinishReason,
        label: plain(m.reason),
        element: { type: "plain_text_input", action_id: INPUTS.cannotFinishReason, multiline: true, max_length: MAX_CANNOT_FINISH_REASON },
      },
      {
        type: "input",
        block_id: BLOCKS.cannotFinishExpected,
        label: plain(m.expected),
        element: { type: "datetimepicker", action_id: INPUTS.cannotFinishExpected, initial_date_time: unixSeconds(new Date(options.now.getTime() + 86_400_000)) },
      },
    ],
  };
}

export function readCannotFinishSubmission(values: StateValues, privateMetadata: string, options: { now: Date; locale?: Locale }): Submission<{ ticketId: number; reason: string; expectedBy: Date }> {
  const meta = readTicketModalMetadata(privateMetadata);
  if (!meta) throw new Error("cannot-finish modal submitted without its ticket id in private_metadata");
  const m = messagesFor(options.locale).escalations.cannotFinish;
  const reason = textValue(values, BLOCKS.cannotFinishReason, INPUTS.cannotFinishReason)?.trim();
  const expectedBy = dateTimeValue(values, BLOCKS.cannotFinishExpected, INPUTS.cannotFinishExpected);
  const errors: Record<string, string> = {};
  if (!reason) errors[BLOCKS.cannotFinishReason] = m.reasonRequired;
  else if (reason.length > MAX_CANNOT_FINISH_REASON) errors[BLOCKS.cannotFinishReason] = m.tooLong(MAX_CANNOT_FINISH_REASON);
  if (!expectedBy) errors[BLOCKS.cannotFinishExpected] = m.expectedRequired;
  else if (expectedBy.getTime() <= options.now.getTime()) errors[BLOCKS.cannotFinishExpected] = m.expectedInPast;
  if (Object.keys(errors).length > 0 || !reason || !expectedBy) return { ok: false, errors };
  return { ok: true, ticketId: meta.ticketId, reason, expectedBy };
}
