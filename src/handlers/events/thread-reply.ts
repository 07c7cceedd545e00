// Technicians' short replies in a ticket's thread (the ticket message in the dispatch channel, or
// their assignment DM): arrived, hours, part, done, note, free text. Events are acked by Bolt
// before this runs; each understood line gets a reaction, problems a short threaded answer,
// refusals a private one. Arrival and completion refresh the ticket message and the DM.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { parseThreadReply } from "../../domain/thread-command";
import { buildThreadAnswer } from "../../views/thread-reply";
import { describeFailure } from "../support/failures";
import { createKeyedQueue, createLimiter } from "../support/limiter";
import type { HandlerDeps } from "../types";

type MessageArgs = SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs;

// A person's reply in a thread. Edits, deletions, joins and bot posts all carry a subtype or a
// bot_id; a top-level message has no thread_ts (or its own ts as thread_ts, as a thread's parent).
// "Also send to channel" (thread_broadcast) is still the person's reply, so it counts.
const threadReplySchema = z
  .object({
    subtype: z.literal("thread_broadcast").optional(),
    bot_id: z.never().optional(),
    user: z.string().min(1),
    channel: z.string().min(1),
    ts: z.string().min(1),
    thread_ts: z.string().min(1),
    text: z.string().trim().min(1),
  })
  .refine((message) => message.thread_ts !== message.ts);

/** The fields of a person's thread reply, or null for anything else (bots, edits, top-level messages). */
export function threadReplyOf(event: unknown): { channel: string; user: string; ts: string; threadTs: string; text: string } | null {
  const parsed = threadReplySchema.safeParse(event);
  if (!parsed.success) return null;
  const message = parsed.data;
  return { channel: message.channel, user: message.user, ts: message.ts, threadTs: message.thread_ts, text: unescapeSlack(message.text) };
}

/** Slack escapes &, < and > in message text. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Thread replies handled at once per process; the rest wait their turn (see support/limiter.ts). */
const CONCURRENT_REPLIES = 4;

export function threadReply(deps: HandlerDeps) {
  const limit = createLimiter(CONCURRENT_REPLIES);
  // One thread's replies in the order they came (in this process), several threads at once.
  const inThreadOrder = createKeyedQueue();
  return async ({ event, client }: MessageArgs) => {
    const reply = threadReplyOf(event);
    if (!reply) return;
    await inThreadOrder(`${reply.channel}:${reply.threadTs}`, () => limit(() => handleReply(deps, client, reply)));
  };
}

async function handleReply(deps: HandlerDeps, client: MessageArgs["client"], reply: NonNullable<ReturnType<typeof threadReplyOf>>): Promise<void> {
  const context = { channel: reply.channel, ts: reply.ts, user: reply.user };
  // Cheap check first: most channel threads are not a ticket's.
  const found = await deps.services.findTicketByMessage({ channelId: reply.channel, ts: reply.threadTs });
  if (!found) return;
  const commands = parseThreadReply(reply.text);
  if (!commands.length) return;
  try {
    const actor = await deps.services.resolveActor(reply.user);
    const result = await deps.services.handleThreadReply({ actor, channelId: reply.channel, threadTs: reply.threadTs, messageTs: reply.ts, commands });
    if (result.kind === "not-a-ticket" || result.kind === "duplicate") return;
    const answer = buildThreadAnswer(result);
    for (const ephemeral of answer.ephemerals) {
      await client.chat.postEphemeral({ channel: reply.channel, user: reply.user, thread_ts: reply.threadTs, text: ephemeral });
    }
    for (const name of answer.reactions) {
      await client.reactions.add({ channel: reply.channel, timestamp: reply.ts, name }).catch((cause: unknown) => deps.log.warn("could not react to a thread reply", { ...context, cause }));
    }
    for (const text of answer.replies) {
      await client.chat.postMessage({ channel: reply.channel, thread_ts: reply.threadTs, text });
    }
    // The lines of what changed (arrival, resolution) were queued with the change.
  } catch (error) {
    const message = describeFailure(error, deps.log, { ...context, listener: "thread-reply" });
    await client.chat
      .postEphemeral({ channel: reply.channel, user: reply.user, thread_ts: reply.threadTs, text: message.text })
      .catch((cause: unknown) => deps.log.warn("could not tell the user about a failure", { ...context, cause }));
  }
}
