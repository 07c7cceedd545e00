// Posting so that a retry never doubles a message: every post carries metadata naming what it is,
// and an attempt that may follow a crash (or a partly failed try) looks for it before posting.
import type { KnownBlock } from "@slack/types";
import type { Clock } from "../clock";
import type { Log } from "../logger";
import type { LocaleSource } from "../i18n/locale-source";
import type { Services } from "../services";
import { findInThread, findPosted, type Metadata } from "./find-posted";
import { callSlack, classifySlackError, PermanentSlackFailure } from "./slack-errors";
import type { OutboxSlackClient } from "./slack-client";

export interface OutboxDeps {
  services: Pick<
    Services,
    | "getTicketCard"
    | "recordTicketMessage"
    | "recordAssignmentMessage"
    | "markTicketPostStarted"
    | "getAssignmentDelivery"
    | "latestAssignmentDm"
    | "getRaisedEscalation"
    | "recordEscalationMessage"
    | "getEscalationDisplay"
    | "climbRecipients"
    | "getPreDeadlineWarning"
    | "getDirectorReportDelivery"
    | "recordDirectorReportMessage"
    | "getContractNotice"
    | "getInvoiceRequest"
    | "invoiceRecipients"
    | "getBranchChannels"
    | "getComplaintCard"
    | "markComplaintPostStarted"
    | "recordComplaintMessage"
    | "complaintDirectors"
    | "getComplaintAlert"
    | "complaintEscalationRecipients"
    | "recordComplaintEscalationMessage"
    | "complaintLevelRecipients"
    | "getEvaluationReportDelivery"
    | "recordEvaluationReportMessage"
    | "getSurveyListMessage"
    | "recordSurveyListPost"
  >;
  clock: Clock;
  log: Log;
  /** Each post is rendered in its reader's language: the channel's branch's, or the person's. */
  locales?: LocaleSource;
}

/** Which run of an effect this is: the queue's job id (stable across retries) and its attempt, from 1. */
export interface EffectRun {
  jobId: string;
  attempt: number;
}

export type SlackMessage = { text: string; blocks?: KnownBlock[] };

/** Where a message goes: a channel, or a thread under one of its messages. */
export interface Target {
  channel: string;
  threadTs?: string;
}

/** Posts unless a message with this metadata is found there first (when `lookFirst`); returns where it is. */
export async function postOnce(slack: OutboxSlackClient, target: Target, message: SlackMessage, metadata: Metadata, lookFirst: boolean): Promise<{ channel: string; ts: string }> {
  const { channel, threadTs } = target;
  if (lookFirst) {
    const earlier = threadTs ? await findInThread(slack, channel, threadTs, metadata) : await findPosted(slack, channel, metadata);
    if (earlier) return { channel, ts: earlier };
  }
  const sent = await callSlack(() =>
    slack.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}), unfurl_links: false, metadata }),
  );
  if (!sent.ts) throw new Error(`chat.postMessage gave no ts in ${channel}`);
  return { channel: sent.channel ?? channel, ts: sent.ts };
}

/** Opens (or finds) the DM with a person and posts there once; returns where it went, to update it later. */
export async function postDmOnce(slack: OutboxSlackClient, slackUserId: string, message: SlackMessage, metadata: Metadata, run: EffectRun): Promise<{ channel: string; ts: string }> {
  const opened = await callSlack(() => slack.conversations.open({ users: slackUserId }));
  const channel = opened.channel?.id;
  if (!channel) throw new Error(`conversations.open gave no channel for ${slackUserId}`);
  return postOnce(slack, { channel }, message, metadata, run.attempt > 1);
}

/**
 * One effect with several copies (a thread reply, a channel line, DMs): each is tried, so one person
 * who cannot be reached does not hold back the others. Afterwards, a failure that may pass is
 * thrown (the effect is tried again, and the copies already posted are found, not doubled);
 * otherwise a copy Slack refused for good fails the effect, for the admins to resend.
 */
export class Copies {
  private readonly failures: unknown[] = [];

  constructor(
    private readonly log: Log,
    private readonly context: Record<string, unknown>,
  ) {}

  async attempt(copy: string, post: () => Promise<unknown>): Promise<void> {
    try {
      await post();
    } catch (error) {
      this.log.warn("a copy could not be delivered to Slack", { ...this.context, copy, error });
      this.failures.push(error);
    }
  }

  finish(): void {
    const transient = this.failures.find((error) => !(error instanceof PermanentSlackFailure) && classifySlackError(error).kind !== "permanent");
    if (transient) throw transient;
    if (this.failures.length) throw this.failures[0];
  }
}
