// R19: a message of the day's survey list in the branch's survey channel: one section per call with
// Record survey, re-rendered in place as each try is recorded. Slack allows 50 blocks per message;
// services/surveys/build-survey-list.ts splits a long list (45 lines each, plus header and intro).
import type { KnownBlock } from "@slack/types";
import type { SurveyListLineView, SurveyListView } from "../services/surveys/survey-list-message";
import { oneLine, safeText, slackDate, truncate } from "./format";
import { ACTIONS, BLOCKS } from "./ids";
import { messagesFor, type Locale, type Messages } from "./messages";

function lineText(line: SurveyListLineView, timeZone: string, all: Messages): string {
  const m = all.surveys;
  const technician = line.technician ? `<@${line.technician.slackUserId}>` : m.list.noTechnician;
  const closed = line.closedAt ? slackDate(line.closedAt, timeZone) : "—";
  const category = all.category[line.category];
  let text = m.list.line(line.voucherNo, safeText(oneLine(line.customerName, 80), 100), technician, category, closed);
  if (line.attempt > 1) text += ` · ${m.list.tryOf(line.attempt)}`;
  const { state } = line;
  if (state.kind === "recorded") {
    if (!state.at) text += `\n${m.list.earlierTry}`;
    else {
      const who = state.byCustomer ? m.list.customerOnPage : state.bySlackUserId ? `<@${state.bySlackUserId}>` : m.list.someone;
      text += `\n${m.list.state[state.outcome](who, slackDate(state.at, timeZone))}`;
      if (state.nextDueOn) text += m.list.again(state.nextDueOn);
      if (state.complaint) text += m.list.complaint;
    }
  }
  return truncate(text, 2900);
}

export function buildSurveyListMessage(list: SurveyListView, options: { locale?: Locale } = {}): { text: string; blocks: KnownBlock[] } {
  const all = messagesFor(options.locale);
  const m = all.surveys;
  const header = list.parts > 1 ? `${m.list.header(list.listDate)} (${m.list.part(list.part, list.parts)})` : m.list.header(list.listDate);
  const blocks: KnownBlock[] = [
    { type: "header", block_id: BLOCKS.surveyListHeader, text: { type: "plain_text", text: truncate(header, 150), emoji: true } },
    { type: "context", block_id: BLOCKS.surveyListIntro, elements: [{ type: "mrkdwn", text: m.list.intro }] },
  ];
  for (const line of list.lines) {
    const section: KnownBlock = { type: "section", block_id: `${BLOCKS.surveyLinePrefix}${line.surveyId}_${line.attempt}`, text: { type: "mrkdwn", text: lineText(line, list.timeZone, all) } };
    if (line.state.kind === "open") {
      section.accessory = { type: "button", action_id: ACTIONS.surveyRecord, value: `${line.surveyId}:${line.attempt}`, text: { type: "plain_text", text: m.list.record } };
    }
    blocks.push(section);
  }
  return { text: m.list.fallback(list.listDate, list.lines.length), blocks };
}
