// R7/R12: posting a freshly raised escalation: a reply in the ticket's thread, a line in the
// dispatch channel, and a DM with Acknowledge / Remind me to each active director of the branch.
// Used by the overdue scan (the jobs' client) and the Cannot finish modal (Bolt's client): both
// satisfy the small interface below. Every posted message is recorded, so acknowledging,
// climbing and reminding update them all.
import type { Clock } from "../clock";
import type { Log } from "../logger";
import type { RaisedOverdue } from "../services/escalations/raise-overdue";
import { buildEscalationAlert } from "../views/overdue-alert";
import { sendDirectMessage } from "./direct-message";
import type { PublishSlackClient } from "./slack-client";

export type EscalationSlackClient = PublishSlackClient;

export interface EscalationPublisherDeps {
  clock: Clock;
  log: Log;
  /** Records a posted copy (services.recordEscalationMessage, or the service function with a db). */
  recordMessage: (options: { escalationId: number; channelId: string; ts: string; staffId?: number | null }) => Promise<void>;
}

export async function publishEscalation(deps: EscalationPublisherDeps, slack: EscalationSlackClient, raised: RaisedOverdue): Promise<{ posted: number; failed: number }> {
  const { alert, dispatchChannelId, directors } = raised;
  const now = deps.clock.now();
  let posted = 0;
  let failed = 0;
  const record = async (channelId: string | undefined, ts: string | undefined, staffId: number | null = null) => {
    if (!channelId || !ts) return;
    await deps.recordMessage({ escalationId: alert.escalationId, channelId, ts, staffId });
    posted += 1;
  };
  const open = buildEscalationAlert({ alert, state: { kind: "open" }, now });
  if (alert.ticketMessage) {
    const reply = await slack.chat.postMessage({ channel: alert.ticketMessage.channelId, thread_ts: alert.ticketMessage.ts, text: open.text, blocks: open.blocks });
    await record(reply.channel, reply.ts);
  }
  if (dispatchChannelId) {
    const inChannel = await slack.chat.postMessage({ channel: dispatchChannelId, text: open.text, blocks: open.blocks, unfurl_links: false });
    await record(inChannel.channel, inChannel.ts);
  } else {
    deps.log.warn("branch has no dispatch channel: escalation alert not posted there", { ticketId: alert.ticketId });
  }
  if (directors.length === 0) deps.log.warn("branch has no active director and there is no admin to alert", { ticketId: alert.ticketId });
  const dm = buildEscalationAlert({ alert, state: { kind: "open" }, now, withAcknowledgeButton: true });
  for (const { staffId, slackUserId } of directors) {
    try {
      const sent = await sendDirectMessage(slack, slackUserId, dm);
      await record(sent.channel, sent.ts, staffId);
    } catch (error) {
      failed += 1;
      deps.log.error("escalation alert: could not DM a director", { escalationId: alert.escalationId, slackUserId, error });
    }
  }
  return { posted, failed };
}
