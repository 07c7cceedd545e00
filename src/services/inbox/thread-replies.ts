// The inbox of thread replies: Slack's message events are acked before they are handled, so the
// listener only queues each reply as a graphile-worker job (one statement) and the bot's workers
// handle it (src/publish/thread-replies.ts). The backlog of a burst waits in PostgreSQL, not in
// memory, and a reply acked by a bot that dies before handling it is handled by another.
import { z } from "zod";
import type { DbOrTx } from "../../db";

/** The graphile-worker task that handles one thread reply. */
export const THREAD_REPLY_TASK = "thread-reply";
/** The task that posts again what a reply's answer could not post at once (reactions, threaded answers, ephemerals). */
export const THREAD_ANSWER_TASK = "thread-answer";
/**
 * Tries of a reply that fails for a reason that may pass (graphile-worker waits e^n seconds after
 * the n-th): eight span about half an hour. A database that is down costs no try: no worker can
 * take a job then.
 */
export const THREAD_REPLY_MAX_ATTEMPTS = 8;
/** Tries of an answer Slack did not take: five span about four minutes, then it is dropped. */
export const THREAD_ANSWER_MAX_ATTEMPTS = 5;

export interface QueuedThreadReply {
  channel: string;
  user: string;
  ts: string;
  threadTs: string;
  text: string;
  /** When the bot received it: the time the reply's changes are recorded at, however long it waited. */
  receivedAt: Date;
}

const queuedReplySchema = z.object({
  channel: z.string().min(1),
  user: z.string().min(1),
  ts: z.string().min(1),
  threadTs: z.string().min(1),
  text: z.string(),
  receivedAt: z.coerce.date(),
});

export function reviveThreadReply(payload: unknown): QueuedThreadReply {
  return queuedReplySchema.parse(payload);
}

/** One thread's replies share a queue: graphile-worker runs them one at a time, in order, across replicas. */
export function queueOfThread(channel: string, threadTs: string): string {
  return `thread:${channel}:${threadTs}`;
}

/**
 * Queues a reply; false when this message was queued already (a redelivery, or the same message under
 * another event id) and is still waiting or being handled. The key dedupes rather than replaces: a
 * redelivery carries the same message, and replacing would move it behind later replies of its thread.
 */
export async function queueThreadReply(deps: { db: DbOrTx }, reply: QueuedThreadReply): Promise<boolean> {
  const payload = JSON.stringify({ ...reply, receivedAt: reply.receivedAt.toISOString() });
  const [job] = await deps.db.$queryRaw<[{ queued: boolean }]>`
    SELECT (graphile_worker.add_job(
      ${THREAD_REPLY_TASK}::text,
      ${payload}::json,
      queue_name => ${queueOfThread(reply.channel, reply.threadTs)}::text,
      max_attempts => ${THREAD_REPLY_MAX_ATTEMPTS}::int,
      job_key => ${`thread-reply:${reply.channel}:${reply.ts}`}::text,
      job_key_mode => 'unsafe_dedupe'
    )).revision = 0 AS queued`;
  return job.queued;
}
