// R12: parked calls (rescheduled, handed over, waiting for parts, in the workshop) whose expected
// completion passed without a result: every minute each gets one escalation to the branch's
// directors (thread reply, dispatch channel, DMs), which climbs the same ladder as R7.
import { raiseCompletionOverdue } from "../services/escalations/raise-completion-overdue";
import { recordEscalationMessage } from "../services/escalations/raise-overdue";
import { publishEscalation } from "../publish/escalation-publisher";
import { everyMinute } from "./periods";
import type { Job } from "./types";

const NAME = "completion-overdue-scan";
const ACTOR = `system:${NAME}`;

export const completionOverdueScanJob: Job = {
  name: NAME,
  ...everyMinute(NAME),
  needsSlack: true,
  async run({ deps }) {
    if (!deps.slack) throw new Error(`${NAME} posts to Slack and needs a Slack client`);
    const slack = deps.slack;
    // Committed before Slack is told, so a call is never alerted twice for the same expected completion.
    const raised = await raiseCompletionOverdue(deps, { actor: ACTOR, escalateAfterMinutes: deps.settings.escalateAfterMinutes });
    let posted = 0;
    let failed = 0;
    const publisher = { clock: deps.clock, log: deps.log, recordMessage: (options: Parameters<typeof recordEscalationMessage>[1]) => recordEscalationMessage(deps, options) };
    for (const one of raised) {
      const outcome = await publishEscalation(publisher, slack, one);
      posted += outcome.posted;
      failed += outcome.failed;
    }
    if (failed > 0) throw new Error(`completion alerts raised ${raised.length}, posted ${posted}, but ${failed} director DM(s) failed`);
    return { raised: raised.length, posted };
  },
};
