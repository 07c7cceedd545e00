// R7: a call past its deadline without an arrival is overdue. Every minute, calls that became
// overdue get one escalation each; the outbox tells Slack (a reply in the ticket's thread, an alert in
// the dispatch channel, a DM with an Acknowledge button to each active director of the branch),
// queued with the escalation, so a crash between the two cannot lose the alert.
import { raiseOverdueEscalations } from "../services/escalations/raise-overdue";
import { everyMinute } from "./periods";
import type { Job } from "./types";

const NAME = "overdue-scan";
const ACTOR = `system:${NAME}`;

export const overdueScanJob: Job = {
  name: NAME,
  // One period per UTC minute: only the current minute is ever claimed, so minutes missed while the
  // bot was down do not pile up; the next scan finds every call that became overdue meanwhile.
  ...everyMinute(NAME),
  async run({ deps }) {
    const raised = await raiseOverdueEscalations(deps, { actor: ACTOR, escalateAfterMinutes: deps.settings.escalateAfterMinutes });
    return { raised: raised.length };
  },
};
