// R16/R17: the directors' daily summary in the branch's directors channel, with a manager's Sign
// off button; once signed, the same message is re-rendered without the button, naming who signed.
// R18: the contract expiry notice in the dispatch channel and the assignee's DM.
import type { KnownBlock } from "@slack/types";
import type { DirectorSummary } from "../services/reports/director-summary";
import { escapeMrkdwn, formatMoney, messageLink, oneLine, safeText, slackDate, truncate } from "./format";
import { ACTIONS, BLOCKS } from "./ids";
import { messagesFor, type Locale, type Messages } from "./messages";
import { SURVEY_ITEMS } from "../domain/surveys";

const MAX_LINES = 25;
const SECTION_MAX = 2900;

export type SummaryState = { kind: "awaiting" } | { kind: "signed-off"; by: string; at: Date };

export interface SummaryMessageInput {
  reportId: number;
  summary: DirectorSummary;
  state: SummaryState;
  locale?: Locale;
}


const hours = (value: number) => String(Math.round(value * 100) / 100);

function section(blockId: string, text: string): KnownBlock {
  return { type: "section", block_id: blockId, text: { type: "mrkdwn", text: truncate(text, SECTION_MAX) } };
}

/**
 * A section of a title and lines: as many lines as fit in Slack's 3,000 characters (and MAX_LINES),
 * then "…and N more" for the rest (plus `extra` items that were never listed), never a cut line.
 */
function listSection(blockId: string, title: string, lines: string[], more: (count: number) => string, extra = 0): KnownBlock {
  let text = title;
  let shown = 0;
  for (const line of lines) {
    if (shown >= MAX_LINES || text.length + line.length + 1 > SECTION_MAX - 100) break;
    text = `${text}\n${line}`;
    shown += 1;
  }
  const hidden = lines.length - shown + extra;
  if (hidden > 0) text = `${text}\n${more(hidden)}`;
  return section(blockId, text);
}

function surveyLine(surveys: NonNullable<DirectorSummary["surveys"]>, m: Messages["surveys"]["summary"], items: Messages["surveys"]["items"]): string {
  const f = surveys.figures;
  const pct = (value: number | null, met: boolean | null = null) => (value === null ? m.none : `${value}%${met === false ? ` ${m.below}` : ""}`);
  const line = m.line({
    date: surveys.closedOn,
    closed: f.closed,
    surveyed: f.surveyed,
    coverage: pct(f.coverage, f.meets.coverage),
    warranty: pct(f.warrantyCoverage, f.meets.warrantyCoverage),
    target: `${f.targets.coveragePercent}%`,
    answered: f.answered,
  });
  if (f.answered === 0) return line;
  const perItem = SURVEY_ITEMS.map((item) => m.item(items[item], pct(f.satisfactionByItem[item]))).join(" · ");
  return `${line}\n${m.satisfaction(pct(f.satisfaction, f.meets.satisfaction), `${f.targets.satisfactionPercent}%`, perItem)}`;
}

export function buildDirectorSummaryMessage(input: SummaryMessageInput): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(input.locale).directorSummary.summary;
  const s = input.summary;
  const branch = oneLine(s.branchName, 80);
  const blocks: KnownBlock[] = [
    { type: "header", block_id: BLOCKS.summaryHeader, text: { type: "plain_text", text: truncate(m.header(branch, s.date), 150) } },
  ];

  const percent = s.arrivals.onTimeRate === null ? null : `${Math.round(s.arrivals.onTimeRate * 1000) / 10}%`;
  const body = [
    m.calls(s.calls.received, s.calls.assigned, s.calls.completed, s.calls.carriedOver),
    m.arrivals(s.arrivals.onTime, s.arrivals.withDeadline, percent),
    m.workshop(s.workshop.waitingRepair, s.workshop.waitingParts, s.workshop.repaired, s.workshop.receivedToday, s.workshop.repairedToday, s.workshop.returnedToday),
    m.fees(s.fees.collectedOnSite.count, formatMoney(s.fees.collectedOnSite.amount, s.currency, input.locale), s.fees.invoiceRequested.count, formatMoney(s.fees.invoiceRequested.amount, s.currency, input.locale)),
  ];
  blocks.push(section(BLOCKS.summaryBody, body.join("\n")));
  // R19/R20: reports stored before the survey line existed have none.
  if (s.surveys) blocks.push(section(BLOCKS.summarySurveys, surveyLine(s.surveys, messagesFor(input.locale).surveys.summary, messagesFor(input.locale).surveys.items)));
  blocks.push(
    s.missingReports.length
      ? listSection(BLOCKS.summaryReports, m.missingReportsTitle, s.missingReports.map((p) => `• <@${p.slackUserId}>`), m.peopleMore)
      : section(BLOCKS.summaryReports, m.allReports),
  );

  const overdueLines = s.overdue.items.map((item) => {
    const link = item.message ? messageLink(item.message) : null;
    return `• ${link ? `<${link}|${item.voucherNo}>` : item.voucherNo} ${slackDate(new Date(item.arrivalDeadline), s.timeZone)}`;
  });
  blocks.push(listSection(BLOCKS.summaryOverdue, m.overdue(s.overdue.count), overdueLines, m.overdueMore, Math.max(0, s.overdue.count - s.overdue.items.length)));

  const hourLines = s.hours.map(
    (p) => `• ${m.hoursLine(`<@${p.slackUserId}>`, hours(p.byCategory.A_PAID), hours(p.byCategory.B_CONTRACT), hours(p.byCategory.C_WARRANTY), hours(p.byCategory.D_INTERNAL), hours(p.total))}`,
  );
  blocks.push(s.hours.length ? listSection(BLOCKS.summaryHours, m.hoursTitle, hourLines, m.hoursMore) : section(BLOCKS.summaryHours, m.noHours));

  const partLines = s.parts.map((part) => `• ${m.partsLine(escapeMrkdwn(part.partNo), safeText(oneLine(part.name, 60), 80), part.quantity, formatMoney(part.value, s.currency, input.locale))}`);
  blocks.push(s.parts.length ? listSection(BLOCKS.summaryParts, m.partsTitle, partLines, m.partsMore) : section(BLOCKS.summaryParts, m.noParts));

  if (s.contractNotices.length) {
    const contractLines = s.contractNotices.map(
      (c) => `• ${m.contractLine(escapeMrkdwn(c.number), safeText(oneLine(c.customerName, 60), 80), c.endsOn, c.assignee ? `<@${c.assignee.slackUserId}>` : m.nobody)}`,
    );
    blocks.push(listSection(BLOCKS.summaryContracts, m.contracts(s.contractNotices.length), contractLines, m.contractsMore));
  }

  // R14: reports stored before the list existed have none.
  const longLoans = s.longLoans ?? { count: 0, items: [] };
  if (longLoans.count > 0) {
    const loanLines = longLoans.items.map(
      (loan) =>
        `• ${m.longLoanLine(escapeMrkdwn(loan.partNo), safeText(oneLine(loan.name, 60), 80), loan.left, `<@${loan.technician.slackUserId}>`, slackDate(new Date(loan.borrowedAt), s.timeZone, "{date_short_pretty}"), loan.daysOut)}`,
    );
    blocks.push(listSection(BLOCKS.summaryLongLoans, m.longLoans(longLoans.count), loanLines, m.longLoansMore, Math.max(0, longLoans.count - longLoans.items.length)));
  }

  const stateText = input.state.kind === "awaiting" ? m.awaiting : m.signedOff(`<@${input.state.by}>`, slackDate(input.state.at, s.timeZone));
  blocks.push({ type: "context", block_id: BLOCKS.summaryState, elements: [{ type: "mrkdwn", text: stateText }] });
  if (input.state.kind === "awaiting") {
    blocks.push({
      type: "actions",
      block_id: BLOCKS.summaryActions,
      elements: [{ type: "button", action_id: ACTIONS.directorReportSignOff, value: String(input.reportId), style: "primary", text: { type: "plain_text", text: m.signOff } }],
    });
  }
  return { text: m.fallback(branch, s.date), blocks };
}

export interface ContractNoticeView {
  number: string;
  customerName: string;
  endsOn: string;
  assigneeSlackUserId: string | null;
  customerText: string;
}

/** R18: the dispatch channel's notice. */
export function buildContractNoticeMessage(input: ContractNoticeView, options: { locale?: Locale } = {}): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(options.locale).directorSummary.contracts;
  const assignee = input.assigneeSlackUserId ? `<@${input.assigneeSlackUserId}>` : m.nobodyToAssign;
  const customer = safeText(oneLine(input.customerName, 80), 100);
  return {
    text: m.channelFallback(input.number),
    blocks: [section(BLOCKS.contractNotice, m.channelNotice(escapeMrkdwn(input.number), customer, input.endsOn, assignee))],
  };
}

/** R18: the assignee's DM, with the text to send the customer. */
export function buildContractNoticeDm(input: ContractNoticeView, options: { locale?: Locale } = {}): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(options.locale).directorSummary.contracts;
  const intro = m.dmIntro(escapeMrkdwn(input.number), safeText(oneLine(input.customerName, 80), 100), input.endsOn);
  const quoted = safeText(input.customerText, 2500)
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
  return { text: m.channelFallback(input.number), blocks: [section(BLOCKS.contractNotice, `${intro}\n${quoted}`)] };
}
