// What the outbox's workers read and record while delivering a ticket's effects. Not audited:
// these record where a message went, not a change to the call.
import type { DbOrTx } from "../../db";
import type { PersonRef } from "../tickets/models";

/**
 * Marks that a post of the ticket's message is under way (Ticket.slackPostStartedAt). `earlier` is
 * when an earlier attempt started, if one did: it may have posted before it died.
 */
export async function markTicketPostStarted(deps: { db: DbOrTx }, options: { ticketId: number; at: Date }): Promise<{ earlier: Date | null }> {
  const { count } = await deps.db.ticket.updateMany({ where: { id: options.ticketId, slackPostStartedAt: null }, data: { slackPostStartedAt: options.at } });
  if (count === 1) return { earlier: null };
  const ticket = await deps.db.ticket.findUnique({ where: { id: options.ticketId }, select: { slackPostStartedAt: true } });
  return { earlier: ticket?.slackPostStartedAt ?? null };
}

export interface AssignmentDelivery {
  assignmentId: number;
  technician: PersonRef;
  note: string | null;
  declineReason: string | null;
  /** Where the DM went, once posted. */
  dm: { channelId: string; ts: string } | null;
}

function deliveryOf(row: {
  id: number;
  note: string | null;
  declineReason: string | null;
  dmChannelId: string | null;
  dmMessageTs: string | null;
  technician: { id: number; slackUserId: string; name: string };
}): AssignmentDelivery {
  return {
    assignmentId: row.id,
    technician: { staffId: row.technician.id, slackUserId: row.technician.slackUserId, name: row.technician.name },
    note: row.note,
    declineReason: row.declineReason,
    dm: row.dmChannelId && row.dmMessageTs ? { channelId: row.dmChannelId, ts: row.dmMessageTs } : null,
  };
}

const SELECT = { id: true, note: true, declineReason: true, dmChannelId: true, dmMessageTs: true, technician: { select: { id: true, slackUserId: true, name: true } } } as const;

export async function getAssignmentDelivery(deps: { db: DbOrTx }, options: { assignmentId: number }): Promise<AssignmentDelivery | null> {
  const row = await deps.db.assignment.findUnique({ where: { id: options.assignmentId }, select: SELECT });
  return row ? deliveryOf(row) : null;
}

/** The call's latest assignment whose DM was posted: the one DM kept up to date with the call. */
export async function latestAssignmentDm(deps: { db: DbOrTx }, options: { ticketId: number }): Promise<AssignmentDelivery | null> {
  const row = await deps.db.assignment.findFirst({ where: { ticketId: options.ticketId }, orderBy: [{ assignedAt: "desc" }, { id: "desc" }], select: SELECT });
  return row?.dmMessageTs ? deliveryOf(row) : null;
}

/** A branch's channels and zone, as the outbox needs them to post a branch's notices. */
export async function getBranchChannels(deps: { db: DbOrTx }, options: { branchId: number }): Promise<{ code: string; timeZone: string; dispatchChannelId: string | null; directorsChannelId: string | null }> {
  return deps.db.branch.findUniqueOrThrow({ where: { id: options.branchId }, select: { code: true, timeZone: true, dispatchChannelId: true, directorsChannelId: true } });
}
