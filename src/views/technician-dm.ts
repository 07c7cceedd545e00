// The technician's DM when a call is assigned to them (R5), with what to tell the customer (R10),
// and the DM telling a technician a call was re-assigned away from them.
import type { KnownBlock, MrkdwnElement } from "@slack/types";
import type { PersonRef, TicketCard } from "../services/tickets/models";
import { chargedCosts, mention, messageLink, oneLine, safeText, slackDate, slackDateRange } from "./format";
import { BLOCKS } from "./ids";
import { messagesFor, type Locale, type Messages } from "./messages";
import { buildTicketMessage, technicianButtons } from "./ticket-message";

export function buildAssignmentDm(options: {
  card: TicketCard;
  note?: string | null;
  now: Date;
  /** Re-assignment: who had it before. */
  previous?: PersonRef | null;
  /** Who assigned it. */
  assignedBy?: PersonRef | null;
  locale?: Locale;
}): { text: string; blocks: KnownBlock[] } {
  const { card } = options;
  const m = messagesFor(options.locale);
  const tz = card.branch.timeZone;
  const intro = [m.dm.intro(card.voucherNo, options.assignedBy ? mention(options.assignedBy) : null), options.previous ? m.dm.reassignedFrom(mention(options.previous)) : null]
    .filter(Boolean)
    .join(" ");
  const tell = [
    m.dm.tellCustomerTitle,
    `• ${chargeText(card, m)}`,
    `• ${card.appointment ? m.dm.appointment(slackDateRange(card.appointment.start, card.appointment.end, tz, m)) : m.dm.agreeAppointment}`,
    card.arrivalDeadline ? `• ${m.dm.deadline(slackDate(card.arrivalDeadline, tz))}` : null,
  ].filter(Boolean);

  // The ticket as the dispatchers see it, without their buttons.
  const ticketBlocks = buildTicketMessage(card, { now: options.now, locale: options.locale }).blocks.filter(
    (block) => block.block_id !== BLOCKS.ticketActions && block.block_id !== BLOCKS.ticketTechnicianActions,
  );
  const blocks: KnownBlock[] = [
    { type: "section", block_id: BLOCKS.dmIntro, text: { type: "mrkdwn", text: intro } },
    { type: "section", block_id: BLOCKS.dmTellCustomer, text: { type: "mrkdwn", text: tell.join("\n") } },
  ];
  // R9: where the technician stands on this call, and what they can do next.
  const state = card.status === "ACCEPTED" ? m.technician.accepted(card.voucherNo) : card.status === "ON_SITE" && card.arrival ? m.technician.arrived(card.voucherNo) : null;
  if (state) blocks.push({ type: "section", block_id: BLOCKS.dmState, text: { type: "mrkdwn", text: state } });
  const actions = technicianButtons(card, m);
  if (actions.length) blocks.push({ type: "actions", block_id: BLOCKS.dmActions, elements: actions });
  if (options.note?.trim()) blocks.push({ type: "section", block_id: BLOCKS.dmNote, text: { type: "mrkdwn", text: m.dm.note(safeText(options.note.trim(), 1500)) } });
  blocks.push({ type: "divider" }, ...ticketBlocks);
  if (card.slackMessage) {
    const context = blocks.find((block) => block.block_id === BLOCKS.ticketContext);
    if (context && context.type === "context") (context.elements as MrkdwnElement[]).push({ type: "mrkdwn", text: m.dm.ticketLink(messageLink(card.slackMessage)) });
  }
  return { text: oneLine(m.dm.fallback(card.voucherNo, card.customer.name), 3000), blocks };
}

/** R10: whether the visit is chargeable, and on what grounds. */
function chargeText(card: TicketCard, m: Messages): string {
  if (card.chargeable) return m.dm.chargeable;
  if (card.category === "D_INTERNAL") return m.dm.internal;
  if (card.category === "C_WARRANTY" && card.coverage.kind === "WARRANTY") return m.dm.warranty(card.coverage.until);
  if (card.category === "B_CONTRACT" && card.coverage.kind === "CONTRACT") {
    const charged = card.fees ? chargedCosts(card.fees, m) : [];
    return m.dm.contract(safeText(card.coverage.contractNumber, 60), card.coverage.until) + (charged.length ? m.dm.contractCharges(charged.join(", ")) : "");
  }
  return m.dm.notChargeable(m.category[card.category]);
}

export function buildUnassignedDm(options: { card: TicketCard; newTechnician: PersonRef; now: Date; locale?: Locale }): { text: string; blocks: KnownBlock[] } {
  const { card } = options;
  const m = messagesFor(options.locale);
  const line = m.dm.unassigned(card.voucherNo, safeText(oneLine(card.customer.name, 100), 150), mention(options.newTechnician));
  const blocks: KnownBlock[] = [{ type: "section", block_id: BLOCKS.dmIntro, text: { type: "mrkdwn", text: line } }];
  if (card.slackMessage) blocks.push({ type: "context", block_id: BLOCKS.ticketContext, elements: [{ type: "mrkdwn", text: m.dm.ticketLink(messageLink(card.slackMessage)) }] });
  return { text: oneLine(m.dm.unassignedFallback(card.voucherNo), 3000), blocks };
}

/** R5: the DM after the technician declined the call: why, and that it went back to the dispatcher. */
export function buildDeclinedDm(options: { card: TicketCard; reason: string; locale?: Locale }): { text: string; blocks: KnownBlock[] } {
  const { card } = options;
  const m = messagesFor(options.locale);
  const line = m.technician.declined(card.voucherNo, safeText(oneLine(options.reason, 1000), 1200));
  const blocks: KnownBlock[] = [{ type: "section", block_id: BLOCKS.dmIntro, text: { type: "mrkdwn", text: line } }];
  if (card.slackMessage) blocks.push({ type: "context", block_id: BLOCKS.ticketContext, elements: [{ type: "mrkdwn", text: m.dm.ticketLink(messageLink(card.slackMessage)) }] });
  return { text: oneLine(m.technician.declinedFallback(card.voucherNo), 3000), blocks };
}
