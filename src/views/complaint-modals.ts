// R21: the complaint modals — register (from /repair complaint, a ticket's Complaint button or the
// message shortcut), assign a handler, record the response, the outcome and that the customer was
// told — and their readers. Field problems come back keyed by the input block.
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { COMPLAINT_CONTACTS, COMPLAINT_KINDS, COMPLAINT_SEVERITIES, COMPLAINT_SOURCES, MAX_COMPLAINT_TEXT, type ComplaintContact, type ComplaintKind, type ComplaintSeverity, type ComplaintSource } from "../domain/complaints";
import type { ComplaintFormInput } from "../services/complaints/register-complaint";
import type { ComplaintPrefill } from "../services/complaints/get-complaint";
import type { ComplaintCard } from "../services/complaints/models";
import { safeText } from "./format";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale } from "./messages";
import { dateTimeValue, optionValue, textValue, unixSeconds, type StateValues, type Submission } from "./state";
import { plain } from "./ticket-modal-common";

type Values = StateValues & Record<string, Record<string, { selected_user?: string | null }> | undefined>;

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, 75), value };
}

function staticSelect<T extends string>(actionId: string, values: readonly T[], label: (value: T) => string, initial?: T) {
  const options = values.map((value) => option(label(value), value));
  return { type: "static_select" as const, action_id: actionId, options, ...(initial ? { initial_option: options[values.indexOf(initial)] } : {}) };
}

function radios<T extends string>(actionId: string, values: readonly T[], label: (value: T) => string, initial?: T) {
  const options = values.map((value) => option(label(value), value));
  return { type: "radio_buttons" as const, action_id: actionId, options, ...(initial ? { initial_option: options[values.indexOf(initial)] } : {}) };
}

export function buildRegisterComplaintModal(options: { prefill: ComplaintPrefill; locale?: Locale }): ModalView {
  const m = messagesFor(options.locale).complaints;
  const { prefill } = options;
  const customer = prefill.customer ? option(safeText(prefill.customer.name, 70), String(prefill.customer.id)) : undefined;
  const blocks: KnownBlock[] = [
    {
      type: "input",
      block_id: BLOCKS.complaintCustomer,
      optional: true,
      label: plain(m.modal.customer),
      hint: plain(m.modal.customerHint),
      element: { type: "external_select", action_id: ACTIONS.complaintCustomerSelect, min_query_length: 2, ...(customer ? { initial_option: customer } : {}) },
    },
    {
      type: "input",
      block_id: BLOCKS.complaintCall,
      optional: true,
      label: plain(m.modal.call),
      hint: plain(m.modal.callHint),
      element: { type: "plain_text_input", action_id: INPUTS.complaintCall, max_length: 30, ...(prefill.voucherNo ? { initial_value: prefill.voucherNo } : {}) },
    },
    {
      type: "input",
      block_id: BLOCKS.complaintTechnician,
      optional: true,
      label: plain(m.modal.technician),
      element: { type: "users_select", action_id: INPUTS.complaintTechnician, ...(prefill.technicianSlackUserId ? { initial_user: prefill.technicianSlackUserId } : {}) },
    },
    { type: "input", block_id: BLOCKS.complaintSource, label: plain(m.modal.source), element: staticSelect(INPUTS.complaintSource, COMPLAINT_SOURCES, (v) => m.source[v], "PHONE") },
    { type: "input", block_id: BLOCKS.complaintKind, label: plain(m.modal.kind), element: radios(INPUTS.complaintKind, COMPLAINT_KINDS, (v) => m.kind[v], "COMPLAINT") },
    { type: "input", block_id: BLOCKS.complaintSeverity, label: plain(m.modal.severity), hint: plain(m.modal.severityHint), element: radios(INPUTS.complaintSeverity, COMPLAINT_SEVERITIES, (v) => m.severity[v], "GENERAL") },
    {
      type: "input",
      block_id: BLOCKS.complaintDescription,
      label: plain(m.modal.description),
      element: { type: "plain_text_input", action_id: INPUTS.complaintDescription, multiline: true, max_length: MAX_COMPLAINT_TEXT, ...(prefill.description ? { initial_value: prefill.description.slice(0, MAX_COMPLAINT_TEXT) } : {}) },
    },
  ];
  return { type: "modal", callback_id: VIEWS.complaintRegister, title: plain(m.modal.registerTitle, 24), submit: plain(m.modal.submit, 24), close: plain(m.modal.close, 24), blocks };
}

const pick = <T extends string>(values: readonly T[], value: string | undefined): T | undefined => values.find((v) => v === value);

export function readRegisterComplaintSubmission(values: Values): Submission<{ input: ComplaintFormInput }> {
  const customer = optionValue(values, BLOCKS.complaintCustomer, ACTIONS.complaintCustomerSelect);
  const source = pick<ComplaintSource>(COMPLAINT_SOURCES, optionValue(values, BLOCKS.complaintSource, INPUTS.complaintSource)) ?? "OTHER";
  const kind = pick<ComplaintKind>(COMPLAINT_KINDS, optionValue(values, BLOCKS.complaintKind, INPUTS.complaintKind)) ?? "COMPLAINT";
  const severity = pick<ComplaintSeverity>(COMPLAINT_SEVERITIES, optionValue(values, BLOCKS.complaintSeverity, INPUTS.complaintSeverity)) ?? "GENERAL";
  const description = textValue(values, BLOCKS.complaintDescription, INPUTS.complaintDescription) ?? "";
  const customerId = customer && /^\d+$/.test(customer) ? Number(customer) : null;
  return {
    ok: true,
    input: {
      customerId,
      voucherNo: textValue(values, BLOCKS.complaintCall, INPUTS.complaintCall) ?? null,
      technicianSlackUserId: values[BLOCKS.complaintTechnician]?.[INPUTS.complaintTechnician]?.selected_user ?? null,
      source,
      kind,
      severity,
      description,
    },
  };
}

/** The service's field (customer, call, technician, description, handler, note, outcome, at) → the modal's input block. */
export const COMPLAINT_FIELD_BLOCKS: Record<string, string> = {
  customer: BLOCKS.complaintCustomer,
  call: BLOCKS.complaintCall,
  technician: BLOCKS.complaintTechnician,
  description: BLOCKS.complaintDescription,
  handler: BLOCKS.complaintHandler,
  note: BLOCKS.complaintNote,
  outcome: BLOCKS.complaintOutcome,
  at: BLOCKS.complaintWhen,
};

function summary(card: ComplaintCard, m: ReturnType<typeof messagesFor>["complaints"]): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: m.modal.assignSummary(card.number, safeText(card.customer.name, 200)) } };
}

function stepModal(callbackId: string, title: string, card: ComplaintCard, blocks: KnownBlock[], m: ReturnType<typeof messagesFor>["complaints"]): ModalView {
  return { type: "modal", callback_id: callbackId, title: plain(title, 24), submit: plain(m.modal.submit, 24), close: plain(m.modal.close, 24), private_metadata: String(card.id), blocks: [summary(card, m), ...blocks] };
}

export function buildAssignComplaintModal(options: { card: ComplaintCard; locale?: Locale }): ModalView {
  const m = messagesFor(options.locale).complaints;
  const initial = options.card.handler?.slackUserId;
  return stepModal(VIEWS.complaintAssignModal, m.modal.assignTitle, options.card, [
    { type: "input", block_id: BLOCKS.complaintHandler, label: plain(m.modal.handler), element: { type: "users_select", action_id: INPUTS.complaintHandler, ...(initial ? { initial_user: initial } : {}) } },
  ], m);
}

export function buildRespondComplaintModal(options: { card: ComplaintCard; now: Date; locale?: Locale }): ModalView {
  const m = messagesFor(options.locale).complaints;
  return stepModal(VIEWS.complaintRespondModal, m.modal.respondTitle, options.card, [
    { type: "input", block_id: BLOCKS.complaintHow, label: plain(m.modal.how), element: staticSelect(INPUTS.complaintHow, COMPLAINT_CONTACTS, (v) => m.contact[v], "PHONE") },
    { type: "input", block_id: BLOCKS.complaintWhen, label: plain(m.modal.when), element: { type: "datetimepicker", action_id: INPUTS.complaintWhen, initial_date_time: unixSeconds(options.now) } },
    { type: "input", block_id: BLOCKS.complaintNote, label: plain(m.modal.note), element: { type: "plain_text_input", action_id: INPUTS.complaintNote, multiline: true, max_length: MAX_COMPLAINT_TEXT } },
  ], m);
}

export function buildResolveComplaintModal(options: { card: ComplaintCard; locale?: Locale }): ModalView {
  const m = messagesFor(options.locale).complaints;
  return stepModal(VIEWS.complaintResolveModal, m.modal.resolveTitle, options.card, [
    { type: "input", block_id: BLOCKS.complaintOutcome, label: plain(m.modal.outcome), element: { type: "plain_text_input", action_id: INPUTS.complaintOutcome, multiline: true, max_length: MAX_COMPLAINT_TEXT } },
    { type: "input", block_id: BLOCKS.complaintSubstantiated, label: plain(m.modal.substantiated), element: radios(INPUTS.complaintSubstantiated, ["yes", "no"] as const, (v) => (v === "yes" ? m.modal.yes : m.modal.no)) },
  ], m);
}

export function buildInformComplaintModal(options: { card: ComplaintCard; now: Date; locale?: Locale }): ModalView {
  const m = messagesFor(options.locale).complaints;
  return stepModal(VIEWS.complaintInformModal, m.modal.informTitle, options.card, [
    { type: "input", block_id: BLOCKS.complaintHow, label: plain(m.modal.informedHow), element: staticSelect(INPUTS.complaintHow, COMPLAINT_CONTACTS, (v) => m.contact[v], "PHONE") },
    { type: "input", block_id: BLOCKS.complaintWhen, label: plain(m.modal.when), element: { type: "datetimepicker", action_id: INPUTS.complaintWhen, initial_date_time: unixSeconds(options.now) } },
  ], m);
}

function complaintIdOf(privateMetadata: string): number | null {
  return /^\d+$/.test(privateMetadata) ? Number(privateMetadata) : null;
}

export type ComplaintStepSubmission =
  | { step: "assign"; complaintId: number; handlerSlackUserId: string }
  | { step: "respond"; complaintId: number; how: ComplaintContact; at: Date; note: string }
  | { step: "resolve"; complaintId: number; outcome: string; substantiated: boolean }
  | { step: "inform"; complaintId: number; how: ComplaintContact; at: Date };

export function readComplaintStepSubmission(callbackId: string, values: Values, privateMetadata: string, options: { locale?: Locale } = {}): Submission<{ submission: ComplaintStepSubmission }> {
  const m = messagesFor(options.locale).complaints;
  const complaintId = complaintIdOf(privateMetadata);
  const errors: Record<string, string> = {};
  if (complaintId === null) return { ok: false, errors: {} };
  const how = pick<ComplaintContact>(COMPLAINT_CONTACTS, optionValue(values, BLOCKS.complaintHow, INPUTS.complaintHow));
  const at = dateTimeValue(values, BLOCKS.complaintWhen, INPUTS.complaintWhen);
  switch (callbackId) {
    case VIEWS.complaintAssignModal: {
      const handler = values[BLOCKS.complaintHandler]?.[INPUTS.complaintHandler]?.selected_user;
      if (!handler) return { ok: false, errors: { [BLOCKS.complaintHandler]: m.fieldErrors.required } };
      return { ok: true, submission: { step: "assign", complaintId, handlerSlackUserId: handler } };
    }
    case VIEWS.complaintRespondModal: {
      const note = textValue(values, BLOCKS.complaintNote, INPUTS.complaintNote);
      if (!how) errors[BLOCKS.complaintHow] = m.fieldErrors.required;
      if (!at) errors[BLOCKS.complaintWhen] = m.fieldErrors.required;
      if (!note) errors[BLOCKS.complaintNote] = m.fieldErrors.required;
      if (!how || !at || !note) return { ok: false, errors };
      return { ok: true, submission: { step: "respond", complaintId, how, at, note } };
    }
    case VIEWS.complaintResolveModal: {
      const outcome = textValue(values, BLOCKS.complaintOutcome, INPUTS.complaintOutcome);
      const substantiated = optionValue(values, BLOCKS.complaintSubstantiated, INPUTS.complaintSubstantiated);
      if (!outcome) errors[BLOCKS.complaintOutcome] = m.fieldErrors.required;
      if (!substantiated) errors[BLOCKS.complaintSubstantiated] = m.fieldErrors.required;
      if (!outcome || !substantiated) return { ok: false, errors };
      return { ok: true, submission: { step: "resolve", complaintId, outcome, substantiated: substantiated === "yes" } };
    }
    default: {
      if (!how) errors[BLOCKS.complaintHow] = m.fieldErrors.required;
      if (!at) errors[BLOCKS.complaintWhen] = m.fieldErrors.required;
      if (!how || !at) return { ok: false, errors };
      return { ok: true, submission: { step: "inform", complaintId, how, at } };
    }
  }
}
