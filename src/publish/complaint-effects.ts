// R21/R22: a complaint in Slack. Its message goes once to the branch's directors' channel (the
// dispatch channel when it has none) and is kept up to date from the database; its thread is the
// history. Its escalations go by DM with Acknowledge (each copy recorded, so acknowledging or
// resolving updates them all); a general complaint, an assignment, a warning and an R22 level go by DM.
import type { ComplaintEffect } from "../services/outbox/effects";
import type { ComplaintCard } from "../services/complaints/models";
import { buildComplaintAlert, buildComplaintAssignedDm, buildComplaintLevelDm, buildComplaintLine, buildComplaintMessage, buildComplaintRoutedDm, buildComplaintWarningDm } from "../views/complaint-message";
import { renderFor } from "../i18n/locale-source";
import { findPosted, type Metadata } from "./find-posted";
import { Copies, postDmOnce, postOnce, type EffectRun, type OutboxDeps } from "./post-once";
import { callSlack } from "./slack-errors";
import type { OutboxSlackClient } from "./slack-client";

const COMPLAINT_EVENT = "servicedesk_complaint";
const metadataOf = (complaintId: number, copy: Record<string, string | number>): Metadata => ({ event_type: COMPLAINT_EVENT, event_payload: { complaint_id: complaintId, ...copy } });

export async function deliverComplaintEffect(deps: OutboxDeps, slack: OutboxSlackClient, effect: ComplaintEffect, run: EffectRun): Promise<void> {
  const lookFirst = run.attempt > 1;
  switch (effect.kind) {
    case "complaint-message":
      return void (await ensureComplaintMessage(deps, slack, effect.complaintId, { updateExisting: true }));
    case "complaint-line": {
      const card = await ensureComplaintMessage(deps, slack, effect.complaintId, { updateExisting: false });
      if (!card.slackMessage) return;
      const line = await renderFor(deps.locales, { channel: card.slackMessage.channelId }, () => buildComplaintLine(effect.entry, { timeZone: card.branch.timeZone }));
      await postOnce(slack, { channel: card.slackMessage.channelId, threadTs: card.slackMessage.ts }, line, metadataOf(card.id, { job: run.jobId }), lookFirst);
      return;
    }
    case "complaint-routed": {
      const card = await ensureComplaintMessage(deps, slack, effect.complaintId, { updateExisting: false });
      const directors = await deps.services.complaintDirectors({ complaintId: card.id });
      if (!directors.slackUserIds.length) return deps.log.warn("a general complaint has nobody to tell: no director and no admin", { complaintId: card.id });
      const dm = () => buildComplaintRoutedDm(card, { toAdmins: directors.toAdmins });
      const copies = new Copies(deps.log, { complaintId: card.id });
      for (const slackUserId of directors.slackUserIds) {
        await copies.attempt(`dm:${slackUserId}`, async () => postDmOnce(slack, slackUserId, await renderFor(deps.locales, { person: slackUserId }, dm), metadataOf(card.id, { job: run.jobId, to: slackUserId }), run));
      }
      copies.finish();
      return;
    }
    case "complaint-assigned": {
      const card = await ensureComplaintMessage(deps, slack, effect.complaintId, { updateExisting: false });
      if (!card.handler || card.handler.staffId !== effect.staffId) return;
      const handler = card.handler.slackUserId;
      await postDmOnce(slack, handler, await renderFor(deps.locales, { person: handler }, () => buildComplaintAssignedDm(card)), metadataOf(card.id, { job: run.jobId }), run);
      return;
    }
    case "complaint-warning": {
      const card = await ensureComplaintMessage(deps, slack, effect.complaintId, { updateExisting: false });
      const to = card.handler ? { slackUserIds: [card.handler.slackUserId] } : await deps.services.complaintDirectors({ complaintId: card.id });
      const dm = () => buildComplaintWarningDm(card, effect.clock);
      const copies = new Copies(deps.log, { complaintId: card.id });
      for (const slackUserId of to.slackUserIds) {
        await copies.attempt(`dm:${slackUserId}`, async () => postDmOnce(slack, slackUserId, await renderFor(deps.locales, { person: slackUserId }, dm), metadataOf(card.id, { job: run.jobId, to: slackUserId }), run));
      }
      copies.finish();
      return;
    }
    case "complaint-level": {
      const recipients = await deps.services.complaintLevelRecipients({ technicianId: effect.technicianId, level: effect.level });
      const card = await deps.services.getComplaintCard({ complaintId: effect.complaintId });
      const dm = () => buildComplaintLevelDm({ technicianSlackUserId: recipients.technician.slackUserId, level: effect.level, count: effect.count, windowMonths: effect.windowMonths, number: card.number });
      if (!recipients.slackUserIds.length) deps.log.warn("an R22 level has nobody to tell", { complaintId: card.id });
      const copies = new Copies(deps.log, { complaintId: card.id });
      for (const slackUserId of recipients.slackUserIds) {
        await copies.attempt(`dm:${slackUserId}`, async () => postDmOnce(slack, slackUserId, await renderFor(deps.locales, { person: slackUserId }, dm), metadataOf(card.id, { job: run.jobId, to: slackUserId }), run));
      }
      copies.finish();
      return;
    }
    case "complaint-escalation": {
      await ensureComplaintMessage(deps, slack, effect.complaintId, { updateExisting: false });
      const [alert, recipients] = await Promise.all([
        deps.services.getComplaintAlert({ escalationId: effect.escalationId }),
        deps.services.complaintEscalationRecipients({ escalationId: effect.escalationId, audience: effect.audience }),
      ]);
      if (!alert.open) return;
      if (!recipients.people.length) deps.log.warn("a complaint escalation has nobody to go to", { complaintId: effect.complaintId });
      const copies = new Copies(deps.log, { complaintId: effect.complaintId, escalationId: effect.escalationId });
      for (const { staffId, slackUserId } of recipients.people) {
        if (alert.messages.some((shown) => shown.staffId === staffId)) continue;
        await copies.attempt(`dm:${slackUserId}`, async () => {
          const dm = await renderFor(deps.locales, { person: slackUserId }, () => buildComplaintAlert(alert, { withAcknowledgeButton: true }));
          const sent = await postDmOnce(slack, slackUserId, dm, metadataOf(effect.complaintId, { escalation_id: effect.escalationId, staff_id: staffId }), run);
          await deps.services.recordComplaintEscalationMessage({ escalationId: effect.escalationId, channelId: sent.channel, ts: sent.ts, staffId });
        });
      }
      copies.finish();
      return;
    }
    case "complaint-escalation-copies": {
      const alert = await deps.services.getComplaintAlert({ escalationId: effect.escalationId });
      const copies = new Copies(deps.log, { complaintId: effect.complaintId, escalationId: effect.escalationId });
      for (const shown of alert.messages) {
        await copies.attempt(`update:${shown.channelId}`, async () => {
          const reader = shown.staffId ? { staff: shown.staffId } : { channel: shown.channelId };
          const message = await renderFor(deps.locales, reader, () => buildComplaintAlert(alert, { withAcknowledgeButton: Boolean(shown.staffId) }));
          await callSlack(() => slack.chat.update({ channel: shown.channelId, ts: shown.ts, text: message.text, blocks: message.blocks }));
        });
      }
      copies.finish();
      return;
    }
  }
}

/** Posts the complaint's message when it has none yet (looking first for one a crashed attempt posted); else updates it when asked. */
async function ensureComplaintMessage(deps: OutboxDeps, slack: OutboxSlackClient, complaintId: number, options: { updateExisting: boolean }): Promise<ComplaintCard> {
  const card = await deps.services.getComplaintCard({ complaintId });
  const render = (channel: string) => renderFor(deps.locales, { channel }, () => buildComplaintMessage(card));
  if (card.slackMessage) {
    const message = await render(card.slackMessage.channelId);
    if (options.updateExisting) await callSlack(() => slack.chat.update({ channel: card.slackMessage!.channelId, ts: card.slackMessage!.ts, text: message.text, blocks: message.blocks }));
    return card;
  }
  const channel = card.branch.directorsChannelId ?? card.branch.dispatchChannelId;
  if (!channel) {
    deps.log.warn("branch has no directors' or dispatch channel: complaint not posted", { complaintId, branch: card.branch.code });
    return card;
  }
  const metadata = metadataOf(complaintId, { copy: "message" });
  const started = await deps.services.markComplaintPostStarted({ complaintId, at: deps.clock.now() });
  const message = await render(channel);
  let ts = started.earlier ? await findPosted(slack, channel, metadata, started.earlier) : null;
  if (ts) await callSlack(() => slack.chat.update({ channel, ts: ts!, text: message.text, blocks: message.blocks }));
  else {
    const posted = await callSlack(() => slack.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false, metadata }));
    ts = posted.ts ?? null;
    if (!ts) throw new Error(`chat.postMessage gave no ts for complaint ${complaintId}`);
  }
  await deps.services.recordComplaintMessage({ complaintId, channelId: channel, ts });
  return { ...card, slackMessage: { channelId: channel, ts } };
}
