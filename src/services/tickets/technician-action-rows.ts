// What the technician's actions (accept, decline, arrive) read under the ticket's row lock.
import type { DbOrTx } from "../../db";
import { lockTicketRow, personRef, ticketNotFound } from "./ticket-rows";

/** Where the technician's DM about an assignment is, so it can be updated in place. */
export interface AssignmentDm {
  channelId: string;
  ts: string;
  /** The dispatcher's note on the assignment, shown again when the DM is rebuilt. */
  note?: string | null;
}

export async function lockForTechnician(tx: DbOrTx, ticketId: number) {
  await lockTicketRow(tx, ticketId);
  // One read (a join) for the ticket, its technician and its open assignment.
  const row = await tx.ticket.findUnique({
    where: { id: ticketId },
    include: { assignedTechnician: { select: { id: true, slackUserId: true, name: true } }, assignments: { where: { endedAt: null }, take: 1 } },
  });
  if (!row) throw ticketNotFound(ticketId);
  const { assignedTechnician, assignments, ...ticket } = row;
  return { ticket, assignee: personRef(assignedTechnician), assignment: assignments[0] ?? null };
}

export function dmOf(assignment: { dmChannelId: string | null; dmMessageTs: string | null; note?: string | null } | null): AssignmentDm | null {
  return assignment?.dmChannelId && assignment.dmMessageTs ? { channelId: assignment.dmChannelId, ts: assignment.dmMessageTs, note: assignment.note ?? null } : null;
}
