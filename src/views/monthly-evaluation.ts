// R20/R22: the technicians' monthly evaluation, one compact line per technician against the
// targets, posted in the directors' channel with a manager's Sign off (re-rendered without it once
// signed), and shown privately by `/repair evaluation`. A branch of 50 technicians fits one message:
// the lines are packed into sections under Slack's 3,000 characters, far below its 50 blocks.
import type { KnownBlock } from "@slack/types";
import { datesOfMonth, SURVEY_ITEMS, type RateVerdict } from "../domain/monthly-evaluation";
import type { MonthlyEvaluation, TechnicianEvaluation } from "../services/evaluations/compute-monthly-evaluation";
import { oneLine, safeText, slackDate, truncate } from "./format";
import { ACTIONS, BLOCKS } from "./ids";
import { messagesFor, type Locale } from "./messages";

/** Slack: 3,000 characters per section text; kept under it with room for a closing line. */
export const SECTION_MAX = 2900;
/** Slack: 50 blocks per message; the heading, targets, overview, state and button take five. */
export const MAX_TECHNICIAN_SECTIONS = 40;

export type EvaluationState =
  | { kind: "awaiting" }
  | { kind: "signed-off"; by: string; at: Date }
  /** `/repair evaluation`: computed now, with where the posted report stands. */
  | { kind: "private"; posted: boolean; signedOff: { by: string; at: Date } | null };

export interface EvaluationMessageInput {
  reportId?: number;
  evaluation: MonthlyEvaluation;
  state: EvaluationState;
  /** A technician's month alone (the header names them). */
  technicianName?: string;
  locale?: Locale;
}

/** Floored to one decimal, so a share just under a target never reads as the target (199/200 is 99.5%, not 100%). */
export function percentText(rate: number): string {
  return `${Math.floor(rate * 1000 + 1e-9) / 10}%`;
}

function mark(verdict: RateVerdict): string {
  return verdict.met === null ? "–" : verdict.met ? "✓" : "✗";
}

const hours = (value: number) => String(Math.round(value * 100) / 100);

/** One technician's month on one line. */
export function technicianLine(technician: TechnicianEvaluation, locale?: Locale): string {
  const m = messagesFor(locale).evaluation;
  const { counts, verdicts } = technician;
  const share = (verdict: RateVerdict) => (verdict.rate === null ? m.noShare : m.share(verdict.count, verdict.of, percentText(verdict.rate), mark(verdict)));
  const items = SURVEY_ITEMS.map((item) => {
    const verdict = verdicts.items[item];
    return m.itemShare(m.itemLabels[item], verdict.rate === null ? m.noShare : percentText(verdict.rate), verdict.rate === null ? "" : mark(verdict)).trim();
  }).join(", ");
  const satisfaction = verdicts.satisfaction.rate === null ? m.noShare : `${percentText(verdicts.satisfaction.rate)} ${mark(verdicts.satisfaction)}`;
  return `• ${m.technicianLine({
    who: `<@${technician.slackUserId}>`,
    left: !technician.active,
    closed: counts.closed,
    coverage: share(verdicts.coverage),
    warranty: share(verdicts.warrantyCoverage),
    satisfaction,
    items,
    onTime: share(verdicts.onTime),
    hours: m.hours(hours(counts.hours.A_PAID), hours(counts.hours.B_CONTRACT), hours(counts.hours.C_WARRANTY), hours(counts.hours.D_INTERNAL), hours(verdicts.hoursTotal)),
    complaints: m.complaints(counts.complaints.received, counts.complaints.substantiated),
    level: verdicts.complaintLevel ? m.levels[verdicts.complaintLevel] : null,
  })}`;
}

/** The lines packed into as few sections as fit; past MAX_TECHNICIAN_SECTIONS, "…and N more". */
function technicianSections(lines: string[], locale?: Locale): KnownBlock[] {
  const m = messagesFor(locale).evaluation;
  const texts: string[] = [];
  let current = "";
  let shown = 0;
  for (const line of lines.map((text) => truncate(text, SECTION_MAX))) {
    if (current && current.length + 1 + line.length > SECTION_MAX) {
      if (texts.length + 1 >= MAX_TECHNICIAN_SECTIONS) break;
      texts.push(current);
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
    shown += 1;
  }
  if (current) texts.push(current);
  const hidden = lines.length - shown;
  if (hidden > 0) texts[texts.length - 1] = truncate(`${texts[texts.length - 1]}\n${m.more(hidden)}`, 3000);
  return texts.map((text, index) => ({ type: "section", block_id: `${BLOCKS.evaluationTechniciansPrefix}${index + 1}`, text: { type: "mrkdwn", text } }));
}

export function buildEvaluationMessage(input: EvaluationMessageInput): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(input.locale).evaluation;
  const e = input.evaluation;
  const branch = oneLine(e.branchName, 80);
  const title = input.technicianName ? m.headerOne(oneLine(input.technicianName, 80), e.month) : m.header(branch, e.month);
  const windowEnd = datesOfMonth(e.month).at(-1) ?? e.month;
  const targets = m.targets(`${e.targets.coveragePercent}%`, `≥ ${e.targets.satisfactionPercent}%`, `≥ ${e.targets.onTimePercent}%`, e.windowMonths, windowEnd);
  const blocks: KnownBlock[] = [
    { type: "header", block_id: BLOCKS.evaluationHeader, text: { type: "plain_text", text: truncate(title, 150) } },
    { type: "context", block_id: BLOCKS.evaluationTargets, elements: [{ type: "mrkdwn", text: truncate(targets, 3000) }] },
  ];
  if (e.technicians.length === 0) {
    blocks.push({ type: "section", block_id: BLOCKS.evaluationOverview, text: { type: "mrkdwn", text: m.noTechnicians } });
  } else {
    const allMet = e.technicians.filter((t) => t.verdicts.allMet).length;
    const flagged = e.technicians.filter((t) => t.verdicts.complaintLevel !== null).length;
    blocks.push({ type: "section", block_id: BLOCKS.evaluationOverview, text: { type: "mrkdwn", text: m.overview(e.technicians.length, allMet, flagged) } });
    blocks.push(...technicianSections(e.technicians.map((technician) => technicianLine(technician, input.locale)), input.locale));
  }

  const state = input.state;
  let stateText: string;
  if (state.kind === "awaiting") stateText = m.awaiting;
  else if (state.kind === "signed-off") stateText = m.signedOff(`<@${state.by}>`, slackDate(state.at, e.timeZone));
  else if (state.signedOff) stateText = m.signedOff(`<@${state.signedOff.by}>`, slackDate(state.signedOff.at, e.timeZone));
  else stateText = state.posted ? m.postedAwaiting : m.notPosted;
  blocks.push({ type: "context", block_id: BLOCKS.evaluationState, elements: [{ type: "mrkdwn", text: stateText }] });
  if (state.kind === "awaiting" && input.reportId !== undefined) {
    blocks.push({
      type: "actions",
      block_id: BLOCKS.evaluationActions,
      elements: [{ type: "button", action_id: ACTIONS.evaluationSignOff, value: String(input.reportId), style: "primary", text: { type: "plain_text", text: m.signOff } }],
    });
  }
  return { text: safeText(m.fallback(branch, e.month), 300), blocks };
}
