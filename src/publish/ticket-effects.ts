// Delivers a ticket's queued Slack effects (src/services/outbox/effects.ts), each rendered from the
// call's current state: its message in the dispatch channel (posted once, then updated in place),
// the lines of its thread (its history), and the technicians' DMs.
//
// Exactly one message per call, even when the bot dies between Slack's answer and recording its
// ts: every post carries metadata naming what it is, and a later attempt that may follow such a
// crash looks for it in the channel (or thread, or DM) before posting again.
import type { SlackEffect, TicketLine } from "../services/outbox/effects";
import type { TicketCard } from "../services/tickets/models";
import { buildAssignmentDm, buildDeclinedDm, buildUnassignedDm } from "../views/technician-dm";
import { buildTicketLine } from "../views/ticket-lines";
import { buildTicketMessage } from "../views/ticket-message";
import { renderFor } from "../i18n/locale-source";
import { findPosted, type Metadata } from "./find-posted";
import { postDmOnce, postOnce, type EffectRun, type OutboxDeps } from "./post-once";
import { callSlack } from "./slack-errors";
import type { OutboxSlackClient } from "./slack-client";

// Slack message metadata event types (what a post is, read back after a crash).
const TICKET_EVENT = "servicedesk_ticket";
const LINE_EVENT = "servicedesk_line";
export const DM_EVENT = "servicedesk_dm";

/** The call's message is posted (once) or brought up to date, and so is its technician's DM. */
export async function refreshTicketMessage(deps: OutboxDeps, slack: OutboxSlackClient, ticketId: number): Promise<void> {
  const card = await ensureTicketMessage(deps, slack, ticketId, { updateExisting: true });
  await refreshTechnicianDm(deps, slack, card);
}

/** R5: a replaced technician hears they are off the call. */
export async function postUnassignedDm(deps: OutboxDeps, slack: OutboxSlackClient, effect: Extract<SlackEffect, { kind: "unassigned-dm" }>, run: EffectRun): Promise<void> {
  const card = await deps.services.getTicketCard({ ticketId: effect.ticketId });
  const notice = await renderFor(deps.locales, { person: effect.previous.slackUserId }, () => buildUnassignedDm({ card, newTechnician: effect.technician, now: deps.clock.now() }));
  await postDmOnce(slack, effect.previous.slackUserId, notice, { event_type: DM_EVENT, event_payload: { job: run.jobId } }, run);
}

/** Posts the call's message when it has none yet (looking first for one a crashed attempt posted); else updates it when asked. */
async function ensureTicketMessage(deps: OutboxDeps, slack: OutboxSlackClient, ticketId: number, options: { updateExisting: boolean }): Promise<TicketCard> {
  const card = await deps.services.getTicketCard({ ticketId });
  const render = (channel: string) => renderFor(deps.locales, { channel }, () => buildTicketMessage(card, { now: deps.clock.now() }));
  if (card.slackMessage) {
    if (options.updateExisting) {
      const message = await render(card.slackMessage.channelId);
      await callSlack(() => slack.chat.update({ channel: card.slackMessage!.channelId, ts: card.slackMessage!.ts, text: message.text, blocks: message.blocks }));
    }
    return card;
  }
  const channel = card.branch.dispatchChannelId;
  if (!channel) {
    deps.log.warn("branch has no dispatch channel: ticket not posted", { ticketId, branch: card.branch.code });
    return card;
  }
  const metadata: Metadata = { event_type: TICKET_EVENT, event_payload: { ticket_id: ticketId } };
  const started = await deps.services.markTicketPostStarted({ ticketId, at: deps.clock.now() });
  const message = await render(channel);
  let ts = started.earlier ? await findPosted(slack, channel, metadata, started.earlier) : null;
  if (ts) {
    deps.log.warn("found the ticket's message posted by an attempt that did not finish; keeping it", { ticketId, ts });
    await callSlack(() => slack.chat.update({ channel, ts: ts!, text: message.text, blocks: message.blocks }));
  } else {
    const posted = await callSlack(() => slack.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false, metadata }));
    ts = posted.ts ?? null;
    if (!ts) throw new Error(`chat.postMessage gave no ts for ticket ${ticketId}`);
  }
  await deps.services.recordTicketMessage({ ticketId, channelId: channel, ts });
  return { ...card, slackMessage: { channelId: channel, ts } };
}

/** R9: the technician's DM shows where the call stands (their next buttons, or that they declined it). */
async function refreshTechnicianDm(deps: OutboxDeps, slack: OutboxSlackClient, card: TicketCard): Promise<void> {
  const assignment = await deps.services.latestAssignmentDm({ ticketId: card.id });
  if (!assignment?.dm) return;
  const message = await renderFor(deps.locales, { person: assignment.technician.slackUserId }, () =>
    assignment.declineReason !== null ? buildDeclinedDm({ card, reason: assignment.declineReason }) : buildAssignmentDm({ card, note: assignment.note, now: deps.clock.now() }),
  );
  await callSlack(() => slack.chat.update({ channel: assignment.dm!.channelId, ts: assignment.dm!.ts, text: message.text, blocks: message.blocks }));
}

export async function postLine(deps: OutboxDeps, slack: OutboxSlackClient, ticketId: number, line: TicketLine, run: EffectRun): Promise<void> {
  const card = await ensureTicketMessage(deps, slack, ticketId, { updateExisting: false });
  if (!card.slackMessage) return;
  const { channelId, ts: threadTs } = card.slackMessage;
  // R11: the custody receipt is the customer's paper, in their language; the other lines are the channel's.
  const reader = line.kind === "custody-receipt" ? { customer: card.customer.id } : { channel: channelId };
  const content = await renderFor(deps.locales, reader, () => buildTicketLine(line, { voucherNo: card.voucherNo, timeZone: card.branch.timeZone, now: deps.clock.now() }));
  const metadata: Metadata = { event_type: LINE_EVENT, event_payload: { job: run.jobId } };
  await postOnce(slack, { channel: channelId, threadTs }, content, metadata, run.attempt > 1);
}

/** R5: the new technician's DM, recorded so that every later change updates it. */
export async function postAssignmentDm(deps: OutboxDeps, slack: OutboxSlackClient, effect: Extract<SlackEffect, { kind: "assignment-dm" }>, run: EffectRun): Promise<void> {
  const assignment = await deps.services.getAssignmentDelivery({ assignmentId: effect.assignmentId });
  if (!assignment || assignment.dm) return;
  const card = await ensureTicketMessage(deps, slack, effect.ticketId, { updateExisting: false });
  const dm = await renderFor(deps.locales, { person: assignment.technician.slackUserId }, () => buildAssignmentDm({ card, note: assignment.note, now: deps.clock.now(), previous: effect.previous }));
  const metadata: Metadata = { event_type: DM_EVENT, event_payload: { assignment_id: effect.assignmentId } };
  const posted = await postDmOnce(slack, assignment.technician.slackUserId, dm, metadata, run);
  await deps.services.recordAssignmentMessage({ assignmentId: effect.assignmentId, channelId: posted.channel, ts: posted.ts });
}
