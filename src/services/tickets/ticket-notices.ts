// Thread lines left for the running bot by changes made where Slack is out of reach (the CLI): listed
// oldest first, claimed one at a time so that each is posted once, and released when posting failed.
import { z } from "zod";
import type { DbOrTx } from "../../db";
import type { TicketHistoryEntry } from "./models";

/** R6: the branch's calendar changed and the call's arrival deadline moved. */
export const DEADLINE_MOVED = "deadline-moved";
export interface DeadlineMovedNotice {
  from: string;
  to: string;
}
const deadlineMoved = z.object({ from: z.iso.datetime(), to: z.iso.datetime() });

export interface PendingTicketNotice {
  id: number;
  ticketId: number;
  /** The line to write in the ticket's thread. */
  entry: TicketHistoryEntry;
}

export async function listPendingTicketNotices(deps: { db: DbOrTx }, options: { limit: number }): Promise<PendingTicketNotice[]> {
  const rows = await deps.db.ticketNotice.findMany({ where: { postedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: options.limit });
  return rows.flatMap((row) => {
    const facts = row.kind === DEADLINE_MOVED ? deadlineMoved.safeParse(row.data) : null;
    if (!facts?.success) return [];
    const event = { kind: "deadline-moved" as const, from: new Date(facts.data.from), to: new Date(facts.data.to) };
    return [{ id: row.id, ticketId: row.ticketId, entry: { at: row.createdAt, actor: { system: row.actor }, event } }];
  });
}

/** Marks the notice posted; false when another run already took it. Not audited: delivery, not a change. */
export async function claimTicketNotice(deps: { db: DbOrTx }, options: { id: number; at: Date }): Promise<boolean> {
  const { count } = await deps.db.ticketNotice.updateMany({ where: { id: options.id, postedAt: null }, data: { postedAt: options.at } });
  return count === 1;
}

/** Posting failed: the notice is due again at the next run. */
export async function releaseTicketNotice(deps: { db: DbOrTx }, options: { id: number }): Promise<void> {
  await deps.db.ticketNotice.updateMany({ where: { id: options.id }, data: { postedAt: null } });
}
