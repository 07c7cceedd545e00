// Technicians' short replies in a ticket's thread (the ticket message in the dispatch channel, or
// their assignment DM): arrived, hours, part, done, note, free text. Events are acked by Bolt
// before this runs, so the listener only queues the reply in the database (the inbox,
// src/services/inbox/thread-replies.ts); the bot's workers handle it (src/publish/thread-replies.ts):
// one thread's replies in order, however many wait, and none lost if the bot stops.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { describeFailure } from "../support/failures";
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

export function threadReply(deps: HandlerDeps) {
  return async ({ event, client }: MessageArgs) => {
    const reply = threadReplyOf(event);
    if (!reply) return;
    try {
      const queued = await deps.services.queueThreadReply({ ...reply, receivedAt: deps.clock.now() });
      if (!queued) deps.log.info("thread reply already queued", { channel: reply.channel, ts: reply.ts });
    } catch (error) {
      // Slack has its ack: nothing will bring this reply back, so the person is told to send it again.
      const context = { channel: reply.channel, ts: reply.ts, user: reply.user, listener: "thread-reply" };
      const message = describeFailure(error, deps.log, context);
      await client.chat
        .postEphemeral({ channel: reply.channel, user: reply.user, thread_ts: reply.threadTs, text: message.text })
        .catch((cause: unknown) => deps.log.warn("could not tell the user about a failure", { ...context, cause }));
    }
  };
}
