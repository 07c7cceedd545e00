// R7: the overdue alert. The same builder renders the thread reply, the dispatch-channel alert and
// the directors' DMs (only those carry the Acknowledge button); once acknowledged, every copy is
// re-rendered without the button and says who acknowledged it and when.
import type { KnownBlock } from "@slack/types";
import type { OverdueAlertSummary } from "../services/escalations/models";
import { oneLine, safeText, slackDate } from "./format";
import { ACTIONS, BLOCKS } from "./ids";
import { messagesFor, type Locale } from "./messages";

export type OverdueAlertState = { kind: "open" } | { kind: "acknowledged"; by: string; at: Date };

export interface OverdueAlertInput {
  alert: OverdueAlertSummary;
  state: OverdueAlertState;
  now: Date;
  /** The directors' DMs carry the button; the thread and the channel only inform. */
  withAcknowledgeButton?: boolean;
  locale?: Locale;
}

export function buildOverdueAlert(input: OverdueAlertInput): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(input.locale);
  const { alert, state, now } = input;
  const customer = safeText(oneLine(alert.customerName, 80), 100);
  const lateMinutes = Math.max(0, Math.floor((now.getTime() - alert.arrivalDeadline.getTime()) / 60_000));
  const overdueFor = m.overdue.duration(Math.floor(lateMinutes / 60), lateMinutes % 60);
  const technician = alert.technicianSlackUserId ? m.overdue.technician(`<@${alert.technicianSlackUserId}>`) : m.overdue.noTechnician;
  const stateText = state.kind === "open" ? m.overdue.open : m.overdue.acknowledged(`<@${state.by}>`, slackDate(state.at, alert.timeZone));

  const blocks: KnownBlock[] = [
    { type: "section", block_id: BLOCKS.overdueAlert, text: { type: "mrkdwn", text: `${m.overdue.alert(alert.voucherNo, customer, slackDate(alert.arrivalDeadline, alert.timeZone), overdueFor)} ${technician}` } },
    { type: "context", block_id: BLOCKS.overdueState, elements: [{ type: "mrkdwn", text: stateText }] },
  ];
  if (state.kind === "open" && input.withAcknowledgeButton) {
    blocks.push({
      type: "actions",
      block_id: BLOCKS.overdueActions,
      elements: [{ type: "button", action_id: ACTIONS.escalationAcknowledge, value: String(alert.escalationId), style: "primary", text: { type: "plain_text", text: m.overdue.acknowledge } }],
    });
  }
  return { text: m.overdue.fallback(alert.voucherNo, oneLine(alert.customerName, 80)), blocks };
}
