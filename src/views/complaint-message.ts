// R21/R22: a complaint's message (its card, with the handling buttons), the lines of its thread, its
// escalation alerts and the DMs about it. Pure builders of plain view-models.
import type { ActionsBlock, Button, KnownBlock, MrkdwnElement } from "@slack/types";
import type { ComplaintAlert } from "../services/complaints/escalations";
import type { ComplaintCard, ComplaintLineEntry } from "../services/complaints/models";
import type { ComplaintLevel } from "../domain/complaint-levels";
import type { ComplaintSource } from "../domain/complaints";
import { messageLink, mention, oneLine, safeText, slackDate } from "./format";
import { ACTIONS, BLOCKS } from "./ids";
import { messagesFor, type Locale } from "./messages";

type Message = { text: string; blocks: KnownBlock[] };

const MAX_TEXT = 2_800;
const userMention = (slackUserId: string) => (/^[UW][A-Z0-9]+$/.test(slackUserId) ? `<@${slackUserId}>` : safeText(slackUserId, 100));
/** Who registered a complaint: a person, or a survey answer (a surveyor's or the customer's, R20). */
export function registeredByText(by: string, source: ComplaintSource, m: { line: { bySurvey: string } }): string {
  return /^[UW][A-Z0-9]+$/.test(by) || source !== "SURVEY" ? userMention(by) : m.line.bySurvey;
}

function field(label: string, value: string): MrkdwnElement {
  return { type: "mrkdwn", text: `*${label}*\n${value}` };
}

function button(actionId: string, text: string, value: string, style?: "primary" | "danger"): Button {
  return { type: "button", action_id: actionId, text: { type: "plain_text", text, emoji: true }, value, ...(style ? { style } : {}) };
}

export function buildComplaintMessage(card: ComplaintCard, options: { locale?: Locale } = {}): Message {
  const m = messagesFor(options.locale).complaints;
  const tz = card.branch.timeZone;
  const blocks: KnownBlock[] = [
    { type: "header", block_id: BLOCKS.complaintHeader, text: { type: "plain_text", text: m.message.header(m.kind[card.kind], card.number, m.severity[card.severity]) } },
  ];
  const call = card.ticket ? (card.ticket.slackMessage ? `<${messageLink(card.ticket.slackMessage)}|${card.ticket.voucherNo}>` : card.ticket.voucherNo) : `_${m.message.none}_`;
  const open = card.status !== "CLOSED";
  const fields = [
    field(m.message.customer, safeText(card.customer.name, 200)),
    field(m.message.call, call),
    field(m.message.technician, card.technician ? mention(card.technician) : `_${m.message.none}_`),
    field(m.message.source, m.source[card.source] + (card.surveyId ? ` (${m.message.fromSurvey})` : "")),
    field(m.message.status, m.status[card.status]),
    field(m.message.handler, card.handler ? mention(card.handler) : `_${m.message.noHandler}_`),
  ];
  if (open && !card.response) fields.push(field(m.message.respondBy, slackDate(card.responseDueAt, tz)));
  if (open && !card.outcome) fields.push(field(m.message.resolveBy, slackDate(card.resolutionDueAt, tz)));
  blocks.push({ type: "section", block_id: BLOCKS.complaintFacts, fields });
  blocks.push({ type: "section", block_id: BLOCKS.complaintText, text: { type: "mrkdwn", text: `>${safeText(card.description, MAX_TEXT).replace(/\n/g, "\n>")}` } });
  const handling: string[] = [];
  if (card.response) handling.push(m.message.response(card.response.how ? m.contact[card.response.how] : "—", slackDate(card.response.at, tz), safeText(card.response.note ?? "", 800)));
  if (card.outcome) handling.push(m.message.outcome(card.outcome.substantiated === true, slackDate(card.outcome.at, tz), safeText(card.outcome.text ?? "", 800)));
  if (card.customerInformed) handling.push(m.message.informed(m.contact[card.customerInformed.how as keyof typeof m.contact] ?? safeText(card.customerInformed.how ?? "—", 50), slackDate(card.customerInformed.at, tz)));
  else if (card.outcome) handling.push(m.message.notInformed);
  if (card.closedAt) handling.push(m.message.closed(slackDate(card.closedAt, tz)));
  if (handling.length) blocks.push({ type: "section", block_id: BLOCKS.complaintHandling, text: { type: "mrkdwn", text: handling.join("\n") } });
  const registeredBy = card.registeredBy ? mention(card.registeredBy) : m.message.none;
  blocks.push({ type: "context", block_id: BLOCKS.complaintContext, elements: [{ type: "mrkdwn", text: m.message.registered(registeredBy, slackDate(card.receivedAt, tz)) }] });
  if (open) {
    const value = String(card.id);
    const buttons: Button[] = [button(ACTIONS.complaintAssign, m.message.assign, value)];
    buttons.push(button(ACTIONS.complaintRespond, m.message.respond, value, card.response ? undefined : "primary"));
    buttons.push(button(ACTIONS.complaintResolve, m.message.resolve, value, card.response && !card.outcome ? "primary" : undefined));
    if (card.outcome) buttons.push(button(ACTIONS.complaintInform, m.message.inform, value, card.customerInformed ? undefined : "primary"));
    buttons.push({
      ...button(ACTIONS.complaintClose, m.message.close, value),
      confirm: {
        title: { type: "plain_text", text: m.message.closeConfirmTitle },
        text: { type: "plain_text", text: m.message.closeConfirmText(card.number) },
        confirm: { type: "plain_text", text: m.message.closeConfirmYes },
        deny: { type: "plain_text", text: m.message.closeConfirmNo },
      },
    });
    blocks.push({ type: "actions", block_id: BLOCKS.complaintActions, elements: buttons } satisfies ActionsBlock);
  }
  return { text: oneLine(m.message.fallback(m.kind[card.kind], card.number, m.status[card.status], card.customer.name), 3000), blocks };
}

/** One line of the complaint's thread: what changed, who did it and when. */
export function buildComplaintLine(entry: ComplaintLineEntry, options: { timeZone: string; locale?: Locale }): { text: string } {
  const m = messagesFor(options.locale).complaints;
  const tz = options.timeZone;
  switch (entry.event) {
    case "registered":
      return { text: m.line.registered(registeredByText(entry.by, entry.source, m), m.severity[entry.severity], m.source[entry.source]) + (entry.severity === "SERIOUS" ? `\n${m.line.escalatedSerious}` : "") };
    case "assigned":
      return { text: m.line.assigned(userMention(entry.by), userMention(entry.handler)) };
    case "responded":
      return { text: m.line.responded(userMention(entry.by), m.contact[entry.how], slackDate(entry.respondedAt, tz), safeText(entry.note, MAX_TEXT)) };
    case "resolved":
      return { text: m.line.resolved(userMention(entry.by), entry.substantiated, safeText(entry.outcome, MAX_TEXT)) };
    case "informed":
      return { text: m.line.informed(userMention(entry.by), m.contact[entry.how], slackDate(entry.informedAt, tz)) };
    case "closed":
      return { text: m.line.closed(userMention(entry.by)) };
    case "escalated":
      return { text: entry.cause === "SERIOUS" ? m.line.escalatedSerious : m.line.escalated(m.clock[entry.cause], m.audience[entry.audience]) };
    case "acknowledged":
      return { text: m.line.acknowledged(userMention(entry.by)) };
    case "warned":
      return { text: m.line.warned(m.clock[entry.clock], slackDate(entry.dueAt, tz)) };
    case "level":
      return { text: m.line.level(userMention(entry.technician), m.level[entry.level], entry.count) };
  }
}

/** R21: a complaint's escalation, as every copy shows it; DMs carry Acknowledge while it waits. */
export function buildComplaintAlert(alert: ComplaintAlert, options: { withAcknowledgeButton?: boolean; locale?: Locale } = {}): Message {
  const m = messagesFor(options.locale).complaints;
  const card = alert.complaint;
  const tz = card.branch.timeZone;
  const customer = safeText(card.customer.name, 200);
  const due = alert.cause === "RESOLUTION" ? card.resolutionDueAt : card.responseDueAt;
  const headline = alert.cause === "SERIOUS" ? m.alert.serious(card.number, customer) : m.alert.missed(m.clock[alert.cause], card.number, customer, slackDate(due, tz));
  const lines = [headline, m.alert.description(safeText(card.description, 1_500).replace(/\n/g, " "))];
  if (card.slackMessage) lines.push(m.alert.inChannel(messageLink(card.slackMessage)));
  if (alert.sentToAdmins) lines.push(`_${m.alert.toAdmins}_`);
  const blocks: KnownBlock[] = [{ type: "section", block_id: BLOCKS.complaintAlert, text: { type: "mrkdwn", text: lines.join("\n") } }];
  const standing = alert.standing;
  const state =
    standing.kind === "acknowledged"
      ? m.alert.acknowledged(userMention(standing.by), slackDate(standing.at, tz))
      : standing.kind === "resolved"
        ? m.alert.resolved(slackDate(standing.at, tz))
        : standing.kind === "escalated"
          ? m.alert.escalated(slackDate(standing.at, tz))
          : m.alert.open;
  blocks.push({ type: "context", block_id: BLOCKS.complaintAlertState, elements: [{ type: "mrkdwn", text: state }] });
  if (options.withAcknowledgeButton && alert.open) {
    blocks.push({ type: "actions", block_id: BLOCKS.complaintAlertActions, elements: [button(ACTIONS.complaintAcknowledge, m.alert.acknowledge, String(alert.escalationId), "primary")] });
  }
  return { text: oneLine(m.alert.fallback(card.number), 3000), blocks };
}

/** R21: a general complaint reaches the branch's directors. */
export function buildComplaintRoutedDm(card: ComplaintCard, options: { toAdmins: boolean; locale?: Locale }): Message {
  const m = messagesFor(options.locale).complaints;
  const lines = [m.routed(m.kind[card.kind], card.number, safeText(card.customer.name, 200)), `>${safeText(card.description, 1_500).replace(/\n/g, " ")}`];
  if (card.slackMessage) lines.push(m.alert.inChannel(messageLink(card.slackMessage)));
  if (options.toAdmins) lines.push(`_${m.routedToAdmins}_`);
  return { text: oneLine(lines[0], 3000), blocks: [{ type: "section", text: { type: "mrkdwn", text: lines.join("\n") } }] };
}

export function buildComplaintAssignedDm(card: ComplaintCard, options: { locale?: Locale } = {}): Message {
  const m = messagesFor(options.locale).complaints;
  const who = card.handler ? mention(card.handler) : m.message.none;
  const text = m.assignedDm(card.number, safeText(card.customer.name, 200), who) + (card.slackMessage ? `\n${m.alert.inChannel(messageLink(card.slackMessage))}` : "");
  return { text: oneLine(text, 3000), blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

export function buildComplaintWarningDm(card: ComplaintCard, clock: "RESPONSE" | "RESOLUTION", options: { locale?: Locale } = {}): Message {
  const m = messagesFor(options.locale).complaints;
  const due = clock === "RESPONSE" ? card.responseDueAt : card.resolutionDueAt;
  const text = m.warningDm(m.clock[clock], card.number, safeText(card.customer.name, 200), slackDate(due, card.branch.timeZone)) + (card.slackMessage ? `\n${m.alert.inChannel(messageLink(card.slackMessage))}` : "");
  return { text: oneLine(text, 3000), blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

/** R22: a technician reached a new level. */
export function buildComplaintLevelDm(options: { technicianSlackUserId: string; level: ComplaintLevel; count: number; windowMonths: number; number: string; locale?: Locale }): Message {
  const m = messagesFor(options.locale).complaints;
  const text = m.levelDm(userMention(options.technicianSlackUserId), m.level[options.level], options.count, options.windowMonths, options.number);
  return { text: oneLine(text, 3000), blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

/** The ticket message's row with the Complaint button (shown whatever the call's status: complaints often come after it closed). */
export function ticketComplaintRow(ticketId: number, options: { locale?: Locale } = {}): ActionsBlock {
  const m = messagesFor(options.locale).complaints;
  return { type: "actions", block_id: BLOCKS.ticketComplaintActions, elements: [button(ACTIONS.ticketComplaint, m.message.ticketButton, String(ticketId))] };
}
