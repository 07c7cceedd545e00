// The outbox's way in: a Slack effect joins graphile-worker's queue in the caller's transaction,
// so it exists exactly when the change it shows was committed (a rollback takes it back, a crash
// after the commit cannot lose it). src/publish/outbox.ts runs the queue.
import type { DbOrTx } from "../../db";
import { encodeEffect, isComplaintEffect, ticketOf, type SlackEffect, type TicketLine } from "./effects";

/** The graphile-worker task that carries every Slack effect. */
export const SLACK_TASK = "slack";
/**
 * Tries before an effect is recorded as failed: graphile-worker waits e^n seconds after the n-th
 * failure, so ten tries span about nine hours, through any Slack incident we have seen.
 */
export const MAX_ATTEMPTS = 10;

/**
 * graphile-worker keeps a named queue's row once made, and each of its get_job calls locks the row of
 * every idle queue; the workers delete the queues left empty (src/publish/outbox.ts). Adding a job
 * to a queue takes this lock shared until its transaction ends, the deletion takes it alone: a queue
 * is never deleted between its row being found and the new job being committed in it.
 */
export const QUEUE_GC_LOCK_CLASS = 74_110_013;

export function queueOfTicket(ticketId: number): string {
  return `ticket:${ticketId}`;
}

/** R21: a complaint's effects (its message, its thread) run in order in a queue of their own. */
export function queueOfComplaint(complaintId: number): string {
  return `complaint:${complaintId}`;
}

/** A ticket's effects share its queue, a complaint's its own; a survey list message's posts and updates share one too (posted once, never twice at once). */
function queueOf(effect: SlackEffect): string | null {
  if (effect.kind === "survey-list") return `survey-list:${effect.messageId}`;
  const ticketId = ticketOf(effect);
  if (ticketId !== null) return queueOfTicket(ticketId);
  return isComplaintEffect(effect) ? queueOfComplaint(effect.complaintId) : null;
}

export interface EffectKey {
  key?: string;
  /** "replace" (the default: the latest state wins, for updates of one message) or "dedupe" (queued once, for one-off posts a retry could queue again). */
  keyMode?: "replace" | "dedupe";
}

/** Effects that show a current state are coalesced: one waits at most, and it renders the latest state. */
export function coalescingKey(effect: SlackEffect): EffectKey {
  if (effect.kind === "ticket-message") return { key: `ticket:${effect.ticketId}:message` };
  if (effect.kind === "escalation-copies") return { key: `escalation:${effect.escalationId}:copies` };
  if (effect.kind === "complaint-message") return { key: `complaint:${effect.complaintId}:message` };
  if (effect.kind === "complaint-escalation-copies") return { key: `escalation:${effect.escalationId}:copies` };
  if (effect.kind === "survey-list") return { key: `survey-list:${effect.messageId}` };
  return {};
}

export async function enqueueSlackEffect(db: DbOrTx, effect: SlackEffect, options: EffectKey = {}): Promise<void> {
  const mode = options.keyMode === "dedupe" ? "unsafe_dedupe" : "replace";
  const queue = queueOf(effect);
  // Effects of one ticket share a queue: graphile-worker runs them one at a time, across replicas, so
  // a ticket's message is never posted twice at once. It takes them by run_at: the clock's time (not
  // the transaction's, which every effect of one change shares) keeps the thread in order. Other
  // effects (a branch's summary, a person's reminder) need no order and run side by side.
  await db.$executeRaw`WITH gc_guard AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(${QUEUE_GC_LOCK_CLASS}::int, 0))
    SELECT graphile_worker.add_job(
      ${SLACK_TASK}::text,
      ${encodeEffect(effect)}::json,
      queue_name => ${queue}::text,
      run_at => clock_timestamp(),
      max_attempts => ${MAX_ATTEMPTS}::int,
      job_key => ${options.key ?? null}::text,
      job_key_mode => ${mode}::text
    ) FROM gc_guard`;
}

/**
 * Many effects at once (a scan's calls): graphile-worker's add_jobs, one insert and one wake-up of the
 * workers instead of one per effect. run_at is the clock's time, as in enqueueSlackEffect, a
 * microsecond apart in the given order, so a call's effects keep their order in its queue.
 * Effects that show a current state coalesce (their keys replace), as enqueueCoalesced's do.
 */
export async function enqueueSlackEffects(db: DbOrTx, effects: SlackEffect[]): Promise<void> {
  if (!effects.length) return;
  const payloads = effects.map((effect) => encodeEffect(effect));
  const queues = effects.map((effect) => queueOf(effect));
  const keys = effects.map((effect) => coalescingKey(effect).key ?? null);
  await db.$executeRaw`
    WITH gc_guard AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(${QUEUE_GC_LOCK_CLASS}::int, 0))
    SELECT graphile_worker.add_jobs(ARRAY(
      SELECT ROW(${SLACK_TASK}::text, e.payload::json, e.queue, t.now + e.ord * interval '1 microsecond', ${MAX_ATTEMPTS}::smallint, e.key, NULL, NULL)::graphile_worker.job_spec
      FROM unnest(${payloads}::text[], ${queues}::text[], ${keys}::text[]) WITH ORDINALITY AS e(payload, queue, key, ord)
      CROSS JOIN (SELECT clock_timestamp() AS now) AS t
      ORDER BY e.ord
    )) FROM gc_guard`;
}

/** Queues an effect that shows a current state, coalesced with any like it still waiting. */
export async function enqueueCoalesced(db: DbOrTx, effect: SlackEffect): Promise<void> {
  await enqueueSlackEffect(db, effect, coalescingKey(effect));
}

/** The ticket's message and its technician's DM are brought up to date (coalesced: one refresh waits at most). */
export async function enqueueTicketRefresh(db: DbOrTx, ticketId: number): Promise<void> {
  await enqueueCoalesced(db, { kind: "ticket-message", ticketId });
}

/** Every copy of an escalation's alert is brought up to date (coalesced). */
export async function enqueueEscalationCopies(db: DbOrTx, options: { ticketId: number; escalationId: number }): Promise<void> {
  await enqueueCoalesced(db, { kind: "escalation-copies", ...options });
}

/**
 * A line in the ticket's thread (posted under the ticket's message, which it posts first if there is
 * none yet; the change's audit row already queued the message's refresh). `key` guards against
 * queuing it twice.
 */
export async function enqueueTicketLine(db: DbOrTx, options: { ticketId: number; line: TicketLine; key?: string }): Promise<void> {
  await enqueueSlackEffect(db, { kind: "ticket-line", ticketId: options.ticketId, line: options.line }, options.key ? { key: options.key, keyMode: "dedupe" } : {});
}
