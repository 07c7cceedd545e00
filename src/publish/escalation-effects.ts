// R7/R12: a raised escalation reaches Slack as a reply in the call's thread, a line in the dispatch
// channel and a DM with Acknowledge / Remind me to each director (the admins when there is none).
// Every copy is recorded, so acknowledging, climbing and reminding update them all. A retry posts
// only the copies still missing; one person who cannot be reached does not hold back the others.
import { buildEscalationAlert } from "../views/overdue-alert";
import { findInThread, findPosted, type Metadata } from "./find-posted";
import { callSlack, classifySlackError, PermanentSlackFailure } from "./slack-errors";
import type { OutboxSlackClient } from "./slack-client";
import { postDmOnce, type EffectRun, type OutboxDeps } from "./ticket-effects";

const ESCALATION_EVENT = "servicedesk_escalation";

export async function deliverEscalation(deps: OutboxDeps, slack: OutboxSlackClient, escalationId: number, run: EffectRun): Promise<void> {
  const raised = await deps.services.getRaisedEscalation({ escalationId });
  const { alert, dispatchChannelId, directors, posted } = raised;
  const now = deps.clock.now();
  const open = buildEscalationAlert({ alert, state: { kind: "open" }, now });
  const failures: unknown[] = [];
  const copy = async (what: string, post: () => Promise<void>) => {
    try {
      await post();
    } catch (error) {
      deps.log.warn("escalation alert: a copy could not be posted", { escalationId, copy: what, error });
      failures.push(error);
    }
  };
  const record = (channelId: string, ts: string, staffId: number | null = null) => deps.services.recordEscalationMessage({ escalationId, channelId, ts, staffId });
  // After an earlier try (or a resend), a copy may be in Slack already: look before posting.
  const lookFirst = run.attempt > 1 || posted.length > 0;

  const thread = alert.ticketMessage;
  if (thread) {
    const metadata: Metadata = { event_type: ESCALATION_EVENT, event_payload: { escalation_id: escalationId, copy: "thread" } };
    await copy("thread", async () => {
      if (lookFirst && (await findInThread(slack, thread.channelId, thread.ts, metadata))) return;
      const reply = await callSlack(() => slack.chat.postMessage({ channel: thread.channelId, thread_ts: thread.ts, text: open.text, blocks: open.blocks, metadata }));
      if (reply.ts) await record(reply.channel ?? thread.channelId, reply.ts);
    });
  }
  if (dispatchChannelId) {
    const metadata: Metadata = { event_type: ESCALATION_EVENT, event_payload: { escalation_id: escalationId, copy: "channel" } };
    await copy("channel", async () => {
      if (lookFirst && (await findPosted(slack, dispatchChannelId, metadata))) return;
      const line = await callSlack(() => slack.chat.postMessage({ channel: dispatchChannelId, text: open.text, blocks: open.blocks, unfurl_links: false, metadata }));
      if (line.ts) await record(line.channel ?? dispatchChannelId, line.ts);
    });
  } else {
    deps.log.warn("branch has no dispatch channel: escalation alert not posted there", { ticketId: alert.ticketId });
  }
  if (directors.length === 0) deps.log.warn("branch has no active director and there is no admin to alert", { ticketId: alert.ticketId });
  const dm = buildEscalationAlert({ alert, state: { kind: "open" }, now, withAcknowledgeButton: true });
  for (const { staffId, slackUserId } of directors) {
    if (posted.some((p) => p.staffId === staffId)) continue;
    const metadata: Metadata = { event_type: ESCALATION_EVENT, event_payload: { escalation_id: escalationId, staff_id: staffId } };
    await copy(`dm:${slackUserId}`, async () => {
      const sent = await postDmOnce(slack, slackUserId, dm, metadata, { ...run, attempt: lookFirst ? Math.max(run.attempt, 2) : run.attempt });
      await record(sent.channel, sent.ts, staffId);
    });
  }
  // Something that may pass later: try the effect again (posted copies are skipped). Otherwise a
  // copy Slack refused for good is recorded for the admins, who can resend it.
  const transient = failures.find((error) => !(error instanceof PermanentSlackFailure) && classifySlackError(error).kind !== "permanent");
  if (transient) throw transient;
  if (failures.length) throw failures[0];
}
