// R7: every minute, open calls whose arrival deadline is within PRE_WARNING_MINUTES working minutes
// get one warning: a reply in the ticket's thread and a DM to the assigned technician; an unassigned
// call's warning goes to the dispatch channel, addressed to the branch's dispatchers. Each warning
// is marked and queued for the outbox in one transaction.
import { warnBeforeDeadlines } from "../services/escalations/pre-deadline-warning";
import { everyMinute } from "./periods";
import type { Job } from "./types";

const NAME = "pre-deadline-warning";
const ACTOR = `system:${NAME}`;

export const preDeadlineWarningJob: Job = {
  name: NAME,
  ...everyMinute(NAME),
  async run({ deps }) {
    const warnings = await warnBeforeDeadlines(deps, { actor: ACTOR, preWarningMinutes: deps.settings.preWarningMinutes });
    return { warned: warnings.length };
  },
};
