// R7/R12: every minute, escalations left unacknowledged past nextEscalationAt climb to the managers,
// and snoozes that ran out remind the person who snoozed. Before climbing, the ladder re-checks each
// call: an escalation whose cause ended (arrival, cancellation, closing) resolves instead. Each
// change queues its Slack effects in its own transaction (the managers' DMs, every copy updated to
// say it was escalated or why it resolved, the reminder DM); the outbox delivers them.
import { climbDueEscalations } from "../services/escalations/escalate";
import { sweepEndedEscalations } from "../services/escalations/resolve-ended";
import { takeDueSnoozeReminders } from "../services/escalations/snooze";
import { everyMinute } from "./periods";
import type { Job } from "./types";

const NAME = "escalation-ladder";
const ACTOR = `system:${NAME}`;

export const escalationLadderJob: Job = {
  name: NAME,
  ...everyMinute(NAME),
  async run({ deps }) {
    // Causes that ended by a path that did not resolve its escalations (or raced it) resolve first.
    const swept = await sweepEndedEscalations(deps, { actor: ACTOR });
    // Each climb is one conditional update, so a replica racing this one climbs (and DMs) nothing.
    const climbed = await climbDueEscalations(deps, { actor: ACTOR });
    const reminded = await takeDueSnoozeReminders(deps);
    return { climbed: climbed.length, reminded, resolved: swept.length };
  },
};
