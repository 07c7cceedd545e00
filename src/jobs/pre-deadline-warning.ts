// R7: every minute, open calls whose arrival deadline is within PRE_WARNING_MINUTES working minutes
// get one warning: a reply in the ticket's thread and a DM to the assigned technician; an unassigned
// call's warning goes to the dispatch channel, addressed to the branch's dispatchers.
import { warnBeforeDeadlines } from "../services/escalations/pre-deadline-warning";
import { buildPreDeadlineWarning } from "../views/pre-deadline-warning";
import { everyMinute } from "./periods";
import type { Job } from "./types";
import { sendDirectMessage } from "../publish/direct-message";

const NAME = "pre-deadline-warning";
const ACTOR = `system:${NAME}`;

export const preDeadlineWarningJob: Job = {
  name: NAME,
  ...everyMinute(NAME),
  needsSlack: true,
  async run({ deps }) {
    if (!deps.slack) throw new Error(`${NAME} posts to Slack and needs a Slack client`);
    const slack = deps.slack;
    const warnings = await warnBeforeDeadlines(deps, { actor: ACTOR, preWarningMinutes: deps.settings.preWarningMinutes });
    let posted = 0;
    let failed = 0;
    for (const warning of warnings) {
      const message = buildPreDeadlineWarning(warning);
      const post = async (channel: string, threadTs?: string) => {
        try {
          await slack.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: message.text, blocks: message.blocks, unfurl_links: false });
          posted += 1;
        } catch (error) {
          failed += 1;
          deps.log.error("pre-deadline warning: could not post", { ticketId: warning.ticketId, channel, error });
        }
      };
      if (warning.ticketMessage) await post(warning.ticketMessage.channelId, warning.ticketMessage.ts);
      if (warning.technicianSlackUserId) {
        try {
          await sendDirectMessage(slack, warning.technicianSlackUserId, message);
          posted += 1;
        } catch (error) {
          failed += 1;
          deps.log.error("pre-deadline warning: could not DM the technician", { ticketId: warning.ticketId, error });
        }
      } else if (warning.dispatchChannelId) {
        await post(warning.dispatchChannelId);
      } else {
        deps.log.warn("branch has no dispatch channel: unassigned call's warning not posted there", { ticketId: warning.ticketId });
      }
    }
    if (failed > 0) throw new Error(`pre-deadline warnings ${warnings.length}, posted ${posted}, ${failed} failed`);
    return { warned: warnings.length, posted };
  },
};
