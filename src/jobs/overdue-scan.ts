// R7: a call past its deadline without an arrival is overdue. Every minute, calls that became
// overdue get one escalation each, and Slack is told: a reply in the ticket's thread, an alert in
// the dispatch channel, and a DM with an Acknowledge button to each active director of the branch.
// Every posted message is recorded, so acknowledging updates them all.
import { raiseOverdueEscalations, recordEscalationMessage } from "../services/escalations/raise-overdue";
import { publishEscalation } from "../publish/escalation-publisher";
import { everyMinute } from "./periods";
import type { Job } from "./types";

const NAME = "overdue-scan";
const ACTOR = `system:${NAME}`;

export const overdueScanJob: Job = {
  name: NAME,
  // One period per UTC minute: only the current minute is ever claimed, so minutes missed while the
  // bot was down do not pile up; the next scan finds every call that became overdue meanwhile.
  ...everyMinute(NAME),
  needsSlack: true,
  async run({ deps }) {
    if (!deps.slack) throw new Error("overdue-scan posts to Slack and needs a Slack client");
    const slack = deps.slack;
    // The escalations are committed before Slack is told, so a call is never alerted twice. A failed
    // post is logged and the others still go out; the run is then marked FAILED so someone looks.
    const raised = await raiseOverdueEscalations(deps, { actor: ACTOR, escalateAfterMinutes: deps.settings.escalateAfterMinutes });
    let posted = 0;
    let failed = 0;
    const publisher = { clock: deps.clock, log: deps.log, recordMessage: (options: Parameters<typeof recordEscalationMessage>[1]) => recordEscalationMessage(deps, options) };
    for (const one of raised) {
      const outcome = await publishEscalation(publisher, slack, one);
      posted += outcome.posted;
      failed += outcome.failed;
    }
    if (failed > 0) throw new Error(`overdue alerts raised ${raised.length}, posted ${posted}, but ${failed} director DM(s) failed`);
    return { raised: raised.length, posted };
  },
};
