// Where a ticket is shown in Slack, so later changes update those messages in place. Not audited:
// these record delivery, not a change to the call.
import type { DbOrTx } from "../../db";
import { ticketNotFound } from "./ticket-rows";
import { AppError } from "../../errors";

/** The ticket's message in the dispatch channel (its thread carries the history). */
export async function recordTicketMessage(deps: { db: DbOrTx }, options: { ticketId: number; channelId: string; ts: string }): Promise<void> {
  const { count } = await deps.db.ticket.updateMany({
    where: { id: options.ticketId },
    data: { slackChannelId: options.channelId, slackMessageTs: options.ts },
  });
  if (count === 0) throw ticketNotFound(options.ticketId);
}

/** The technician's DM about an assignment. */
export async function recordAssignmentMessage(
  deps: { db: DbOrTx },
  options: { assignmentId: number; channelId: string; ts: string },
): Promise<void> {
  const { count } = await deps.db.assignment.updateMany({
    where: { id: options.assignmentId },
    data: { dmChannelId: options.channelId, dmMessageTs: options.ts },
  });
  if (count === 0) {
    throw new AppError("NOT_FOUND", { message: `assignment ${options.assignmentId} not found`, details: { entity: "Assignment", assignmentId: options.assignmentId } });
  }
}

/** The ticket a message shows: its channel message, or a technician's assignment DM. Null if none. */
export async function findTicketByMessage(deps: { db: DbOrTx }, options: { channelId: string; ts: string }): Promise<{ ticketId: number } | null> {
  const ticket = await deps.db.ticket.findFirst({
    where: { slackChannelId: options.channelId, slackMessageTs: options.ts },
    select: { id: true },
  });
  if (ticket) return { ticketId: ticket.id };
  const assignment = await deps.db.assignment.findFirst({
    where: { dmChannelId: options.channelId, dmMessageTs: options.ts },
    select: { ticketId: true },
  });
  return assignment ? { ticketId: assignment.ticketId } : null;
}
