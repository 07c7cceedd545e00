// A call's history in its Slack thread: the line a change leaves, queued with the change.
import type { DbOrTx } from "../../db";
import { enqueueTicketLine } from "../outbox/enqueue";
import type { LineActor } from "../outbox/effects";
import type { Actor } from "../staff/resolve-actor";
import type { TicketHistoryEntry } from "./models";

/** Who a history line names: the person, or the admin's Slack id when they are not staff. */
export function historyActor(actor: Pick<Actor, "staffId" | "slackUserId" | "name">): TicketHistoryEntry["actor"] {
  return actor.staffId !== null ? { staffId: actor.staffId, slackUserId: actor.slackUserId, name: actor.name ?? actor.slackUserId } : { system: actor.slackUserId };
}

/** Queues `event` as a line in the call's thread, in the caller's transaction. */
export async function queueHistory(db: DbOrTx, options: { ticketId: number; at: Date; actor: TicketHistoryEntry["actor"]; event: TicketHistoryEntry["event"] }): Promise<void> {
  await enqueueTicketLine(db, { ticketId: options.ticketId, line: { kind: "entry", entry: { at: options.at, actor: options.actor, event: options.event } } });
}

/** How a thread line names the person who acted. */
export function lineActor(actor: { staffId: number | null; slackUserId: string; name?: string | null }): LineActor {
  return { staffId: actor.staffId, slackUserId: actor.slackUserId, name: actor.name ?? null };
}
