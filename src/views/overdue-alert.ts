// R7/R12: the escalation alert (overdue call, or cannot finish on schedule). The same builder renders the thread reply, the dispatch-channel alert and
// the directors' DMs (only those carry the Acknowledge button); once acknowledged, every copy is
// re-rendered without the button and says who acknowledged it and when; once its cause ended
// (the technician arrived, the call was cancelled, closed or resolved), every copy says that instead.
import type { KnownBlock } from "@slack/types";
import { lateness } from "../domain/deadline";
import type { EscalationStanding } from "../services/escalations/display";
import type { OverdueAlertSummary } from "../services/escalations/models";
import { SNOOZE_MINUTES } from "../services/escalations/snooze";
import { lateText, oneLine, safeText, slackDate } from "./format";
import { ACTIONS, BLOCKS } from "./ids";
import { messagesFor, type Locale } from "./messages";

/** Where the escalation stands, as every copy shows it (read by services/escalations/display.ts). */
export type OverdueAlertState = EscalationStanding;

export interface OverdueAlertInput {
  alert: OverdueAlertSummary;
  state: OverdueAlertState;
  now: Date;
  /** The directors' DMs carry the button; the thread and the channel only inform. */
  withAcknowledgeButton?: boolean;
  /** A snooze ran out: the DM opens with a reminder line. */
  reminder?: boolean;
  locale?: Locale;
}

export function buildOverdueAlert(input: OverdueAlertInput): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(input.locale);
  const { alert, state, now } = input;
  const customer = safeText(oneLine(alert.customerName, 80), 100);
  const technician = alert.technicianSlackUserId ? m.overdue.technician(`<@${alert.technicianSlackUserId}>`) : m.overdue.noTechnician;
  const stateText =
    state.kind === "open"
      ? m.overdue.open
      : state.kind === "escalated"
        ? m.escalations.ladder.escalated(slackDate(state.at, alert.timeZone))
        : state.kind === "acknowledged"
          ? m.overdue.acknowledged(`<@${state.by}>`, slackDate(state.at, alert.timeZone))
          : m.escalations.resolved[state.because](slackDate(state.at, alert.timeZone));
  let headline: string;
  let fallback: string;
  if (alert.kind === "CANNOT_FINISH") {
    const c = m.escalations.cannotFinish;
    const expected = alert.expectedBy ? slackDate(alert.expectedBy, alert.timeZone, "{date_short_pretty}") : "?";
    const days = alert.expectedBy ? Math.max(1, Math.ceil((alert.expectedBy.getTime() - now.getTime()) / 86_400_000)) : 0;
    headline = `${c.alert(alert.voucherNo, customer, safeText(oneLine(alert.reason ?? "", 500), 600), expected)} ${technician}\n${c.tellCustomer(expected, days)}`;
    fallback = c.fallback(alert.voucherNo, oneLine(alert.customerName, 80));
  } else if (alert.kind === "COMPLETION_OVERDUE") {
    const c = m.escalations.completionOverdue;
    const expected = alert.expectedBy ? slackDate(alert.expectedBy, alert.timeZone) : "?";
    headline = `${c.alert(alert.voucherNo, customer, expected)} ${technician}\n${c.tellCustomer}`;
    fallback = c.fallback(alert.voucherNo, oneLine(alert.customerName, 80));
  } else {
    const deadline = alert.arrivalDeadline ?? now;
    // A resolved alert says how late it was when its cause ended, not how late it would be now.
    const until = state.kind === "resolved" ? state.at : now;
    const lateMinutes = lateness({ deadline, at: until });
    const overdueFor = lateText(lateMinutes, m);
    headline = `${m.overdue.alert(alert.voucherNo, customer, slackDate(deadline, alert.timeZone), overdueFor)} ${technician}`;
    fallback = m.overdue.fallback(alert.voucherNo, oneLine(alert.customerName, 80));
  }

  const blocks: KnownBlock[] = [
    { type: "section", block_id: BLOCKS.overdueAlert, text: { type: "mrkdwn", text: headline } },
    { type: "context", block_id: BLOCKS.overdueState, elements: [{ type: "mrkdwn", text: stateText }] },
  ];
  if ((state.kind === "open" || state.kind === "escalated") && input.withAcknowledgeButton) {
    blocks.push({
      type: "actions",
      block_id: BLOCKS.overdueActions,
      elements: [
        { type: "button", action_id: ACTIONS.escalationAcknowledge, value: String(alert.escalationId), style: "primary", text: { type: "plain_text", text: m.overdue.acknowledge } },
        {
          type: "static_select",
          action_id: ACTIONS.escalationSnooze,
          placeholder: { type: "plain_text", text: m.escalations.snooze.placeholder },
          options: SNOOZE_MINUTES.map((minutes) => ({ text: { type: "plain_text" as const, text: m.escalations.snooze.option(minutes) }, value: `${alert.escalationId}:${minutes}` })),
        },
      ],
    });
  }
  // R7/R12: nobody held the role, so the admins were sent it instead; every copy says so.
  for (const role of alert.sentToAdminsFor) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: m.escalations.sentToAdmins[role] }] });
  if (input.reminder) blocks.unshift({ type: "context", elements: [{ type: "mrkdwn", text: m.escalations.snooze.reminder }] });
  return { text: fallback, blocks };
}

/** R7/R12: the one alert view for both kinds of escalation (the name says what it does now). */
export const buildEscalationAlert = buildOverdueAlert;
