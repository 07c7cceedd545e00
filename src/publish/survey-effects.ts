// R19: a message of the day's survey list, rendered from the current state of its lines: posted
// once in the survey channel (else the dispatch channel), then updated in place as tries are
// recorded. Its effects share a queue (one at a time), and a post first looks for one an earlier
// attempt may have made before it died, so the list is never posted twice.
import { buildSurveyListMessage } from "../views/survey-list";
import { renderFor } from "../i18n/locale-source";
import { findPosted, type Metadata } from "./find-posted";
import type { EffectRun, OutboxDeps } from "./post-once";
import { callSlack } from "./slack-errors";
import type { OutboxSlackClient } from "./slack-client";

const SURVEY_LIST_EVENT = "servicedesk_survey_list";

export async function deliverSurveyList(deps: OutboxDeps, slack: OutboxSlackClient, messageId: number, _run: EffectRun): Promise<void> {
  const list = await deps.services.getSurveyListMessage({ messageId });
  const render = (channel: string) => renderFor(deps.locales, { channel }, () => buildSurveyListMessage(list));
  if (list.posted) {
    const { channelId, ts } = list.posted;
    const message = await render(channelId);
    await callSlack(() => slack.chat.update({ channel: channelId, ts, text: message.text, blocks: message.blocks }));
    return;
  }
  const channel = list.channelId;
  if (!channel) return deps.log.warn("branch has no survey or dispatch channel: survey list stored, not posted", { branch: list.branchCode, date: list.listDate, part: list.part });
  // Once a day per message, so it always looks first: a replacement effect queued while an earlier one was posting starts at attempt 1.
  const metadata: Metadata = { event_type: SURVEY_LIST_EVENT, event_payload: { survey_list_id: list.messageId } };
  const message = await render(channel);
  let ts = await findPosted(slack, channel, metadata, list.createdAt);
  if (ts) await callSlack(() => slack.chat.update({ channel, ts: ts!, text: message.text, blocks: message.blocks }));
  else {
    const sent = await callSlack(() => slack.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false, metadata }));
    ts = sent.ts ?? null;
    if (!ts) throw new Error(`chat.postMessage gave no ts for survey list ${list.messageId}`);
  }
  await deps.services.recordSurveyListPost({ messageId: list.messageId, channelId: channel, ts });
}
