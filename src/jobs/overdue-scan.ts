// R7: a call past its deadline without an arrival is overdue. Every minute, calls that became
// overdue get one escalation each, and Slack is told: a reply in the ticket's thread, an alert in
// the dispatch channel, and a DM with an Acknowledge button to each active director of the branch.
// Every posted message is recorded, so acknowledging updates them all.
import { raiseOverdueEscalations, recordEscalationMessage } from "../services/escalations/raise-overdue";
import { buildOverdueAlert } from "../views/overdue-alert";
import type { Job } from "./types";

const NAME = "overdue-scan";
const ACTOR = `system:${NAME}`;

export const overdueScanJob: Job = {
  name: NAME,
  schedule: "* * * * *",
  perBranch: false,
  needsSlack: true,
  // One period per UTC minute: only the current minute is ever claimed, so minutes missed while the
  // bot was down do not pile up; the next scan finds every call that became overdue meanwhile.
  periodKey: ({ now }) => `${NAME}:${now.toISOString().slice(0, 16)}`,
  async run({ deps }) {
    if (!deps.slack) throw new Error("overdue-scan posts to Slack and needs a Slack client");
    const slack = deps.slack;
    // The escalations are committed before Slack is told, so a call is never alerted twice. A failed
    // post is logged and the others still go out; the run is then marked FAILED so someone looks.
    const raised = await raiseOverdueEscalations(deps, { actor: ACTOR });
    let posted = 0;
    let failed = 0;
    for (const { alert, dispatchChannelId, directorSlackUserIds } of raised) {
      const now = deps.clock.now();
      const record = async (channelId: string | undefined, ts: string | undefined) => {
        if (!channelId || !ts) return;
        await recordEscalationMessage(deps, { escalationId: alert.escalationId, channelId, ts });
        posted += 1;
      };
      const open = buildOverdueAlert({ alert, state: { kind: "open" }, now });
      if (alert.ticketMessage) {
        const reply = await slack.chat.postMessage({ channel: alert.ticketMessage.channelId, thread_ts: alert.ticketMessage.ts, text: open.text, blocks: open.blocks });
        await record(reply.channel, reply.ts);
      }
      if (dispatchChannelId) {
        const inChannel = await slack.chat.postMessage({ channel: dispatchChannelId, text: open.text, blocks: open.blocks, unfurl_links: false });
        await record(inChannel.channel, inChannel.ts);
      } else {
        deps.log.warn("branch has no dispatch channel: overdue alert not posted there", { ticketId: alert.ticketId });
      }
      if (directorSlackUserIds.length === 0) deps.log.warn("branch has no active director to alert", { ticketId: alert.ticketId });
      const dm = buildOverdueAlert({ alert, state: { kind: "open" }, now, withAcknowledgeButton: true });
      for (const slackUserId of directorSlackUserIds) {
        try {
          const opened = await slack.conversations.open({ users: slackUserId });
          if (!opened.channel?.id) throw new Error(`conversations.open gave no channel for ${slackUserId}`);
          const sent = await slack.chat.postMessage({ channel: opened.channel.id, text: dm.text, blocks: dm.blocks, unfurl_links: false });
          await record(sent.channel, sent.ts);
        } catch (error) {
          failed += 1;
          deps.log.error("overdue alert: could not DM a director", { escalationId: alert.escalationId, slackUserId, error });
        }
      }
    }
    if (failed > 0) throw new Error(`overdue alerts raised ${raised.length}, posted ${posted}, but ${failed} director DM(s) failed`);
    return { raised: raised.length, posted };
  },
};
