// R7/R12: an escalation's alert in Slack. Raised, it is a reply in the call's thread, a line in the
// dispatch channel and a DM with Acknowledge / Remind me to each director (the admins when there
// is none); climbed, a DM to each manager; snoozed, a reminder DM. Every copy is recorded, and one
// coalesced effect re-renders them all whenever the escalation changes (acknowledged, climbed,
// resolved). A retry posts only the copies still missing.
import type { EscalationMessageRef } from "../services/escalations/models";
import type { SlackEffect } from "../services/outbox/effects";
import { buildEscalationAlert } from "../views/overdue-alert";
import { renderFor } from "../i18n/locale-source";
import type { Metadata } from "./find-posted";
import { Copies, postDmOnce, postOnce, type EffectRun, type OutboxDeps } from "./post-once";
import { callSlack } from "./slack-errors";
import type { OutboxSlackClient } from "./slack-client";

const ESCALATION_EVENT = "servicedesk_escalation";

const metadataOf = (escalationId: number, copy: Record<string, string | number>): Metadata => ({ event_type: ESCALATION_EVENT, event_payload: { escalation_id: escalationId, ...copy } });

export async function deliverEscalationRaised(deps: OutboxDeps, slack: OutboxSlackClient, escalationId: number, run: EffectRun): Promise<void> {
  const [raised, display] = await Promise.all([deps.services.getRaisedEscalation({ escalationId }), deps.services.getEscalationDisplay({ escalationId })]);
  const { alert, dispatchChannelId, directors, posted } = raised;
  const now = deps.clock.now();
  // Rendered as it stands now: acknowledged or resolved before its first post, it says so.
  const shownIn = (channel: string) => renderFor(deps.locales, { channel }, () => buildEscalationAlert({ alert, state: display.standing, now }));
  const copies = new Copies(deps.log, { escalationId });
  const record = (at: { channel: string; ts: string }, staffId: number | null = null) => deps.services.recordEscalationMessage({ escalationId, channelId: at.channel, ts: at.ts, staffId });
  // After an earlier try (or a resend), a copy may be in Slack already: look before posting.
  const lookFirst = run.attempt > 1 || posted.length > 0;

  const thread = alert.ticketMessage;
  if (thread) {
    await copies.attempt("thread", async () => record(await postOnce(slack, { channel: thread.channelId, threadTs: thread.ts }, await shownIn(thread.channelId), metadataOf(escalationId, { copy: "thread" }), lookFirst)));
  }
  if (dispatchChannelId) {
    await copies.attempt("channel", async () => record(await postOnce(slack, { channel: dispatchChannelId }, await shownIn(dispatchChannelId), metadataOf(escalationId, { copy: "channel" }), lookFirst)));
  } else {
    deps.log.warn("branch has no dispatch channel: escalation alert not posted there", { ticketId: alert.ticketId });
  }
  if (directors.length === 0) deps.log.warn("branch has no active director and there is no admin to alert", { ticketId: alert.ticketId });
  // Nobody needs to act on an alert already acknowledged or resolved: no DMs then.
  if (display.open) {
    for (const { staffId, slackUserId } of directors) {
      if (posted.some((p) => p.staffId === staffId)) continue;
      await copies.attempt(`dm:${slackUserId}`, async () => {
        const dm = await renderFor(deps.locales, { person: slackUserId }, () => buildEscalationAlert({ alert, state: display.standing, now, withAcknowledgeButton: true }));
        const sent = await postDmOnce(slack, slackUserId, dm, metadataOf(escalationId, { staff_id: staffId }), { ...run, attempt: lookFirst ? Math.max(run.attempt, 2) : run.attempt });
        await record(sent, staffId);
      });
    }
  }
  copies.finish();
}

/** Every recorded copy shows the escalation as it stands now (DMs keep their buttons while it is open). */
export async function deliverEscalationCopies(deps: OutboxDeps, slack: OutboxSlackClient, escalationId: number): Promise<void> {
  const display = await deps.services.getEscalationDisplay({ escalationId });
  const now = deps.clock.now();
  const copies = new Copies(deps.log, { escalationId });
  for (const shown of display.messages) {
    await copies.attempt(`update:${shown.channelId}`, async () => {
      const reader = shown.staffId ? { staff: shown.staffId } : { channel: shown.channelId };
      const message = await renderFor(deps.locales, reader, () => buildEscalationAlert({ alert: display.alert, state: display.standing, now, withAcknowledgeButton: isDm(shown) }));
      await callSlack(() => slack.chat.update({ channel: shown.channelId, ts: shown.ts, text: message.text, blocks: message.blocks }));
    });
  }
  copies.finish();
}

/** R7/R12: the escalation climbed: each manager (or admin standing in) gets it by DM, unless it ended meanwhile. */
export async function deliverEscalationClimbed(deps: OutboxDeps, slack: OutboxSlackClient, escalationId: number, run: EffectRun): Promise<void> {
  const display = await deps.services.getEscalationDisplay({ escalationId });
  if (!display.open) return;
  const recipients = await deps.services.climbRecipients();
  if (recipients.people.length === 0) deps.log.warn("no active manager and no admin to escalate to", { escalationId });
  const copies = new Copies(deps.log, { escalationId });
  for (const { staffId, slackUserId } of recipients.people) {
    await copies.attempt(`dm:${slackUserId}`, async () => {
      const dm = await renderFor(deps.locales, { person: slackUserId }, () => buildEscalationAlert({ alert: display.alert, state: display.standing, now: deps.clock.now(), withAcknowledgeButton: true }));
      const sent = await postDmOnce(slack, slackUserId, dm, metadataOf(escalationId, { staff_id: staffId, copy: "climbed" }), run);
      await deps.services.recordEscalationMessage({ escalationId, channelId: sent.channel, ts: sent.ts, staffId });
    });
  }
  copies.finish();
}

/** R7/R12: a snooze ran out: the person who snoozed gets the alert again, if it still waits for someone. */
export async function deliverEscalationReminder(deps: OutboxDeps, slack: OutboxSlackClient, effect: Extract<SlackEffect, { kind: "escalation-reminder" }>, run: EffectRun): Promise<void> {
  const display = await deps.services.getEscalationDisplay({ escalationId: effect.escalationId });
  if (!display.open) return;
  const dm = await renderFor(deps.locales, { person: effect.slackUserId }, () => buildEscalationAlert({ alert: display.alert, state: display.standing, now: deps.clock.now(), withAcknowledgeButton: true, reminder: true }));
  const sent = await postDmOnce(slack, effect.slackUserId, dm, metadataOf(effect.escalationId, { snooze_id: effect.snoozeId }), run);
  await deps.services.recordEscalationMessage({ escalationId: effect.escalationId, channelId: sent.channel, ts: sent.ts, staffId: effect.staffId });
}

const isDm = (shown: EscalationMessageRef) => Boolean(shown.staffId);
