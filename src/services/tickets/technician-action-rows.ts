// What the technician's actions (accept, decline, arrive) read under the ticket's row lock.
import type { DbOrTx } from "../../db";
import { lockTicket, personRef } from "./ticket-rows";

/** Where the technician's DM about an assignment is, so it can be updated in place. */
export interface AssignmentDm {
  channelId: string;
  ts: string;
  /** The dispatcher's note on the assignment, shown again when the DM is rebuilt. */
  note?: string | null;
}

export async function lockForTechnician(tx: DbOrTx, ticketId: number) {
  const ticket = await lockTicket(tx, ticketId);
  const assignee = ticket.assignedTechnicianId ? personRef(await tx.staff.findUnique({ where: { id: ticket.assignedTechnicianId } })) : null;
  const assignment = await tx.assignment.findFirst({ where: { ticketId, endedAt: null } });
  return { ticket, assignee, assignment };
}

export function dmOf(assignment: { dmChannelId: string | null; dmMessageTs: string | null; note?: string | null } | null): AssignmentDm | null {
  return assignment?.dmChannelId && assignment.dmMessageTs ? { channelId: assignment.dmChannelId, ts: assignment.dmMessageTs, note: assignment.note ?? null } : null;
}
