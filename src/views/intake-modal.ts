// The intake modal (R2–R4): register a call, complete an incomplete one (R3), or edit one. It is
// rebuilt with views.update when a customer or equipment is chosen; every block_id and action_id
// stays the same between builds, because Slack keeps typed input only under the same pair.
import type { InputBlock, KnownBlock, ModalView, PlainTextOption, StaticSelect } from "@slack/types";
import { z } from "zod";
import { SERVICE_CATEGORIES, type ServiceCategory } from "../domain/category";
import type { ServiceArea } from "../domain/deadline";
import type { CustomerContext, CustomerSearchHit, TicketCard } from "../services/tickets/models";
import { coverageShort, oneLine, safeLink, safeText, slackDate } from "./format";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale, type Messages } from "./messages";
import { unixSeconds } from "./state";

export type IntakeMode = "new" | "complete" | "edit";

/** Initial values: from a message (shortcut) or from the ticket being completed or edited. */
export interface IntakePrefill {
  faultDescription?: string;
  sourceMessageLink?: string;
  contactName?: string;
  contactPhone?: string;
  siteAddress?: string;
  equipmentId?: number;
  model?: string;
  serial?: string;
  acceptanceDate?: string;
  warrantyEnd?: string;
  requestedServiceAt?: Date;
  /** R6: when the customer called (new calls); absent means `now`. */
  calledAt?: Date;
  area?: ServiceArea;
  /** An explicit (overridden) category; absent means "as R1 says". */
  category?: ServiceCategory;
  categoryOverrideReason?: string;
}

export interface IntakeModalState {
  mode: IntakeMode;
  /** complete / edit: the ticket. */
  ticketId?: number;
  /** The chosen customer with their equipment, open tickets and contracts; null before one is chosen. */
  customerContext: CustomerContext | null;
  /** Typing a new customer instead of searching. */
  newCustomer: boolean;
  prefill: IntakePrefill;
  /** The equipment chosen in the select (dispatched), so the R1 suggestion follows it. */
  selectedEquipmentId?: number;
  /** R1's suggestion when known; defaults to the chosen equipment's. */
  suggestedCategory?: ServiceCategory;
  /** Where the ticket message goes / where the shortcut was used. */
  channelId?: string;
  /** The default of "Customer called at" on a new call. */
  now?: Date;
  locale?: Locale;
}

/** What the modal carries through Slack in private_metadata (≤ 3000 characters). */
export interface IntakeMetadata {
  mode: IntakeMode;
  ticketId?: number;
  customerId?: number;
  newCustomer: boolean;
  suggestedCategory?: ServiceCategory;
  sourceMessageLink?: string;
  channelId?: string;
}

const metadataSchema = z.object({
  mode: z.enum(["new", "complete", "edit"]),
  ticketId: z.number().int().positive().optional(),
  customerId: z.number().int().positive().optional(),
  newCustomer: z.boolean().default(false),
  suggestedCategory: z.enum(SERVICE_CATEGORIES).optional(),
  sourceMessageLink: z.string().max(2000).optional(),
  channelId: z.string().max(50).optional(),
});

/** Parses the modal's private_metadata; an unreadable one reads as a fresh "new" intake. */
export function readIntakeMetadata(privateMetadata: string | undefined): IntakeMetadata {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(privateMetadata || "{}"));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  return { mode: "new", newCustomer: false };
}

/** The option value meaning "not in the list: type model and serial". */
export const OTHER_EQUIPMENT = "other";
/** The category option meaning "as R1 says": no override. */
export const CATEGORY_AUTO = "auto";

export const MAX_FAULT_INPUT = 3000;
const MAX_EQUIPMENT_OPTIONS = 99; // + "other" = Slack's 100
const MAX_OPEN_TICKETS_SHOWN = 5;

/** Initial values for completing or editing a ticket. */
export function intakePrefillFromCard(card: TicketCard): IntakePrefill {
  return {
    faultDescription: card.faultDescription ?? undefined,
    sourceMessageLink: card.sourceMessageLink ?? undefined,
    contactName: card.contact.name ?? undefined,
    contactPhone: card.contact.phone ?? undefined,
    siteAddress: card.contact.address ?? undefined,
    equipmentId: card.equipment?.id,
    requestedServiceAt: card.requestedServiceAt ?? undefined,
    area: card.area,
    category: card.category !== card.suggestedCategory ? card.category : undefined,
    categoryOverrideReason: card.categoryOverrideReason ?? undefined,
  };
}

function chosenEquipment(state: IntakeModalState) {
  const equipment = state.customerContext?.equipment ?? [];
  const wanted = state.selectedEquipmentId ?? state.prefill.equipmentId;
  if (wanted !== undefined) return equipment.find((item) => item.id === wanted);
  return equipment.length === 1 ? equipment[0] : undefined;
}

export function intakeMetadata(state: IntakeModalState): IntakeMetadata {
  const customerId = state.newCustomer ? undefined : state.customerContext?.customer.id;
  const suggestedCategory = state.suggestedCategory ?? chosenEquipment(state)?.suggestedCategory;
  const link = safeLink(state.prefill.sourceMessageLink);
  return {
    mode: state.mode,
    ...(state.ticketId !== undefined ? { ticketId: state.ticketId } : {}),
    ...(customerId !== undefined ? { customerId } : {}),
    newCustomer: state.newCustomer,
    ...(suggestedCategory ? { suggestedCategory } : {}),
    ...(link ? { sourceMessageLink: link } : {}),
    ...(state.channelId ? { channelId: state.channelId } : {}),
  };
}

function plain(text: string) {
  return { type: "plain_text" as const, text, emoji: true };
}

function option(text: string, value: string, description?: string): PlainTextOption {
  return { text: plain(oneLine(text, 75)), value, ...(description ? { description: plain(oneLine(description, 75)) } : {}) };
}

function textInput(
  blockId: string,
  actionId: string,
  label: string,
  options: { initial?: string; multiline?: boolean; max?: number; placeholder?: string; hint?: string } = {},
): InputBlock {
  const max = options.max ?? 300;
  return {
    type: "input",
    block_id: blockId,
    optional: true,
    label: plain(label),
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    element: {
      type: "plain_text_input",
      action_id: actionId,
      max_length: max,
      ...(options.multiline ? { multiline: true } : {}),
      ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
      ...(options.initial ? { initial_value: options.initial.slice(0, max) } : {}),
    },
  };
}

function datePicker(blockId: string, actionId: string, label: string, initial?: string): InputBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: true,
    label: plain(label),
    element: { type: "datepicker", action_id: actionId, ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { initial_date: initial } : {}) },
  };
}

/** An equipment option's text: model, serial, and R1's state, within Slack's 75 characters. */
export function buildEquipmentOptionText(equipment: CustomerContext["equipment"][number], locale?: Locale): string {
  const m = messagesFor(locale);
  const state = `${m.category[equipment.suggestedCategory]}, ${coverageShort(equipment.coverage, m)}`;
  const serial = ` · ${oneLine(equipment.serial, 24)}`;
  const tail = ` (${state})`;
  return oneLine(`${oneLine(equipment.model, Math.max(10, 75 - serial.length - tail.length))}${serial}${tail}`, 75);
}

/** The type-ahead's value when nothing matched; choosing it selects no customer. */
export const NO_CUSTOMER_MATCH = "none";

/**
 * The answer to the customer type-ahead's `block_suggestion`. With no match it offers one line
 * that says what to do (Slack's fake, like older clients, wants at least one option).
 */
export function buildCustomerOptions(hits: CustomerSearchHit[], locale?: Locale): { options: PlainTextOption[] } {
  const m = messagesFor(locale);
  if (hits.length === 0) return { options: [option(m.intake.noCustomerMatch, NO_CUSTOMER_MATCH)] };
  return {
    options: hits.slice(0, 100).map((hit) => {
      const tail = ` · ${hit.phone} · ${m.grade[hit.grade]} · ${m.area[hit.area]}`;
      return option(`${oneLine(hit.name, Math.max(20, 75 - tail.length))}${tail}`, String(hit.id));
    }),
  };
}

export function buildIntakeModal(state: IntakeModalState): ModalView {
  const m = messagesFor(state.locale);
  const { prefill } = state;
  const context = state.newCustomer ? null : state.customerContext;
  const blocks: KnownBlock[] = [];

  const source = safeLink(prefill.sourceMessageLink);
  if (source) blocks.push({ type: "context", block_id: BLOCKS.intakeSource, elements: [{ type: "mrkdwn", text: m.intake.fromMessage(source) }] });

  // Customer: search, or type a new one.
  if (!state.newCustomer) {
    blocks.push({
      type: "input",
      block_id: BLOCKS.intakeCustomer,
      optional: true,
      dispatch_action: true,
      label: plain(m.intake.customer),
      hint: plain(m.intake.customerHint),
      element: {
        type: "external_select",
        action_id: ACTIONS.intakeCustomerSelect,
        min_query_length: 2,
        placeholder: plain(m.intake.customerPlaceholder),
        ...(context ? { initial_option: option(context.customer.name, String(context.customer.id)) } : {}),
      },
    });
  }
  blocks.push({
    type: "actions",
    block_id: BLOCKS.intakeCustomerToggle,
    elements: [
      {
        type: "button",
        action_id: ACTIONS.intakeNewCustomerToggle,
        text: plain(state.newCustomer ? m.intake.searchCustomer : m.intake.newCustomer),
        value: state.newCustomer ? "off" : "on",
      },
    ],
  });
  if (context) blocks.push(...customerContextBlocks(context, m));
  if (state.newCustomer) blocks.push(...newCustomerBlocks(m));

  // Equipment: the customer's, or typed.
  const equipmentList = context?.equipment ?? [];
  if (equipmentList.length) {
    const listed = equipmentList.slice(0, MAX_EQUIPMENT_OPTIONS);
    const options = [...listed.map((item) => option(buildEquipmentOptionText(item, state.locale), String(item.id))), option(m.intake.equipmentOther, OTHER_EQUIPMENT)];
    const chosen = chosenEquipment(state);
    const initial = chosen && listed.includes(chosen) ? options[listed.indexOf(chosen)] : undefined;
    const select: StaticSelect = {
      type: "static_select",
      action_id: ACTIONS.intakeEquipmentSelect,
      placeholder: plain(m.intake.equipmentPlaceholder),
      options,
      ...(initial ? { initial_option: initial } : {}),
    };
    blocks.push({
      type: "input",
      block_id: BLOCKS.intakeEquipment,
      optional: true,
      dispatch_action: true,
      label: plain(m.intake.equipment),
      ...(equipmentList.length > listed.length ? { hint: plain(m.intake.moreEquipment(equipmentList.length - listed.length)) } : {}),
      element: select,
    });
  }
  blocks.push(
    textInput(BLOCKS.intakeModel, INPUTS.model, m.intake.model, { initial: prefill.model, max: 100, ...(equipmentList.length ? { hint: m.intake.newEquipmentHint } : {}) }),
    textInput(BLOCKS.intakeSerial, INPUTS.serial, m.intake.serial, { initial: prefill.serial, max: 100 }),
    datePicker(BLOCKS.intakeAcceptanceDate, INPUTS.acceptanceDate, m.intake.acceptanceDate, prefill.acceptanceDate),
    datePicker(BLOCKS.intakeWarrantyEnd, INPUTS.warrantyEnd, m.intake.warrantyEnd, prefill.warrantyEnd),
  );

  // The call itself. R6 counts from the customer's call, which only a new call asks for; completing
  // or editing keeps the time registered.
  if (state.mode === "new") {
    const calledAt = prefill.calledAt ?? state.now;
    blocks.push({
      type: "input",
      block_id: BLOCKS.intakeCalledAt,
      optional: true,
      label: plain(m.intake.calledAt),
      hint: plain(m.intake.calledAtHint),
      element: { type: "datetimepicker", action_id: INPUTS.calledAt, ...(calledAt ? { initial_date_time: unixSeconds(calledAt) } : {}) },
    });
  }
  blocks.push(
    textInput(BLOCKS.intakeFault, INPUTS.fault, m.intake.fault, { initial: prefill.faultDescription, multiline: true, max: MAX_FAULT_INPUT, placeholder: m.intake.faultPlaceholder }),
    {
      type: "input",
      block_id: BLOCKS.intakeRequestedAt,
      optional: true,
      label: plain(m.intake.requestedAt),
      element: {
        type: "datetimepicker",
        action_id: INPUTS.requestedAt,
        ...(prefill.requestedServiceAt ? { initial_date_time: unixSeconds(prefill.requestedServiceAt) } : {}),
      },
    },
  );
  if (!state.newCustomer) {
    blocks.push(
      textInput(BLOCKS.intakeContactName, INPUTS.contactName, m.intake.contactName, { initial: prefill.contactName, max: 100, hint: m.intake.contactNameHint }),
      textInput(BLOCKS.intakeContactPhone, INPUTS.contactPhone, m.intake.contactPhone, { initial: prefill.contactPhone, max: 40 }),
      textInput(BLOCKS.intakeSiteAddress, INPUTS.siteAddress, m.intake.siteAddress, { initial: prefill.siteAddress, max: 300, hint: m.intake.siteAddressHint }),
    );
  }
  const areaOptions = (["URBAN", "SUBURBAN"] as const).map((area) => option(m.area[area], area));
  const initialArea = prefill.area ?? context?.customer.area;
  blocks.push({
    type: "input",
    block_id: BLOCKS.intakeArea,
    optional: true,
    label: plain(m.intake.area),
    element: {
      type: "radio_buttons",
      action_id: INPUTS.area,
      options: areaOptions,
      ...(initialArea ? { initial_option: areaOptions.find((o) => o.value === initialArea) } : {}),
    },
  });

  // R1: category, pre-filled, overridable with a reason.
  const suggested = state.suggestedCategory ?? chosenEquipment(state)?.suggestedCategory;
  const categoryOptions = [option(m.intake.categoryAuto, CATEGORY_AUTO), ...SERVICE_CATEGORIES.map((category) => option(m.category[category], category))];
  blocks.push(
    {
      type: "input",
      block_id: BLOCKS.intakeCategory,
      optional: true,
      label: plain(m.intake.category),
      hint: plain(suggested ? m.intake.categorySuggested(m.category[suggested]) : m.intake.categoryUnknown),
      element: {
        type: "static_select",
        action_id: INPUTS.category,
        options: categoryOptions,
        initial_option: categoryOptions.find((o) => o.value === (prefill.category ?? CATEGORY_AUTO)) ?? categoryOptions[0],
      },
    },
    textInput(BLOCKS.intakeOverrideReason, INPUTS.overrideReason, m.intake.overrideReason, { initial: prefill.categoryOverrideReason, max: 500, hint: m.intake.overrideHint }),
  );

  // R3: only a new call can be saved incomplete; completing one is the point of "complete".
  if (state.mode === "new") {
    blocks.push({
      type: "input",
      block_id: BLOCKS.intakeIncomplete,
      optional: true,
      label: plain(m.intake.incomplete),
      hint: plain(m.intake.incompleteHint),
      element: { type: "checkboxes", action_id: INPUTS.incomplete, options: [option(m.intake.incompleteOption, "incomplete")] },
    });
  }

  const title = { new: m.intake.titleNew, complete: m.intake.titleComplete, edit: m.intake.titleEdit }[state.mode];
  const submit = { new: m.intake.submitNew, complete: m.intake.submitComplete, edit: m.intake.submitEdit }[state.mode];
  return {
    type: "modal",
    callback_id: VIEWS.intake,
    title: plain(oneLine(title, 24)),
    submit: plain(oneLine(submit, 24)),
    close: plain(oneLine(m.intake.close, 24)),
    private_metadata: JSON.stringify(intakeMetadata(state)),
    blocks,
  };
}

function customerContextBlocks(context: CustomerContext, m: Messages): KnownBlock[] {
  const { customer } = context;
  const lines = [m.intake.customerSummary(safeText(customer.name, 200), m.grade[customer.grade], safeText(customer.phone, 60), safeText(customer.address, 300))];
  if (customer.contactPerson) lines.push(m.intake.contactPerson(safeText(customer.contactPerson, 100)));
  lines.push(
    context.liveContracts.length
      ? [m.intake.liveContracts, ...context.liveContracts.slice(0, 5).map((c) => m.intake.contractLine(safeText(c.number, 60), c.endsOn, c.coversAllEquipment))].join("\n")
      : m.intake.noContracts,
  );
  // R23: the customer's whole file, pushed over the form (closing it comes back to what was typed).
  const fileButton = { type: "button" as const, action_id: ACTIONS.customerFileOpen, text: plain(m.customerFile.intakeButton), value: String(customer.id) };
  const blocks: KnownBlock[] = [{ type: "section", block_id: BLOCKS.intakeCustomerContext, text: { type: "mrkdwn", text: lines.join("\n") }, accessory: fileButton }];
  if (context.openTickets.length) {
    // The modal has no branch time zone; the token shows each reader their own, UTC is the fallback.
    const shown = context.openTickets.slice(0, MAX_OPEN_TICKETS_SHOWN).map((ticket) =>
      m.intake.openTicketLine(ticket.voucherNo, m.status[ticket.status], slackDate(ticket.receivedAt, "UTC", "{date_short}"), ticket.faultDescription ? safeText(oneLine(ticket.faultDescription, 80), 120) : ""),
    );
    if (context.openTickets.length > MAX_OPEN_TICKETS_SHOWN) shown.push(m.intake.moreOpenTickets(context.openTickets.length - MAX_OPEN_TICKETS_SHOWN));
    blocks.push({ type: "section", block_id: BLOCKS.intakeRepeatWarning, text: { type: "mrkdwn", text: [m.intake.repeatCall(context.openTickets.length), ...shown].join("\n") } });
  }
  return blocks;
}

function newCustomerBlocks(m: Messages): KnownBlock[] {
  const grades = [option(m.intake.gradeA, "A"), option(m.intake.gradeB, "B"), option(m.intake.gradeC, "C")];
  return [
    textInput(BLOCKS.intakeNewName, INPUTS.newName, m.intake.newName, { max: 200 }),
    textInput(BLOCKS.intakeNewAddress, INPUTS.newAddress, m.intake.newAddress, { max: 300 }),
    textInput(BLOCKS.intakeNewPhone, INPUTS.newPhone, m.intake.newPhone, { max: 40, hint: m.intake.phoneHint }),
    textInput(BLOCKS.intakeNewContactPerson, INPUTS.newContactPerson, m.intake.newContactPerson, { max: 100 }),
    { type: "input", block_id: BLOCKS.intakeNewGrade, optional: true, label: plain(m.intake.newGrade), element: { type: "radio_buttons", action_id: INPUTS.newGrade, options: grades } },
  ];
}
