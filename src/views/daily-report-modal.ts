// R15: the technician's daily report modal (the day's lines with editable hours, internal D work,
// totals per category, notes), the DM confirming a submission, the directors' status list and the
// reminder DM. Slack allows 100 blocks per modal, so at most MAX_LINES lines (fewer with many tickets) are editable;
// the lines not shown are kept as they are.
import type { ActionsBlock, KnownBlock, ModalView } from "@slack/types";
import type { ServiceCategory } from "../domain/category";
import type { CategoryTotals, DailyReportStatus, DailyWork, DailyWorkProblem, HoursChange, InternalWork } from "../services/reports/daily-work-report";
import { fallbackDate, mention, oneLine, safeText, slackDate } from "./format";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale } from "./messages";
import { textValue, type StateValues, type Submission } from "./state";
import { plain } from "./ticket-modal-common";

const MAX_LINES = 60;
const MAX_BLOCKS = 100;
/** "more lines" note, totals, divider, internal hours and description, notes. */
const BLOCKS_AFTER_LINES = 6;
const MAX_STATUS_LINES = 40;
const CATEGORY_ORDER: readonly ServiceCategory[] = ["A_PAID", "B_CONTRACT", "C_WARRANTY", "D_INTERNAL"];

type M = ReturnType<typeof messagesFor>;

/** "A paid 2 h · B contract 1.5 h" — only the categories with hours; "0 h" when none. */
export function hoursByCategory(totals: CategoryTotals, m: M): string {
  const t = m.dailyReport;
  const parts = CATEGORY_ORDER.filter((c) => totals[c] > 0).map((c) => t.totalPart(m.category[c], t.hours(totals[c])));
  return parts.length ? parts.join(" · ") : t.hours(0);
}

function totalsText(day: Pick<DailyWork, "totals" | "totalHours">, m: M): string {
  const t = m.dailyReport;
  return t.totals(
    CATEGORY_ORDER.map((c) => t.totalPart(m.category[c], t.hours(day.totals[c]))),
    t.hours(day.totalHours),
  );
}

export function buildDailyReportModal(options: { day: DailyWork; locale?: Locale }): ModalView {
  const m = messagesFor(options.locale);
  const t = m.dailyReport;
  const { day } = options;
  const blocks: KnownBlock[] = [];
  if (day.submitted) {
    blocks.push({ type: "section", block_id: BLOCKS.dailyIntro, text: { type: "mrkdwn", text: t.submittedIntro(day.date, slackDate(day.submitted.at, day.timeZone)) } });
    const summary = summaryLines(day, m);
    if (summary) blocks.push({ type: "section", text: { type: "mrkdwn", text: summary.slice(0, 3000) } });
    blocks.push({ type: "context", block_id: BLOCKS.dailyTotals, elements: [{ type: "mrkdwn", text: totalsText(day, m) }] });
    if (day.submitted.notes) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: t.summaryNotes(safeText(day.submitted.notes, 2900)) }] });
    return { type: "modal", callback_id: VIEWS.dailyReport, title: plain(t.title, 24), close: plain(t.close, 24), private_metadata: day.date, blocks };
  }

  blocks.push({ type: "section", block_id: BLOCKS.dailyIntro, text: { type: "mrkdwn", text: t.intro(day.date) } });
  if (!day.lines.length) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: t.noLines }] });
  let shown = 0;
  // Slack allows 100 blocks per modal: keep room for the blocks after the lines.
  const full = () => shown >= MAX_LINES || blocks.length >= MAX_BLOCKS - BLOCKS_AFTER_LINES;
  for (const group of day.groups) {
    if (blocks.length >= MAX_BLOCKS - BLOCKS_AFTER_LINES - 1 || shown >= MAX_LINES) break;
    const heading = group.ticketId === null ? t.internalHeading : t.ticketHeading(group.voucherNo ?? "?", group.customerName ? safeText(oneLine(group.customerName, 80), 100) : null);
    blocks.push({ type: "section", block_id: `${BLOCKS.dailyTicketPrefix}${group.ticketId ?? "internal"}`, text: { type: "mrkdwn", text: heading } });
    for (const line of group.lines) {
      if (full()) break;
      shown += 1;
      blocks.push({
        type: "input",
        block_id: `${BLOCKS.dailyLinePrefix}${line.workLogId}`,
        label: plain(t.lineLabel(m.category[line.category], line.description ? oneLine(line.description, 100) : null), 150),
        element: { type: "number_input", action_id: INPUTS.dailyHours, is_decimal_allowed: true, min_value: "0", max_value: "24", initial_value: String(line.hours) },
      });
    }
  }
  if (day.lines.length > shown) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: t.moreLines(day.lines.length - shown) }] });
  blocks.push({ type: "context", block_id: BLOCKS.dailyTotals, elements: [{ type: "mrkdwn", text: totalsText(day, m) }] });
  blocks.push({ type: "divider" });
  blocks.push({
    type: "input",
    block_id: BLOCKS.dailyInternalHours,
    optional: true,
    label: plain(t.internalHoursLabel),
    element: { type: "number_input", action_id: INPUTS.dailyInternalHours, is_decimal_allowed: true, min_value: "0", max_value: "24" },
  });
  blocks.push({
    type: "input",
    block_id: BLOCKS.dailyInternalDescription,
    optional: true,
    label: plain(t.internalDescriptionLabel),
    element: { type: "plain_text_input", action_id: INPUTS.dailyInternalDescription, max_length: 500, placeholder: plain(t.internalDescriptionPlaceholder, 150) },
  });
  blocks.push({
    type: "input",
    block_id: BLOCKS.dailyNotes,
    optional: true,
    label: plain(t.notesLabel),
    hint: plain(t.notesHint),
    element: { type: "plain_text_input", action_id: INPUTS.dailyNotes, multiline: true, max_length: 3000, placeholder: plain(t.notesPlaceholder, 150) },
  });
  return {
    type: "modal",
    callback_id: VIEWS.dailyReport,
    title: plain(t.title, 24),
    submit: plain(t.submit, 24),
    close: plain(t.cancel, 24),
    private_metadata: day.date,
    blocks,
  };
}

export type DailyReportSubmission = Submission<{ date: string; changes: HoursChange[]; internal: InternalWork[]; notes: string | null }>;

/** Reads the modal: every line's hours, the optional internal work pair, the notes. */
export function readDailyReportSubmission(values: StateValues, privateMetadata: string | undefined, options: { locale?: Locale } = {}): DailyReportSubmission {
  const e = messagesFor(options.locale).dailyReport.errors;
  const errors: Record<string, string> = {};
  const date = (privateMetadata ?? "").trim();
  const changes: HoursChange[] = [];
  for (const blockId of Object.keys(values)) {
    if (!blockId.startsWith(BLOCKS.dailyLinePrefix)) continue;
    const workLogId = Number(blockId.slice(BLOCKS.dailyLinePrefix.length));
    const text = textValue(values, blockId, INPUTS.dailyHours);
    // A cleared field changes nothing; 0 is how a line is removed.
    if (text === undefined) continue;
    const hours = Number(text);
    if (!Number.isInteger(workLogId) || !Number.isFinite(hours) || hours < 0 || hours > 24) errors[blockId] = e["bad-hours"];
    else changes.push({ workLogId, hours });
  }
  const internal: InternalWork[] = [];
  const hoursText = textValue(values, BLOCKS.dailyInternalHours, INPUTS.dailyInternalHours);
  const description = textValue(values, BLOCKS.dailyInternalDescription, INPUTS.dailyInternalDescription);
  if (hoursText !== undefined || description !== undefined) {
    const hours = Number(hoursText ?? "");
    if (hoursText === undefined) errors[BLOCKS.dailyInternalHours] = e["internal-hours-required"];
    else if (!Number.isFinite(hours) || hours <= 0 || hours > 24) errors[BLOCKS.dailyInternalHours] = e["bad-internal-hours"];
    if (description === undefined) errors[BLOCKS.dailyInternalDescription] = e["internal-description-required"];
    if (!errors[BLOCKS.dailyInternalHours] && description !== undefined) internal.push({ hours, description });
  }
  const notes = textValue(values, BLOCKS.dailyNotes, INPUTS.dailyNotes) ?? null;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, date, changes, internal, notes };
}

/** A refusal's problems as errors on the modal's fields. */
export function dailyFieldErrors(problems: DailyWorkProblem[], locale?: Locale): Record<string, string> {
  const e = messagesFor(locale).dailyReport.errors;
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    switch (problem.kind) {
      case "bad-hours":
      case "unknown-line":
        errors[`${BLOCKS.dailyLinePrefix}${problem.workLogId}`] = e[problem.kind];
        break;
      case "bad-internal-hours":
        errors[BLOCKS.dailyInternalHours] = e[problem.kind];
        break;
      case "internal-description-required":
        errors[BLOCKS.dailyInternalDescription] = e[problem.kind];
        break;
      case "too-many-hours":
        errors[BLOCKS.dailyInternalHours] = e.tooManyHours(messagesFor(locale).dailyReport.hours(problem.total));
        break;
      case "notes-required-when-no-hours":
        errors[BLOCKS.dailyNotes] = e[problem.kind];
        break;
    }
  }
  return errors;
}

function summaryLines(day: DailyWork, m: M): string {
  const t = m.dailyReport;
  return day.groups
    .map((group) =>
      group.ticketId === null
        ? t.summaryInternal(hoursByCategory(group.totals, m))
        : t.summaryLine(group.voucherNo ?? "?", group.customerName ? safeText(oneLine(group.customerName, 80), 100) : null, hoursByCategory(group.totals, m)),
    )
    .join("\n");
}

/** The DM after a submission: the day's lines per ticket and the totals per category. */
export function buildDailySubmittedDm(day: DailyWork, locale?: Locale): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(locale);
  const t = m.dailyReport;
  const blocks: KnownBlock[] = [{ type: "section", block_id: BLOCKS.dailyIntro, text: { type: "mrkdwn", text: t.submittedDm(day.date) } }];
  const summary = summaryLines(day, m);
  if (summary) blocks.push({ type: "section", text: { type: "mrkdwn", text: summary.slice(0, 3000) } });
  blocks.push({ type: "context", block_id: BLOCKS.dailyTotals, elements: [{ type: "mrkdwn", text: totalsText(day, m) }] });
  if (day.submitted?.notes) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: t.summaryNotes(safeText(day.submitted.notes, 2900)) }] });
  return { text: `${t.submittedDm(day.date)} ${totalsText(day, m).replace(/\*/g, "")}`, blocks };
}

/** "already submitted at …", in the branch's zone (shown in a plain notice). */
export function alreadySubmittedText(details: Record<string, unknown>, locale?: Locale): string {
  const t = messagesFor(locale).dailyReport;
  const at = typeof details.at === "string" ? new Date(details.at) : null;
  const timeZone = typeof details.timeZone === "string" ? details.timeZone : "UTC";
  const date = typeof details.date === "string" ? details.date : "";
  return t.alreadySubmitted(date, at && !Number.isNaN(at.getTime()) ? fallbackDate(at, timeZone) : "?");
}

/** For directors: who has and has not submitted the day's report, with hours per category. */
export function buildDailyStatusMessage(status: DailyReportStatus, locale?: Locale): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(locale);
  const t = m.dailyReport.status;
  const pending = status.technicians.filter((tech) => !tech.submittedAt);
  const done = status.technicians.filter((tech) => tech.submittedAt);
  const blocks: KnownBlock[] = [{ type: "header", block_id: BLOCKS.dailyStatusHeader, text: plain(oneLine(t.header(status.branchName, status.date), 150), 150) }];
  if (!status.technicians.length) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: t.noTechnicians } });
  } else {
    const pendingLines = pending.slice(0, MAX_STATUS_LINES).map((tech) => t.pendingLine(mention(tech), hoursByCategory(tech.totals, m)));
    const doneLines = done.slice(0, MAX_STATUS_LINES).map((tech) => t.submittedLine(mention(tech), slackDate(tech.submittedAt!, status.timeZone, "{time}"), hoursByCategory(tech.totals, m)));
    blocks.push({ type: "section", block_id: BLOCKS.dailyStatusPending, text: { type: "mrkdwn", text: [t.pendingHeading(pending.length), ...(pendingLines.length ? pendingLines : [t.none])].join("\n").slice(0, 3000) } });
    blocks.push({ type: "section", block_id: BLOCKS.dailyStatusSubmitted, text: { type: "mrkdwn", text: [t.submittedHeading(done.length), ...(doneLines.length ? doneLines : [t.none])].join("\n").slice(0, 3000) } });
  }
  return { text: t.fallback(pending.length, done.length, status.date), blocks };
}

/** The reminder DM: the day is not submitted yet, with a button that opens the modal. */
export function buildDailyReminder(options: { date: string; totals: CategoryTotals; locale?: Locale }): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(options.locale);
  const t = m.dailyReport.reminder;
  const actions: ActionsBlock = {
    type: "actions",
    block_id: BLOCKS.dailyReminderActions,
    elements: [{ type: "button", action_id: ACTIONS.dailyReportOpen, text: plain(t.button, 75), value: options.date, style: "primary" }],
  };
  return {
    text: t.text(options.date),
    blocks: [{ type: "section", block_id: BLOCKS.dailyReminder, text: { type: "mrkdwn", text: t.body(options.date, hoursByCategory(options.totals, m)) } }, actions],
  };
}
