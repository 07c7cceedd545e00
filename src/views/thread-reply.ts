// How the bot answers a reply in a ticket's thread: a reaction on the reply for each thing it
// understood, a short threaded answer for problems with the author's own lines, and a private
// (ephemeral) answer for refusals.
import { MAX_HOURS_PER_ENTRY, MAX_PART_QUANTITY } from "../domain/thread-command";
import type { ThreadLineOutcome, ThreadReplyResult } from "../services/tickets/thread-replies";
import type { PersonRef } from "../services/tickets/models";
import { escapeMrkdwn, formatHours, mention, oneLine, slackDate } from "./format";
import { messagesFor, type Locale } from "./messages";

export const REACTION_DONE = "white_check_mark";
export const REACTION_NOTE = "memo";

export interface ThreadAnswer {
  /** Reactions to add to the reply (each once). */
  reactions: string[];
  /** Answers posted in the thread, visible to all. */
  replies: string[];
  /** Answers only the author sees (refusals). */
  ephemerals: string[];
}

const MAX_ANSWER = 3000;

function quoted(line: string): string {
  return oneLine(line, 80).replace(/`/g, "'");
}

/** The answer to a handled (or refused) reply; nothing for a duplicate or a thread that is no ticket's. */
export function buildThreadAnswer(result: ThreadReplyResult, options: { locale?: Locale } = {}): ThreadAnswer {
  const m = messagesFor(options.locale).threadReplies;
  const answer: ThreadAnswer = { reactions: [], replies: [], ephemerals: [] };
  if (result.kind === "stranger") {
    answer.ephemerals.push(m.stranger);
    return answer;
  }
  if (result.kind !== "handled") return answer;
  const replies: string[] = [];
  const ephemerals: string[] = [];
  let malformed = false;
  for (const outcome of result.outcomes) {
    const text = describe(outcome, result.timeZone, options.locale);
    if (outcome.kind === "malformed") malformed = true;
    if (text === null) {
      const reaction = outcome.kind === "noted" ? REACTION_NOTE : REACTION_DONE;
      if (outcome.kind !== "duplicate" && !answer.reactions.includes(reaction)) answer.reactions.push(reaction);
    } else if (outcome.kind === "not-assignee") {
      ephemerals.push(text);
    } else {
      replies.push(text);
    }
  }
  if (malformed) replies.push(m.usage);
  if (replies.length) answer.replies.push(replies.join("\n").slice(0, MAX_ANSWER));
  if (ephemerals.length) answer.ephemerals.push([...new Set(ephemerals)].join("\n").slice(0, MAX_ANSWER));
  return answer;
}

/** The text for a line's outcome, or null when a reaction says it all. */
function describe(outcome: ThreadLineOutcome, timeZone: string, locale?: Locale): string | null {
  const all = messagesFor(locale);
  const m = all.threadReplies;
  switch (outcome.kind) {
    case "arrived":
    case "hours-logged":
    case "part-booked":
    case "resolved":
    case "noted":
    case "duplicate":
      return null;
    case "already-arrived":
      return m.alreadyArrived(slackDate(outcome.arrivedAt, timeZone));
    case "malformed": {
      const line = quoted(outcome.line);
      switch (outcome.reason) {
        case "hours-out-of-range":
          return m.malformed[outcome.reason](line, MAX_HOURS_PER_ENTRY);
        case "part-bad-quantity":
          return m.malformed[outcome.reason](line, MAX_PART_QUANTITY);
        default:
          return m.malformed[outcome.reason](line);
      }
    }
    case "not-assignee":
      return outcome.assignee ? m.notAssignee(outcome.command, mention(outcome.assignee as PersonRef)) : m.nobodyAssigned(outcome.command);
    case "wrong-status": {
      const status = outcome.status in all.status ? all.status[outcome.status as keyof typeof all.status] : outcome.status;
      return m.wrongStatus(outcome.command, String(status));
    }
    case "needs-signature":
      return m.needsSignature;
    case "needs-hours":
      return m.needsHours;
    case "paid-call":
      return m.paidCall;
    case "unknown-part":
      return m.unknownPart(escapeMrkdwn(outcome.partNo));
    case "not-enough-stock":
      return m.notEnoughStock(escapeMrkdwn(outcome.partNo), outcome.requested, outcome.available);
    case "serial-required":
      return m.serialRequired(escapeMrkdwn(outcome.partNo));
  }
}

/** The ticket thread's history line for a call fixed from the thread (R10: who signed). */
export function buildResolvedHistory(options: { actor: PersonRef; signedBy: string; hours: number; partLines: number; at: Date; timeZone: string; locale?: Locale }): string {
  const m = messagesFor(options.locale).threadReplies;
  return m.history.resolved(mention(options.actor), escapeMrkdwn(oneLine(options.signedBy, 200)), formatHours(options.hours, options.locale), options.partLines, slackDate(options.at, options.timeZone));
}
