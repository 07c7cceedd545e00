// R7: a call past its deadline without an arrival is overdue. Every minute, calls that became
// overdue get one escalation each, and Slack is told: a reply in the ticket's thread, an alert in
// the dispatch channel, and a DM with an Acknowledge button to each active director of the branch.
// Every posted message is recorded, so acknowledging updates them all.
import { raiseOverdueEscalations } from "../services/escalations/raise-overdue";
import { postRaisedEscalations } from "./post-raised-escalations";
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
    const raised = await raiseOverdueEscalations(deps, { actor: ACTOR, escalateAfterMinutes: deps.settings.escalateAfterMinutes });
    return postRaisedEscalations(deps, deps.slack, raised, "overdue alerts");
  },
};
