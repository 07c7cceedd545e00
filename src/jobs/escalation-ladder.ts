// R7/R12: every minute, escalations left unacknowledged past nextEscalationAt climb to the managers:
// each active manager gets a DM with the alert and the Acknowledge button (recorded against them),
// and every earlier copy is updated to say when it was escalated. Before climbing, the ladder
// re-checks each call: an escalation whose cause ended (arrival, cancellation, closing) resolves
// instead, and every copy of a resolved escalation is updated to say why. It also sends snooze reminders.
import { climbDueEscalations } from "../services/escalations/escalate";
import { recordEscalationMessage } from "../services/escalations/raise-overdue";
import { isEscalationOpen, sweepEndedEscalations, takeResolutionsToShow } from "../services/escalations/resolve-ended";
import { takeDueSnoozeReminders } from "../services/escalations/snooze";
import { buildOverdueAlert } from "../views/overdue-alert";
import { everyMinute } from "./periods";
import type { Job } from "./types";
import { sendDirectMessage } from "../publish/direct-message";

const NAME = "escalation-ladder";
const ACTOR = `system:${NAME}`;

export const escalationLadderJob: Job = {
  name: NAME,
  ...everyMinute(NAME),
  needsSlack: true,
  async run({ deps }) {
    if (!deps.slack) throw new Error(`${NAME} posts to Slack and needs a Slack client`);
    const slack = deps.slack;
    // Causes that ended by a path that did not resolve its escalations (or raced it) resolve first.
    const swept = await sweepEndedEscalations(deps, { actor: ACTOR });
    // The climb is committed first (conditional update), so a replica racing this one posts nothing.
    const climbed = await climbDueEscalations(deps, { actor: ACTOR });
    let notified = 0;
    let failed = 0;
    for (const { alert, escalatedAt, managers, earlierMessages } of climbed) {
      const now = deps.clock.now();
      const state = { kind: "escalated", at: escalatedAt } as const;
      for (const shown of earlierMessages) {
        const copy = buildOverdueAlert({ alert, state, now, withAcknowledgeButton: Boolean(shown.staffId) });
        await slack.chat
          .update({ channel: shown.channelId, ts: shown.ts, text: copy.text, blocks: copy.blocks })
          .catch((cause: unknown) => deps.log.warn("could not update an escalated alert", { escalationId: alert.escalationId, channel: shown.channelId, cause }));
      }
      if (managers.length === 0) deps.log.warn("no active manager and no admin to escalate to", { escalationId: alert.escalationId });
      const dm = buildOverdueAlert({ alert, state, now, withAcknowledgeButton: true });
      for (const { staffId, slackUserId } of managers) {
        // The call may have moved on since the climb (the technician arrived): then nobody is DMed.
        if (!(await isEscalationOpen(deps, { escalationId: alert.escalationId }))) break;
        try {
          const sent = await sendDirectMessage(slack, slackUserId, dm);
          await recordEscalationMessage(deps, { escalationId: alert.escalationId, channelId: sent.channel, ts: sent.ts, staffId });
          notified += 1;
        } catch (error) {
          failed += 1;
          deps.log.error("escalation ladder: could not DM a manager", { escalationId: alert.escalationId, slackUserId, error });
        }
      }
    }
    // Every copy of a resolved escalation (thread, channel, each DM) says why, without buttons. Last,
    // so copies posted by this very run are covered too.
    const resolutions = await takeResolutionsToShow(deps);
    let updated = 0;
    for (const { alert, because, resolvedAt, messages } of resolutions) {
      const copy = buildOverdueAlert({ alert, state: { kind: "resolved", because, at: resolvedAt }, now: deps.clock.now() });
      for (const shown of messages) {
        try {
          await slack.chat.update({ channel: shown.channelId, ts: shown.ts, text: copy.text, blocks: copy.blocks });
          updated += 1;
        } catch (cause) {
          deps.log.warn("could not update a resolved alert", { escalationId: alert.escalationId, channel: shown.channelId, cause });
        }
      }
    }
    // Snoozes that ran out: a reminder DM to the person who snoozed, and nobody else. The ladder is
    // untouched (nextEscalationAt is never read or written here).
    const reminders = await takeDueSnoozeReminders(deps);
    let reminded = 0;
    for (const reminder of reminders) {
      const state = reminder.level === "MANAGER" ? ({ kind: "escalated", at: reminder.escalatedAt ?? deps.clock.now() } as const) : ({ kind: "open" } as const);
      const dm = buildOverdueAlert({ alert: reminder.alert, state, now: deps.clock.now(), withAcknowledgeButton: true, reminder: true });
      try {
        const sent = await sendDirectMessage(slack, reminder.slackUserId, dm);
        await recordEscalationMessage(deps, { escalationId: reminder.alert.escalationId, channelId: sent.channel, ts: sent.ts, staffId: reminder.staffId });
        reminded += 1;
      } catch (error) {
        failed += 1;
        deps.log.error("escalation ladder: could not send a snooze reminder", { escalationId: reminder.alert.escalationId, slackUserId: reminder.slackUserId, error });
      }
    }
    if (failed > 0) throw new Error(`escalations climbed ${climbed.length}, managers notified ${notified}, reminders ${reminded}, ${failed} DM(s) failed`);
    return { climbed: climbed.length, notified, reminded, resolved: swept.length, resolvedShown: resolutions.length, copiesUpdated: updated };
  },
};
