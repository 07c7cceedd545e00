// The workers' side of the thread-reply inbox (src/services/inbox/thread-replies.ts): what the
// listener used to do after the ack. The reply is acted on (services.handleThreadReply), then
// answered: a reaction for each line understood, a short threaded answer for problems with the
// author's own lines, a private one for refusals. What Slack does not take at once is handed back
// to be posted again later, so that a reply's recording never waits on Slack.
import { parseThreadReply } from "../domain/thread-command";
import { isAppError } from "../errors";
import type { Log } from "../logger";
import type { Services } from "../services";
import type { QueuedThreadReply } from "../services/inbox/thread-replies";
import { buildFailure, buildRefusal } from "../views/refusal";
import { buildThreadAnswer, type ThreadAnswer } from "../views/thread-reply";
import { classifySlackError } from "./slack-errors";
import type { ThreadReplySlackClient } from "./slack-client";
import { renderFor, type LocaleSource } from "../i18n/locale-source";

export interface ThreadReplyDeps {
  services: Pick<Services, "findTicketByMessage" | "resolveActor" | "handleThreadReply">;
  log: Log;
  /** The answers are in the language of the person who replied. */
  locales?: LocaleSource;
}

/** Which try of a queued reply this is, from 1. */
export interface ReplyRun {
  attempt: number;
  maxAttempts: number;
}

/** One piece of a reply's answer, with where it goes: the unit that is posted, and posted again. */
export type AnswerPart =
  | { kind: "ephemeral"; channel: string; user: string; threadTs: string; text: string }
  | { kind: "reaction"; channel: string; ts: string; name: string }
  | { kind: "reply"; channel: string; threadTs: string; text: string };

/**
 * Acts on one queued reply and answers it. Throws what may pass (the database failing) while tries
 * are left, for the queue to try again; a refusal is answered at once, like a bad command.
 * Returns the parts of the answer Slack did not take, to be posted again later.
 */
export async function handleQueuedReply(deps: ThreadReplyDeps, slack: ThreadReplySlackClient, reply: QueuedThreadReply, run: ReplyRun): Promise<AnswerPart[]> {
  return renderFor(deps.locales, { person: reply.user }, () => handleInReaderLocale(deps, slack, reply, run));
}

async function handleInReaderLocale(deps: ThreadReplyDeps, slack: ThreadReplySlackClient, reply: QueuedThreadReply, run: ReplyRun): Promise<AnswerPart[]> {
  const context = { channel: reply.channel, ts: reply.ts, user: reply.user, attempt: run.attempt };
  // Cheap check first: most channel threads are not a ticket's.
  const found = await deps.services.findTicketByMessage({ channelId: reply.channel, ts: reply.threadTs });
  if (!found) return [];
  const commands = parseThreadReply(reply.text);
  if (!commands.length) return [];
  let answer: ThreadAnswer;
  try {
    const actor = await deps.services.resolveActor(reply.user);
    const result = await deps.services.handleThreadReply({
      actor,
      channelId: reply.channel,
      threadTs: reply.threadTs,
      messageTs: reply.ts,
      ticketId: found.ticketId,
      commands,
      at: reply.receivedAt,
      // A try after the first may follow a bot killed half way: its claim on the message is its own.
      resume: run.attempt > 1,
    });
    if (result.kind === "not-a-ticket" || result.kind === "duplicate") return [];
    answer = buildThreadAnswer(result);
  } catch (error) {
    if (isAppError(error) && error.code !== "INTERNAL") {
      deps.log.info("thread reply refused", { ...context, code: error.code, details: error.details });
      answer = { reactions: [], replies: [], ephemerals: [buildRefusal({ code: error.code, details: error.details }).text] };
    } else if (run.attempt < run.maxAttempts) {
      deps.log.warn("thread reply failed; it will be tried again", { ...context, error });
      throw error;
    } else {
      deps.log.error("thread reply failed for good; the person is told", { ...context, error });
      answer = { reactions: [], replies: [], ephemerals: [buildFailure().text] };
    }
  }
  return postAnswer(slack, answerParts(reply, answer), deps.log);
}

/** The answer as parts, in the order they are posted: refusals, reactions, threaded answers. */
export function answerParts(reply: Pick<QueuedThreadReply, "channel" | "user" | "ts" | "threadTs">, answer: ThreadAnswer): AnswerPart[] {
  const { channel, user, ts, threadTs } = reply;
  return [
    ...answer.ephemerals.map((text) => ({ kind: "ephemeral" as const, channel, user, threadTs, text })),
    ...answer.reactions.map((name) => ({ kind: "reaction" as const, channel, ts, name })),
    ...answer.replies.map((text) => ({ kind: "reply" as const, channel, threadTs, text })),
  ];
}

/** Posts each part once, without waiting out a rate limit; returns those that failed for a reason that may pass. */
export async function postAnswer(slack: ThreadReplySlackClient, parts: readonly AnswerPart[], log: Log): Promise<AnswerPart[]> {
  const again: AnswerPart[] = [];
  for (const part of parts) {
    const outcome = await postPart(slack, part).then(
      () => "posted" as const,
      (error: unknown) => failureOf(error, part, log),
    );
    if (outcome === "again") again.push(part);
  }
  return again;
}

/** One part, one try; throws Slack's error. A reaction already there is done. */
export async function postPart(slack: ThreadReplySlackClient, part: AnswerPart): Promise<void> {
  try {
    if (part.kind === "ephemeral") await slack.chat.postEphemeral({ channel: part.channel, user: part.user, thread_ts: part.threadTs, text: part.text });
    else if (part.kind === "reaction") await slack.reactions.add({ channel: part.channel, timestamp: part.ts, name: part.name });
    else await slack.chat.postMessage({ channel: part.channel, thread_ts: part.threadTs, text: part.text });
  } catch (error) {
    if (part.kind === "reaction" && (error as { data?: { error?: unknown } }).data?.error === "already_reacted") return;
    throw error;
  }
}

/** "again" for what may pass (rate limits, Slack or the network failing); a refusal for good is only logged. */
export function failureOf(error: unknown, part: AnswerPart, log: Log): "again" | "dropped" {
  const failure = classifySlackError(error);
  const context = { kind: part.kind, channel: part.channel };
  if (failure.kind === "permanent") {
    log.warn("could not answer a thread reply", { ...context, reason: failure.reason });
    return "dropped";
  }
  log.warn("could not answer a thread reply yet; it will be tried again", { ...context, reason: failure.kind === "rate-limited" ? "ratelimited" : failure.reason });
  return "again";
}
