// Keeps a ticket's Slack presence in step with the database: the ticket message in the branch's
// dispatch channel (posted once, then updated in place), a thread reply per change (the ticket's
// history), and the technicians' direct messages.
import type { Clock } from "../clock";
import type { Log } from "../logger";
import type { Services } from "../services";
import type { PersonRef, TicketCard, TicketHistoryEntry } from "../services/tickets/models";
import type { AssignmentDm } from "../services/tickets/technician-action-rows";
import { buildAssignmentDm, buildDeclinedDm, buildUnassignedDm } from "../views/technician-dm";
import { buildHistoryReply } from "../views/ticket-history";
import { buildTicketMessage } from "../views/ticket-message";
import type { PublishSlackClient } from "./slack-client";

/** What publishing a ticket reads and records; handlers' and jobs' dependencies both provide it. */
export interface TicketPublishDeps {
  services: Pick<Services, "getTicketCard" | "recordTicketMessage" | "recordAssignmentMessage">;
  clock: Clock;
  log: Log;
}
type PublisherClient = PublishSlackClient;

/** Posts or updates the ticket message, then writes `history` in its thread. Returns the fresh card. */
export async function publishTicket(deps: TicketPublishDeps, client: PublisherClient, ticketId: number, history?: TicketHistoryEntry): Promise<TicketCard> {
  let card = await deps.services.getTicketCard({ ticketId });
  const message = buildTicketMessage(card, { now: deps.clock.now() });
  if (card.slackMessage) {
    await client.chat.update({ channel: card.slackMessage.channelId, ts: card.slackMessage.ts, text: message.text, blocks: message.blocks });
  } else if (card.branch.dispatchChannelId) {
    const posted = await client.chat.postMessage({ channel: card.branch.dispatchChannelId, text: message.text, blocks: message.blocks, unfurl_links: false });
    if (posted.channel && posted.ts) {
      await deps.services.recordTicketMessage({ ticketId, channelId: posted.channel, ts: posted.ts });
      card = { ...card, slackMessage: { channelId: posted.channel, ts: posted.ts } };
    }
  } else {
    deps.log.warn("branch has no dispatch channel: ticket not posted", { ticketId, branch: card.branch.code });
  }
  if (history && card.slackMessage) {
    const reply = buildHistoryReply(history, { now: deps.clock.now(), timeZone: card.branch.timeZone });
    await client.chat.postMessage({ channel: card.slackMessage.channelId, thread_ts: card.slackMessage.ts, text: reply.text });
  }
  return card;
}

/** R5: the technician hears of the assignment directly; a replaced technician hears they are off it. */
export async function notifyTechnicians(
  deps: TicketPublishDeps,
  client: PublisherClient,
  options: { card: TicketCard; technician: PersonRef; previous: PersonRef | null; assignmentId: number; note: string | null },
): Promise<void> {
  const now = deps.clock.now();
  const dm = buildAssignmentDm({ card: options.card, note: options.note, now, previous: options.previous });
  const channel = await openDm(client, options.technician.slackUserId);
  const posted = await client.chat.postMessage({ channel, text: dm.text, blocks: dm.blocks, unfurl_links: false });
  if (posted.channel && posted.ts) await deps.services.recordAssignmentMessage({ assignmentId: options.assignmentId, channelId: posted.channel, ts: posted.ts });
  if (options.previous && options.previous.staffId !== options.technician.staffId) {
    const notice = buildUnassignedDm({ card: options.card, newTechnician: options.technician, now });
    await client.chat.postMessage({ channel: await openDm(client, options.previous.slackUserId), text: notice.text, blocks: notice.blocks });
  }
}

async function openDm(client: PublisherClient, slackUserId: string): Promise<string> {
  const opened = await client.conversations.open({ users: slackUserId });
  if (!opened.channel?.id) throw new Error(`conversations.open gave no channel for ${slackUserId}`);
  return opened.channel.id;
}

/**
 * R9: the technician's assignment DM, updated in place to show where the call stands (their next
 * buttons, or that they declined it). Nothing to do when the DM was never recorded.
 */
export async function updateTechnicianDm(
  deps: TicketPublishDeps,
  client: PublisherClient,
  options: { dm: AssignmentDm | null; card: TicketCard; declinedReason?: string },
): Promise<void> {
  if (!options.dm) return;
  const message =
    options.declinedReason !== undefined ? buildDeclinedDm({ card: options.card, reason: options.declinedReason }) : buildAssignmentDm({ card: options.card, note: options.dm.note, now: deps.clock.now() });
  await client.chat.update({ channel: options.dm.channelId, ts: options.dm.ts, text: message.text, blocks: message.blocks });
}

/** R5: a declined call is back in the queue; its thread says it needs a new technician. */
export async function announceNeedsTechnician(client: PublisherClient, card: TicketCard, text: string): Promise<void> {
  if (!card.slackMessage) return;
  await client.chat.postMessage({ channel: card.slackMessage.channelId, thread_ts: card.slackMessage.ts, text });
}
