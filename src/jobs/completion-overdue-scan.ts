// R12: parked calls (rescheduled, handed over, waiting for parts, in the workshop) whose expected
// completion passed without a result: every minute each gets one escalation to the branch's
// directors (thread reply, dispatch channel, DMs), which climbs the same ladder as R7.
import { raiseCompletionOverdue } from "../services/escalations/raise-completion-overdue";
import { everyMinute } from "./periods";
import type { Job } from "./types";

const NAME = "completion-overdue-scan";
const ACTOR = `system:${NAME}`;

export const completionOverdueScanJob: Job = {
  name: NAME,
  ...everyMinute(NAME),
  async run({ deps }) {
    // The outbox posts each alert, queued with it.
    const raised = await raiseCompletionOverdue(deps, { actor: ACTOR, escalateAfterMinutes: deps.settings.escalateAfterMinutes });
    return { raised: raised.length };
  },
};
