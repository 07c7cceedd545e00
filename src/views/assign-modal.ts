// R5: choose the technician for a call, most suitable first, with today's load; optionally the
// appointment agreed with the customer (kept apart from the R6 deadline) and a note.
import type { KnownBlock, ModalView, Option, PlainTextOption } from "@slack/types";
import type { TechnicianSuggestion, TicketCard } from "../services/tickets/models";
import { mention, oneLine } from "./format";
import { BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale, type Messages } from "./messages";
import { dateTimeValue, optionValue, textValue, unixSeconds, type StateValues, type Submission } from "./state";
import { plain, readTicketModalMetadata, ticketModalMetadata, ticketSummaryBlock, type TicketModalMetadata } from "./ticket-modal-common";

/** Slack: radio buttons hold 10 options (with a description line each); a select holds 100. */
const MAX_RADIO = 10;
const MAX_SELECT = 100;
export const MAX_NOTE = 1000;

/** Suggestions in the service's order (most suitable first), away technicians moved last. */
export function orderTechnicians(suggestions: TechnicianSuggestion[]): TechnicianSuggestion[] {
  return [...suggestions.filter((t) => t.available), ...suggestions.filter((t) => !t.available)];
}

export function technicianOptionText(technician: TechnicianSuggestion, m: Messages): string {
  const marks = [technician.available ? null : m.assign.away, technician.currentlyAssigned ? m.assign.currentMark : null].filter(Boolean).join(" ");
  const areas = technician.areas.map((area) => m.area[area].toLowerCase()).join("/") || "—";
  const text = (name: string) => m.assign.option(name, technician.openTickets, technician.visitsToday, areas) + (marks ? ` ${marks}` : "");
  const full = text(technician.name);
  if (full.length <= 75) return full;
  // Long names give way; the load and the away mark must stay visible.
  return text(oneLine(technician.name, Math.max(12, 75 - text("").length))).slice(0, 75);
}

function technicianDescription(technician: TechnicianSuggestion, m: Messages): string | undefined {
  const parts = [technician.coversArea ? null : m.assign.outsideArea, technician.skills.length ? m.assign.skills(technician.skills) : null].filter(Boolean);
  return parts.length ? oneLine(parts.join(" · "), 75) : undefined;
}

export function buildAssignModal(options: { card: TicketCard; suggestions: TechnicianSuggestion[]; now: Date; locale?: Locale }): ModalView {
  const { card } = options;
  const m = messagesFor(options.locale);
  const ordered = orderTechnicians(options.suggestions);
  const extra = card.technician ? [m.assign.current(mention(card.technician))] : [];
  const blocks: KnownBlock[] = [ticketSummaryBlock(card, m, BLOCKS.assignTicket, extra)];

  if (ordered.length === 0) {
    blocks.push({ type: "section", block_id: BLOCKS.assignTechnician, text: { type: "mrkdwn", text: m.assign.noTechnicians } });
    return { type: "modal", callback_id: VIEWS.assign, title: plain(m.assign.title, 24), close: plain(m.assign.close, 24), private_metadata: ticketModalMetadata(card), blocks };
  }

  const listed = ordered.slice(0, ordered.length <= MAX_RADIO ? MAX_RADIO : MAX_SELECT);
  const hint = ordered.length > listed.length ? `${m.assign.technicianHint} ${m.assign.moreTechnicians(ordered.length - listed.length)}` : m.assign.technicianHint;
  if (listed.length <= MAX_RADIO) {
    const radios: Option[] = listed.map((technician) => {
      const description = technicianDescription(technician, m);
      return { text: plain(technicianOptionText(technician, m), 75), value: String(technician.staffId), ...(description ? { description: plain(description, 75) } : {}) };
    });
    blocks.push({ type: "input", block_id: BLOCKS.assignTechnician, label: plain(m.assign.technician), hint: plain(hint), element: { type: "radio_buttons", action_id: INPUTS.technician, options: radios } });
  } else {
    const selectOptions: PlainTextOption[] = listed.map((technician) => ({ text: plain(technicianOptionText(technician, m), 75), value: String(technician.staffId) }));
    blocks.push({
      type: "input",
      block_id: BLOCKS.assignTechnician,
      label: plain(m.assign.technician),
      hint: plain(hint),
      element: { type: "static_select", action_id: INPUTS.technician, placeholder: plain(m.assign.placeholder, 150), options: selectOptions },
    });
  }

  blocks.push(
    {
      type: "input",
      block_id: BLOCKS.assignNote,
      optional: true,
      label: plain(m.assign.note),
      element: { type: "plain_text_input", action_id: INPUTS.note, multiline: true, max_length: MAX_NOTE, placeholder: plain(m.assign.notePlaceholder, 150) },
    },
    {
      type: "input",
      block_id: BLOCKS.assignAppointmentStart,
      optional: true,
      label: plain(m.assign.appointmentStart),
      hint: plain(m.assign.appointmentHint),
      element: { type: "datetimepicker", action_id: INPUTS.appointmentStart, ...(card.appointment ? { initial_date_time: unixSeconds(card.appointment.start) } : {}) },
    },
    {
      type: "input",
      block_id: BLOCKS.assignAppointmentEnd,
      optional: true,
      label: plain(m.assign.appointmentEnd),
      element: { type: "datetimepicker", action_id: INPUTS.appointmentEnd, ...(card.appointment ? { initial_date_time: unixSeconds(card.appointment.end) } : {}) },
    },
  );

  return {
    type: "modal",
    callback_id: VIEWS.assign,
    title: plain(card.technician ? m.assign.titleReassign : m.assign.title, 24),
    submit: plain(m.assign.submit, 24),
    close: plain(m.assign.close, 24),
    private_metadata: ticketModalMetadata(card),
    blocks,
  };
}

export interface AssignSubmission {
  ticketId: number;
  technicianStaffId: number;
  note?: string;
  appointment?: { start: Date; end: Date };
}

/** Reads an appointment window: both ends or none, the end after the start. */
export function readWindow(
  values: StateValues,
  blocks: { start: string; end: string },
  actions: { start: string; end: string },
  messages: { missingStart: string; missingEnd: string; endAfterStart: string },
  required: boolean,
): { window?: { start: Date; end: Date }; errors: Record<string, string> } {
  const start = dateTimeValue(values, blocks.start, actions.start);
  const end = dateTimeValue(values, blocks.end, actions.end);
  const errors: Record<string, string> = {};
  if (!start && !end && !required) return { errors };
  if (!start) errors[blocks.start] = messages.missingStart;
  if (!end) errors[blocks.end] = messages.missingEnd;
  if (start && end && end.getTime() <= start.getTime()) errors[blocks.end] = messages.endAfterStart;
  return Object.keys(errors).length || !start || !end ? { errors } : { window: { start, end }, errors };
}

export function readAssignSubmission(values: StateValues, metadata: TicketModalMetadata | string, options: { locale?: Locale } = {}): Submission<AssignSubmission> {
  const e = messagesFor(options.locale).assign.errors;
  const meta = typeof metadata === "string" ? readTicketModalMetadata(metadata) : metadata;
  // A view without our metadata cannot be fixed by the user: the handler treats it as a failure.
  if (!meta) throw new Error("assign modal submitted without its ticket id in private_metadata");
  const errors: Record<string, string> = {};
  const staffId = Number(optionValue(values, BLOCKS.assignTechnician, INPUTS.technician));
  if (!Number.isInteger(staffId) || staffId <= 0) errors[BLOCKS.assignTechnician] = e.technicianRequired;
  const note = textValue(values, BLOCKS.assignNote, INPUTS.note);
  if (note && note.length > MAX_NOTE) errors[BLOCKS.assignNote] = e.noteTooLong(MAX_NOTE);
  const window = readWindow(
    values,
    { start: BLOCKS.assignAppointmentStart, end: BLOCKS.assignAppointmentEnd },
    { start: INPUTS.appointmentStart, end: INPUTS.appointmentEnd },
    { missingStart: e.bothOrNone, missingEnd: e.bothOrNone, endAfterStart: e.endAfterStart },
    false,
  );
  Object.assign(errors, window.errors);
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, ticketId: meta.ticketId, technicianStaffId: staffId, ...(note ? { note } : {}), ...(window.window ? { appointment: window.window } : {}) };
}
