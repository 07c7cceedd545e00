// The ticket message in the branch's dispatch channel (updated in place on every change), and the
// same card shown ephemerally by `/repair SV-…`.
import type { ActionsBlock, Button, ContextBlock, KnownBlock, MrkdwnElement } from "@slack/types";
import { isLate } from "../domain/deadline";
import type { TicketCard, TicketStatus } from "../services/tickets/models";
import { coverageText, escapeMrkdwn, formatMoney, fieldName, lateText, mention, messageLink, oneLine, safeLink, safeText, slackDate, slackDateRange } from "./format";
import { ticketComplaintRow } from "./complaint-message";
import { ACTIONS, BLOCKS } from "./ids";
import { messagesFor, type Locale, type Messages } from "./messages";

export interface TicketMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Slack allows 3000 per section; the rest of the card needs room under the 13k message total. */
export const MAX_FAULT_CHARS = 2500;
const MAX_FIELD_CHARS = 300;

/** R6/R7: a call is late while nobody has arrived and its deadline has passed. */
const AWAITING_ARRIVAL: readonly TicketStatus[] = ["REGISTERED", "ASSIGNED", "ACCEPTED"];
const FINISHED: readonly TicketStatus[] = ["CANCELLED", "CLOSED"];

export function isOverdue(card: Pick<TicketCard, "status" | "arrivalDeadline">, now: Date): boolean {
  return card.arrivalDeadline !== null && AWAITING_ARRIVAL.includes(card.status) && isLate({ deadline: card.arrivalDeadline, at: now });
}

export function buildTicketMessage(card: TicketCard, options: { now: Date; ephemeral?: boolean; locale?: Locale }): TicketMessage {
  const m = messagesFor(options.locale);
  const tz = card.branch.timeZone;
  const status = m.status[card.status];
  const blocks: KnownBlock[] = [
    { type: "header", block_id: BLOCKS.ticketHeader, text: { type: "plain_text", text: oneLine(m.ticket.header(card.voucherNo, status), 150), emoji: true } },
  ];

  const marks = [
    card.priority && !FINISHED.includes(card.status) ? m.ticket.priority : null,
    isOverdue(card, options.now) ? m.ticket.overdue : null,
    card.awaitsCategoryConfirmation ? m.ticket.warrantyUnknown : null,
  ].filter(
    (line): line is string => line !== null,
  );
  if (marks.length) blocks.push({ type: "section", block_id: BLOCKS.ticketPriority, text: { type: "mrkdwn", text: marks.join("\n") } });

  blocks.push({ type: "section", block_id: BLOCKS.ticketFacts, fields: factFields(card, m) });
  blocks.push({ type: "section", block_id: BLOCKS.ticketPeople, fields: peopleFields(card, m) });
  blocks.push({
    type: "section",
    block_id: BLOCKS.ticketFault,
    text: { type: "mrkdwn", text: `*${m.ticket.fault}*\n${card.faultDescription?.trim() ? safeText(card.faultDescription.trim(), MAX_FAULT_CHARS) : `_${m.ticket.noFault}_`}` },
  });

  if (card.status === "INCOMPLETE" && card.missingFields.length) {
    const fields = card.missingFields.slice(0, 20).map((field) => escapeMrkdwn(fieldName(field, m)));
    blocks.push({ type: "section", block_id: BLOCKS.ticketMissing, text: { type: "mrkdwn", text: m.ticket.missing(fields) } });
  }
  if (card.status === "CANCELLED") {
    blocks.push({ type: "section", block_id: BLOCKS.ticketCancelled, text: { type: "mrkdwn", text: m.ticket.cancelled(safeText(card.cancelReason ?? "—", 1000)) } });
  }

  if (card.arrival) {
    const when = slackDate(card.arrival.at, tz);
    const text = card.arrival.lateByMinutes ? m.ticket.arrivedLate(when, lateText(card.arrival.lateByMinutes, m)) : m.ticket.arrivedOnTime(when);
    blocks.push({ type: "section", block_id: BLOCKS.ticketArrival, text: { type: "mrkdwn", text } });
  }
  if (card.work) blocks.push({ type: "section", block_id: BLOCKS.ticketWork, text: { type: "mrkdwn", text: workLine(card.work, m, tz) } });

  const context: MrkdwnElement[] = [{ type: "mrkdwn", text: m.ticket.received(slackDate(card.receivedAt, tz)) }];
  const source = safeLink(card.sourceMessageLink);
  if (source) context.push({ type: "mrkdwn", text: m.ticket.fromMessage(source) });
  if (options.ephemeral && card.slackMessage) context.push({ type: "mrkdwn", text: m.ticket.inChannel(messageLink(card.slackMessage)) });
  blocks.push({ type: "context", block_id: BLOCKS.ticketContext, elements: context } satisfies ContextBlock);

  const buttons = ticketButtons(card, m);
  if (buttons.length) blocks.push({ type: "actions", block_id: BLOCKS.ticketActions, elements: buttons } satisfies ActionsBlock);
  const technicianActions = technicianButtons(card, m);
  if (technicianActions.length) blocks.push({ type: "actions", block_id: BLOCKS.ticketTechnicianActions, elements: technicianActions } satisfies ActionsBlock);
  // R21: a complaint about the call, whatever its status (most come after it closed).
  if (!options.ephemeral) blocks.push(ticketComplaintRow(card.id, options));

  return { text: oneLine(m.ticket.fallback(card.voucherNo, status, card.customer.name), 3000), blocks };
}

function field(label: string, value: string): MrkdwnElement {
  return { type: "mrkdwn", text: `*${label}*\n${value}` };
}

function factFields(card: TicketCard, m: Messages): MrkdwnElement[] {
  const contactName = card.contact.name ?? card.customer.contactPerson;
  const contactPhone = card.contact.phone;
  const contact = [contactName, contactPhone].filter((part): part is string => Boolean(part?.trim()));
  const equipment = card.equipment
    ? [m.ticket.equipmentLine(safeText(card.equipment.model, 100), safeText(card.equipment.serial, 100)), card.equipment.acceptanceDate ? m.ticket.acceptedOn(card.equipment.acceptanceDate) : null]
        .filter(Boolean)
        .join(", ")
    : `_${m.ticket.noEquipment}_`;
  const category =
    card.category !== card.suggestedCategory && card.categoryOverrideReason
      ? m.ticket.categoryOverridden(m.category[card.category], m.category[card.suggestedCategory], safeText(card.categoryOverrideReason, MAX_FIELD_CHARS))
      : m.category[card.category];
  const fields = [
    field(m.ticket.customer, `${safeText(card.customer.name, 200)} · ${m.grade[card.customer.grade]}`),
    field(m.ticket.phone, safeText(card.customer.phone || "—", 100)),
    field(m.ticket.address, safeText(card.contact.address ?? card.customer.address ?? "—", MAX_FIELD_CHARS) || "—"),
  ];
  if (contact.length) fields.push(field(m.ticket.contact, safeText(contact.join(" · "), MAX_FIELD_CHARS)));
  fields.push(field(m.ticket.equipment, equipment), field(m.ticket.coverage, coverageText(card.coverage, m)), field(m.ticket.category, category), field(m.ticket.area, m.area[card.area]));
  return fields;
}

function peopleFields(card: TicketCard, m: Messages): MrkdwnElement[] {
  const tz = card.branch.timeZone;
  const fields = [
    field(m.ticket.calledAt, slackDate(card.calledAt, tz)),
    field(m.ticket.deadline, card.arrivalDeadline ? slackDate(card.arrivalDeadline, tz) : `_${m.ticket.noDeadline}_`),
    field(m.ticket.appointment, card.appointment ? slackDateRange(card.appointment.start, card.appointment.end, tz, m) : `_${m.ticket.noAppointment}_`),
  ];
  if (card.requestedServiceAt) fields.push(field(m.ticket.requested, slackDate(card.requestedServiceAt, tz)));
  fields.push(field(m.ticket.technician, card.technician ? mention(card.technician) : `_${m.ticket.unassigned}_`));
  if (card.registeredBy) fields.push(field(m.ticket.registeredBy, mention(card.registeredBy)));
  return fields;
}

function button(actionId: string, text: string, value: string, style?: "primary" | "danger"): Button {
  return { type: "button", action_id: actionId, text: { type: "plain_text", text, emoji: true }, value, ...(style ? { style } : {}) };
}

/** Which buttons a ticket offers in its status; the services still refuse what does not fit. */
export function ticketButtons(card: Pick<TicketCard, "id" | "voucherNo" | "status" | "technician">, m: Messages): Button[] {
  if (FINISHED.includes(card.status)) return [];
  const value = String(card.id);
  const buttons: Button[] = [];
  if (card.status === "INCOMPLETE") buttons.push(button(ACTIONS.ticketCompleteIntake, m.ticket.completeIntake, value, "primary"));
  else buttons.push(card.technician ? button(ACTIONS.ticketAssign, m.ticket.reassign, value) : button(ACTIONS.ticketAssign, m.ticket.assign, value, "primary"));
  buttons.push(button(ACTIONS.ticketSchedule, m.ticket.schedule, value), button(ACTIONS.ticketEdit, m.ticket.edit, value));
  buttons.push({
    ...button(ACTIONS.ticketCancel, m.ticket.cancel, value, "danger"),
    confirm: {
      title: { type: "plain_text", text: m.ticket.cancelConfirmTitle },
      text: { type: "plain_text", text: m.ticket.cancelConfirmText(card.voucherNo) },
      confirm: { type: "plain_text", text: m.ticket.cancelConfirmYes },
      deny: { type: "plain_text", text: m.ticket.cancelConfirmNo },
      style: "danger",
    },
  });
  return buttons;
}

/**
 * R9: the assigned technician's buttons, on the ticket message and in their DM. Anyone may see
 * them on the channel message; the services refuse everyone but the assignee.
 */
export function technicianButtons(card: Pick<TicketCard, "id" | "status" | "technician" | "itemsInWorkshop">, m: Messages): Button[] {
  const value = String(card.id);
  const buttons = card.technician ? visitButtons(card.status, value, m) : [];
  // R11: whatever the outcome, an item in the workshop goes back to the customer, who signs; until
  // then the call cannot close, so the way back is offered in every status that still needs work.
  if (!card.itemsInWorkshop || FINISHED.includes(card.status) || buttons.some((b) => b.action_id === ACTIONS.ticketReturnItem)) return buttons;
  if (card.status === "RESOLVED") return [button(ACTIONS.ticketReturnItem, m.ticket.returnItem, value, "primary"), button(ACTIONS.ticketClose, m.ticket.close, value)];
  return [...buttons, button(ACTIONS.ticketReturnItem, m.ticket.returnItem, value)];
}

function visitButtons(status: TicketCard["status"], value: string, m: Messages): Button[] {
  if (status === "ASSIGNED") {
    return [button(ACTIONS.ticketAccept, m.ticket.accept, value, "primary"), button(ACTIONS.ticketArrive, m.ticket.arrived, value), button(ACTIONS.ticketDecline, m.ticket.decline, value)];
  }
  if (status === "ACCEPTED") return [button(ACTIONS.ticketArrive, m.ticket.arrived, value, "primary"), button(ACTIONS.ticketDecline, m.ticket.decline, value)];
  // R9–R13: on site or in the workshop the technician reports work (several visits are allowed),
  // says at once when it cannot be finished as scheduled (R12), and returns a workshop item (R11).
  if (status === "ON_SITE") return [button(ACTIONS.ticketReportWork, m.ticket.reportWork, value, "primary"), button(ACTIONS.ticketCannotFinish, m.ticket.cannotFinish, value)];
  if (status === "IN_WORKSHOP") {
    return [
      button(ACTIONS.ticketReportWork, m.ticket.reportWork, value, "primary"),
      button(ACTIONS.ticketCannotFinish, m.ticket.cannotFinish, value),
      button(ACTIONS.ticketReturnItem, m.ticket.returnItem, value),
    ];
  }
  if (status === "ON_HOLD") return [button(ACTIONS.ticketArrive, m.ticket.arrived, value, "primary"), button(ACTIONS.ticketReportWork, m.ticket.reportWork, value)];
  if (status === "RESOLVED") return [button(ACTIONS.ticketClose, m.ticket.close, value, "primary")];
  return [];
}

/** R13: the work reported so far, in one line. */
function workLine(work: NonNullable<TicketCard["work"]>, m: Messages, timeZone: string): string {
  const t = m.workReport.card;
  const parts = [
    work.hours.length ? t.hours(work.hours.map((line) => t.hoursPart(line.category, String(line.hours))).join(" · ")) : null,
    work.partsCount ? t.parts(work.partsCount) : null,
    Number(work.feeTotal) > 0 ? t.fee(formatMoney(work.feeTotal, work.currency)) : null,
    work.lastReport ? t.last(m.workReport.modal.outcomes[work.lastReport.outcome], slackDate(work.lastReport.at, timeZone)) : null,
  ].filter((part): part is string => Boolean(part));
  return `*${t.title}:* ${parts.join(" · ")}`;
}
