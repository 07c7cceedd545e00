// The visit window agreed with the customer (R5), kept apart from the R6 arrival deadline.
import type { ModalView } from "@slack/types";
import type { TicketCard } from "../services/tickets/models";
import { readWindow } from "./assign-modal";
import { BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale } from "./messages";
import { unixSeconds, type StateValues, type Submission } from "./state";
import { plain, readTicketModalMetadata, ticketModalMetadata, ticketSummaryBlock, type TicketModalMetadata } from "./ticket-modal-common";

export function buildScheduleModal(options: { card: TicketCard; now: Date; locale?: Locale }): ModalView {
  const { card } = options;
  const m = messagesFor(options.locale);
  return {
    type: "modal",
    callback_id: VIEWS.schedule,
    title: plain(m.schedule.title, 24),
    submit: plain(m.schedule.submit, 24),
    close: plain(m.schedule.close, 24),
    private_metadata: ticketModalMetadata(card),
    blocks: [
      ticketSummaryBlock(card, m, BLOCKS.scheduleTicket),
      {
        type: "input",
        block_id: BLOCKS.scheduleStart,
        label: plain(m.schedule.start),
        hint: plain(m.schedule.hint),
        element: { type: "datetimepicker", action_id: INPUTS.appointmentStart, ...(card.appointment ? { initial_date_time: unixSeconds(card.appointment.start) } : {}) },
      },
      {
        type: "input",
        block_id: BLOCKS.scheduleEnd,
        label: plain(m.schedule.end),
        element: { type: "datetimepicker", action_id: INPUTS.appointmentEnd, ...(card.appointment ? { initial_date_time: unixSeconds(card.appointment.end) } : {}) },
      },
    ],
  };
}

export function readScheduleSubmission(
  values: StateValues,
  metadata: TicketModalMetadata | string,
  options: { locale?: Locale } = {},
): Submission<{ ticketId: number; start: Date; end: Date }> {
  const meta = typeof metadata === "string" ? readTicketModalMetadata(metadata) : metadata;
  if (!meta) throw new Error("schedule modal submitted without its ticket id in private_metadata");
  const e = messagesFor(options.locale).schedule.errors;
  const { window, errors } = readWindow(
    values,
    { start: BLOCKS.scheduleStart, end: BLOCKS.scheduleEnd },
    { start: INPUTS.appointmentStart, end: INPUTS.appointmentEnd },
    { missingStart: e.startRequired, missingEnd: e.endRequired, endAfterStart: e.endAfterStart },
    true,
  );
  if (!window) return { ok: false, errors };
  return { ok: true, ticketId: meta.ticketId, start: window.start, end: window.end };
}
