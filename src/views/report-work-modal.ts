// R9–R14: the technician's Report work modal: hours per category, parts used, the outcome, and for
// paid calls (R10) the fee and its settlement. Choosing the outcome or adding a part row updates the
// view in place (same block ids, so what was typed stays).
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { z } from "zod";
import { SERVICE_CATEGORIES, type ServiceCategory } from "../domain/category";
import { feePolicy, mayCharge, type FeePolicy } from "../domain/fees";
import type { WorkReportFacts } from "../services/outbox/effects";
import type { PartProblem } from "../services/parts/book-parts-used";
import type { TicketCard } from "../services/tickets/models";
import { chargedCosts, formatMoney, safeText, slackDate } from "./format";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale, type Messages } from "./messages";
import { checkedValues, dateTimeValue, optionValue, textValue, unixSeconds, type StateValues, type Submission } from "./state";
import { plain } from "./ticket-modal-common";

export const MAX_PART_ROWS = 6;
export const MAX_TEXT = 2000;
const OUTCOMES = ["FIXED_ON_SITE", "TAKEN_TO_WORKSHOP", "RESCHEDULED", "HANDED_OVER", "REPLACEMENT_RECOMMENDED"] as const;
export type ReportOutcome = (typeof OUTCOMES)[number];
const SETTLEMENTS = ["COLLECTED_ON_SITE", "INVOICE_REQUESTED"] as const;

export interface ReportModalMetadata {
  ticketId: number;
  rows: number;
  chargeable: boolean;
  category: ServiceCategory;
  status: string;
}

const metadataSchema = z.object({
  ticketId: z.number().int().positive(),
  rows: z.number().int().min(1).max(MAX_PART_ROWS),
  chargeable: z.boolean(),
  category: z.enum(SERVICE_CATEGORIES),
  status: z.string().max(20),
});

export function readReportMetadata(privateMetadata: string | undefined): ReportModalMetadata | null {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(privateMetadata || "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The categories in the order the modal shows them: the call's own first. */
export function categoriesFor(own: ServiceCategory): ServiceCategory[] {
  return [own, ...SERVICE_CATEGORIES.filter((category) => category !== own)];
}

export interface ReportModalOptions {
  card: TicketCard;
  rows?: number;
  /** The outcome chosen so far (custody fields follow it). */
  outcome?: ReportOutcome | null;
  /** R10: the branch's labour rate per person-hour, and its currency. */
  labourRate?: string | null;
  currency?: string | null;
  /** R11/R12: the expected completion offered when the item goes to the workshop (the turnaround target). */
  workshopCompletionDefault?: Date | null;
  /** What has been typed so far, for the labour preview. */
  values?: StateValues;
  now: Date;
  locale?: Locale;
}

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, 75), value };
}

export function buildReportWorkModal(options: ReportModalOptions): ModalView {
  const { card, now } = options;
  const m = messagesFor(options.locale).workReport;
  const t = m.modal;
  const status = messagesFor(options.locale).status;
  const category = messagesFor(options.locale).category;
  const rows = Math.min(Math.max(options.rows ?? 1, 1), MAX_PART_ROWS);
  const inWorkshop = card.status === "IN_WORKSHOP";
  // chargeable: the modal asks the fee questions (anything may be charged on this call, R10).
  const metadata: ReportModalMetadata = { ticketId: card.id, rows, chargeable: mayCharge(card.fees ?? feePolicy(card.category, null)), category: card.category, status: card.status };
  const blocks: KnownBlock[] = [
    {
      type: "section",
      block_id: BLOCKS.reportSummary,
      text: {
        type: "mrkdwn",
        text: [t.summary(card.voucherNo, safeText(card.customer.name, 200), status[card.status]), inWorkshop ? t.workshopHint : null].filter(Boolean).join("\n"),
      },
    },
  ];
  categoriesFor(card.category).forEach((cat, index) => {
    blocks.push({
      type: "input",
      block_id: BLOCKS.reportHoursPrefix + cat,
      optional: true,
      label: plain(t.hours(category[cat], cat === card.category)),
      ...(index === 0 ? { hint: plain(t.hoursHint, 150) } : {}),
      element: { type: "number_input", action_id: INPUTS.reportHours, is_decimal_allowed: true, min_value: "0", max_value: "24" },
    });
  });
  for (let row = 0; row < rows; row++) {
    const n = row + 1;
    blocks.push(
      {
        type: "input",
        block_id: BLOCKS.reportPartPrefix + row,
        optional: true,
        label: plain(t.part(n)),
        element: { type: "external_select", action_id: ACTIONS.reportPartSelect, min_query_length: 0, placeholder: plain(t.partPlaceholder, 150) },
      },
      {
        type: "input",
        block_id: BLOCKS.reportPartQtyPrefix + row,
        optional: true,
        label: plain(t.quantity(n)),
        element: { type: "number_input", action_id: INPUTS.reportQuantity, is_decimal_allowed: false, min_value: "1", max_value: "999" },
      },
      {
        type: "input",
        block_id: BLOCKS.reportSerialOutPrefix + row,
        optional: true,
        label: plain(t.serialOut(n)),
        hint: plain(t.serialHint, 150),
        element: { type: "plain_text_input", action_id: INPUTS.reportSerialOut, max_length: 100 },
      },
      {
        type: "input",
        block_id: BLOCKS.reportSerialInPrefix + row,
        optional: true,
        label: plain(t.serialIn(n)),
        element: { type: "plain_text_input", action_id: INPUTS.reportSerialIn, max_length: 100 },
      },
    );
  }
  if (rows < MAX_PART_ROWS) {
    blocks.push({ type: "actions", block_id: BLOCKS.reportAddPartActions, elements: [{ type: "button", action_id: ACTIONS.reportAddPart, text: plain(t.addPart, 75), value: String(rows + 1) }] });
  }
  const outcomes = OUTCOMES.filter((outcome) => !(inWorkshop && outcome === "TAKEN_TO_WORKSHOP"));
  const outcomeOptions = outcomes.map((outcome) => option(inWorkshop && outcome === "FIXED_ON_SITE" ? t.workshopFixed : t.outcomes[outcome], outcome));
  const chosen = options.outcome ? outcomeOptions.find((o) => o.value === options.outcome) : undefined;
  blocks.push({
    type: "input",
    block_id: BLOCKS.reportOutcomeBlock,
    dispatch_action: true,
    label: plain(t.outcome),
    element: { type: "radio_buttons", action_id: ACTIONS.reportOutcome, options: outcomeOptions, ...(chosen ? { initial_option: chosen } : {}) },
  });
  if (options.outcome === "TAKEN_TO_WORKSHOP" && !inWorkshop) {
    blocks.push(
      { type: "input", block_id: BLOCKS.reportCustodyItems, label: plain(t.custodyItems), element: { type: "plain_text_input", action_id: INPUTS.reportCustodyItems, multiline: true, max_length: 1000 } },
      { type: "input", block_id: BLOCKS.reportCustodyCondition, label: plain(t.custodyCondition), element: { type: "plain_text_input", action_id: INPUTS.reportCustodyCondition, multiline: true, max_length: 1000 } },
      { type: "input", block_id: BLOCKS.reportCustodyAccessories, optional: true, label: plain(t.custodyAccessories), element: { type: "plain_text_input", action_id: INPUTS.reportCustodyAccessories, max_length: 500 } },
    );
  }
  // R12: a parked call says when it will be finished (the customer is told); the workshop offers its target.
  const parks = options.outcome === "RESCHEDULED" || options.outcome === "HANDED_OVER" || (options.outcome === "TAKEN_TO_WORKSHOP" && !inWorkshop);
  if (parks) {
    const initial = options.outcome === "TAKEN_TO_WORKSHOP" ? options.workshopCompletionDefault : null;
    blocks.push({
      type: "input",
      block_id: BLOCKS.reportExpectedCompletion,
      optional: options.outcome === "TAKEN_TO_WORKSHOP",
      label: plain(t.expectedCompletion),
      hint: plain(t.expectedCompletionHint, 150),
      element: { type: "datetimepicker", action_id: INPUTS.reportExpectedCompletion, ...(initial ? { initial_date_time: unixSeconds(initial) } : {}) },
    });
  }
  blocks.push(
    { type: "input", block_id: BLOCKS.reportDiagnosis, optional: true, label: plain(t.diagnosis), element: { type: "plain_text_input", action_id: INPUTS.reportDiagnosis, multiline: true, max_length: MAX_TEXT } },
    { type: "input", block_id: BLOCKS.reportNotes, optional: true, label: plain(t.notes), element: { type: "plain_text_input", action_id: INPUTS.reportNotes, multiline: true, max_length: MAX_TEXT } },
    {
      type: "input",
      block_id: BLOCKS.reportSignedBy,
      optional: true,
      label: plain(t.signedBy),
      hint: plain(t.signedByHint, 150),
      element: { type: "plain_text_input", action_id: INPUTS.reportSignedBy, max_length: 200 },
    },
    { type: "input", block_id: BLOCKS.reportSignedAt, optional: true, label: plain(t.signedAt), element: { type: "datetimepicker", action_id: INPUTS.reportSignedAt, initial_date_time: unixSeconds(now) } },
  );
  const fees = card.fees ?? feePolicy(card.category, null);
  if (mayCharge(fees)) {
    const currency = options.currency ?? card.rates?.currency ?? "";
    const limit = card.rates?.collectionLimit ?? null;
    const settledLater = inWorkshop || (card.itemsInWorkshop ?? 0) > 0;
    blocks.push({ type: "context", block_id: BLOCKS.reportFeeContext, elements: [{ type: "mrkdwn", text: feeContextText(card, fees, options, t) }] });
    if (fees.travel) {
      const amount = (blockId: string, actionId: string, label: string): KnownBlock => ({
        type: "input",
        block_id: blockId,
        optional: true,
        label: plain(label),
        element: { type: "number_input", action_id: actionId, is_decimal_allowed: true, min_value: "0" },
      });
      blocks.push(
        amount(BLOCKS.reportTravel, INPUTS.reportTravel, t.travel(currency)),
        amount(BLOCKS.reportMeals, INPUTS.reportMeals, t.meals(currency)),
        amount(BLOCKS.reportLodging, INPUTS.reportLodging, t.lodging(currency)),
      );
    }
    if (settledLater) blocks.push({ type: "context", block_id: BLOCKS.reportSettledLater, elements: [{ type: "mrkdwn", text: t.settledLater }] });
    else {
      // Optional for Slack: the service asks for them only when something is charged (paid work always).
      blocks.push(
        {
          type: "input",
          block_id: BLOCKS.reportSettlement,
          optional: true,
          label: plain(t.settlement),
          ...(limit ? { hint: plain(t.settlementHint(formatMoney(limit, currency)), 150) } : {}),
          element: { type: "radio_buttons", action_id: INPUTS.reportSettlement, options: SETTLEMENTS.map((s) => option(t.settlements[s], s)) },
        },
        {
          type: "input",
          block_id: BLOCKS.reportFeeAgreed,
          optional: true,
          label: plain(t.feeAgreedLabel),
          element: { type: "checkboxes", action_id: INPUTS.reportFeeAgreed, options: [option(t.feeAgreed, "agreed")] },
        },
      );
    }
  }
  return {
    type: "modal",
    callback_id: VIEWS.reportWork,
    title: plain(t.title, 24),
    submit: plain(t.submit, 24),
    close: plain(t.close, 24),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

/** R10: what this call charges, with the labour so far on a paid call. */
function feeContextText(card: TicketCard, fees: FeePolicy, options: ReportModalOptions, t: Messages["workReport"]["modal"]): string {
  const currency = options.currency ?? card.rates?.currency ?? "";
  if (card.category === "A_PAID") {
    const rate = options.labourRate ?? card.rates?.labourRate ?? "0";
    const hoursA = Number(options.values ? textValue(options.values, BLOCKS.reportHoursPrefix + "A_PAID", INPUTS.reportHours) : undefined);
    const labour = Number.isFinite(hoursA) && hoursA > 0 ? formatMoney(hoursA * Number(rate), currency) : null;
    return t.feeContext(formatMoney(rate, currency), labour);
  }
  if (card.category === "C_WARRANTY") return t.feeContextWarranty;
  return t.feeContextContract(chargedCosts(fees, messagesFor(options.locale)));
}

/** The outcome currently chosen in a (partly filled) modal. */
export function chosenOutcome(values: StateValues): ReportOutcome | null {
  const value = optionValue(values, BLOCKS.reportOutcomeBlock, ACTIONS.reportOutcome);
  return (OUTCOMES as readonly string[]).includes(value ?? "") ? (value as ReportOutcome) : null;
}

export interface ReportSubmission {
  ticketId: number;
  hours: { category: ServiceCategory; hours: number }[];
  parts: { partId: number; quantity: number; serialOut?: string; serialIn?: string; row: number }[];
  outcome: ReportOutcome;
  diagnosis?: string;
  notes?: string;
  fee: { travel: number; meals: number; lodging: number } | null;
  settlement: "NONE" | "COLLECTED_ON_SITE" | "INVOICE_REQUESTED";
  feeAgreed: boolean;
  signedByName?: string;
  signedAt?: Date;
  custody: { items: string; condition: string; accessories?: string } | null;
  /** R12: when a parked call is expected to be finished (told to the customer). */
  expectedCompletionAt?: Date;
}

function numberOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}

export function readReportSubmission(values: StateValues, metadata: ReportModalMetadata, options: { locale?: Locale } = {}): Submission<ReportSubmission> {
  const e = messagesFor(options.locale).workReport.errors;
  const errors: Record<string, string> = {};
  const hours: ReportSubmission["hours"] = [];
  const order = categoriesFor(metadata.category);
  for (const cat of order) {
    const value = numberOf(textValue(values, BLOCKS.reportHoursPrefix + cat, INPUTS.reportHours));
    if (value === undefined || value === 0) continue;
    if (Number.isNaN(value) || value < 0 || value > 24 || Math.round(value * 4) !== value * 4) errors[BLOCKS.reportHoursPrefix + cat] = e["hours-invalid"];
    else hours.push({ category: cat, hours: value });
  }
  if (!hours.length && !Object.keys(errors).length) errors[BLOCKS.reportHoursPrefix + order[0]] = e["hours-required"];
  const parts: ReportSubmission["parts"] = [];
  for (let row = 0; row < metadata.rows; row++) {
    const partId = Number(optionValue(values, BLOCKS.reportPartPrefix + row, ACTIONS.reportPartSelect));
    const quantityText = textValue(values, BLOCKS.reportPartQtyPrefix + row, INPUTS.reportQuantity);
    const hasPart = Number.isInteger(partId) && partId > 0;
    if (!hasPart) {
      if (quantityText !== undefined) errors[BLOCKS.reportPartPrefix + row] = e["part-required"];
      continue;
    }
    const quantity = quantityText === undefined ? 1 : Number(quantityText);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999) {
      errors[BLOCKS.reportPartQtyPrefix + row] = e["bad-quantity"];
      continue;
    }
    parts.push({
      partId,
      quantity,
      serialOut: textValue(values, BLOCKS.reportSerialOutPrefix + row, INPUTS.reportSerialOut),
      serialIn: textValue(values, BLOCKS.reportSerialInPrefix + row, INPUTS.reportSerialIn),
      row,
    });
  }
  const outcome = chosenOutcome(values);
  if (!outcome) errors[BLOCKS.reportOutcomeBlock] = e.invalid;
  let fee: ReportSubmission["fee"] = null;
  let settlement: ReportSubmission["settlement"] = "NONE";
  let feeAgreed = false;
  if (metadata.chargeable) {
    const travel = numberOf(textValue(values, BLOCKS.reportTravel, INPUTS.reportTravel)) ?? 0;
    const meals = numberOf(textValue(values, BLOCKS.reportMeals, INPUTS.reportMeals)) ?? 0;
    const lodging = numberOf(textValue(values, BLOCKS.reportLodging, INPUTS.reportLodging)) ?? 0;
    if (Number.isNaN(travel) || travel < 0) errors[BLOCKS.reportTravel] = e["amount-invalid"];
    if (Number.isNaN(meals) || meals < 0) errors[BLOCKS.reportMeals] = e["amount-invalid"];
    if (Number.isNaN(lodging) || lodging < 0) errors[BLOCKS.reportLodging] = e["amount-invalid"];
    fee = { travel, meals, lodging };
    const chosen = optionValue(values, BLOCKS.reportSettlement, INPUTS.reportSettlement);
    settlement = chosen === "COLLECTED_ON_SITE" || chosen === "INVOICE_REQUESTED" ? chosen : "NONE";
    feeAgreed = checkedValues(values, BLOCKS.reportFeeAgreed, INPUTS.reportFeeAgreed).includes("agreed");
  }
  const items = textValue(values, BLOCKS.reportCustodyItems, INPUTS.reportCustodyItems);
  const condition = textValue(values, BLOCKS.reportCustodyCondition, INPUTS.reportCustodyCondition);
  const custody = outcome === "TAKEN_TO_WORKSHOP" ? { items: items ?? "", condition: condition ?? "", accessories: textValue(values, BLOCKS.reportCustodyAccessories, INPUTS.reportCustodyAccessories) } : null;
  const expectedCompletionAt =
    outcome === "RESCHEDULED" || outcome === "HANDED_OVER" || outcome === "TAKEN_TO_WORKSHOP"
      ? dateTimeValue(values, BLOCKS.reportExpectedCompletion, INPUTS.reportExpectedCompletion)
      : undefined;
  if ((outcome === "RESCHEDULED" || outcome === "HANDED_OVER") && !expectedCompletionAt) errors[BLOCKS.reportExpectedCompletion] = e["expected-completion-required"];
  if (Object.keys(errors).length || !outcome) return { ok: false, errors };
  return {
    ok: true,
    ticketId: metadata.ticketId,
    hours,
    parts,
    outcome,
    diagnosis: textValue(values, BLOCKS.reportDiagnosis, INPUTS.reportDiagnosis),
    notes: textValue(values, BLOCKS.reportNotes, INPUTS.reportNotes),
    fee,
    settlement,
    feeAgreed,
    signedByName: textValue(values, BLOCKS.reportSignedBy, INPUTS.reportSignedBy),
    signedAt: dateTimeValue(values, BLOCKS.reportSignedAt, INPUTS.reportSignedAt),
    custody,
    expectedCompletionAt,
  };
}

const SERVICE_FIELD_BLOCKS: Record<string, string> = {
  signedByName: BLOCKS.reportSignedBy,
  custodyItems: BLOCKS.reportCustodyItems,
  custodyCondition: BLOCKS.reportCustodyCondition,
  outcome: BLOCKS.reportOutcomeBlock,
  settlement: BLOCKS.reportSettlement,
  feeAgreed: BLOCKS.reportFeeAgreed,
  travel: BLOCKS.reportTravel,
  meals: BLOCKS.reportMeals,
  lodging: BLOCKS.reportLodging,
  expectedCompletion: BLOCKS.reportExpectedCompletion,
};

/**
 * The service's refusals (field errors and R14 part problems) as errors on the modal's blocks.
 * `parts` are the submitted lines in the order the service got them (each with its row).
 */
export function reportErrorsOnFields(
  refusal: { fieldErrors?: Record<string, string>; problems: PartProblem[] },
  submission: Pick<ReportSubmission, "parts">,
  metadata: ReportModalMetadata,
  locale?: Locale,
): Record<string, string> {
  const e = messagesFor(locale).workReport.errors;
  const errors: Record<string, string> = {};
  for (const [field, key] of Object.entries(refusal.fieldErrors ?? {})) {
    const text = e[key] ?? e.invalid;
    if (field === "hours") errors[BLOCKS.reportHoursPrefix + categoriesFor(metadata.category)[0]] = text;
    else if (field.startsWith("part:")) {
      const line = submission.parts[Number(field.slice(5))];
      errors[BLOCKS.reportPartQtyPrefix + (line?.row ?? 0)] = text;
    } else errors[SERVICE_FIELD_BLOCKS[field] ?? BLOCKS.reportOutcomeBlock] = text;
  }
  for (const problem of refusal.problems) {
    const row = submission.parts.find((line) => line.partId === problem.partId)?.row ?? 0;
    if (problem.kind === "not-enough-stock") errors[BLOCKS.reportPartQtyPrefix + row] = messagesFor(locale).workReport.notEnoughStock(problem.available);
    else if (problem.kind === "serial-required") errors[BLOCKS.reportSerialOutPrefix + row] = e["serial-required"];
    else errors[BLOCKS.reportPartPrefix + row] = e["unknown-part"];
  }
  return errors;
}

/** The thread line of a saved report: outcome and status, hours, parts, fee, signature, receipt. */
export function reportHistoryText(
  result: Omit<WorkReportFacts, "charges" | "invoiceRequest" | "expectedCompletionAt"> & Partial<Pick<WorkReportFacts, "charges" | "invoiceRequest" | "expectedCompletionAt">>,
  context: { actor: string; when: string; timeZone?: string },
  locale?: Locale,
): string {
  const all = messagesFor(locale);
  const t = all.workReport.history;
  const outcome = result.fromStatus === "IN_WORKSHOP" && result.outcome === "FIXED_ON_SITE" ? all.workReport.modal.workshopFixed : all.workReport.modal.outcomes[result.outcome];
  const lines = [
    t.reported(context.actor, outcome, all.status[result.status as keyof typeof all.status] ?? result.status, context.when),
    result.hours.length ? t.hours(result.hours.map((line) => t.hoursPart(all.category[line.category], String(line.hours))).join(", ")) : null,
    result.parts.length ? t.parts(result.parts.map((part) => t.part(safeText(part.partNo, 50), safeText(part.name, 100), part.quantity)).join(", ")) : null,
    Number(result.feeTotal) > 0 ? t.fee(formatMoney(result.feeTotal, result.currency), all.workReport.modal.settlements[result.settlement]) : null,
    result.charges?.length ? t.feeLines(result.charges.map((c) => t.feeLine(t.kinds[c.kind] ?? c.kind, formatMoney(c.amount, result.currency), t.reasons[c.reason] ?? c.reason)).join(", ")) : null,
    result.invoiceRequest ? t.invoiceRequested(formatMoney(result.invoiceRequest.amount, result.invoiceRequest.currency)) : null,
    result.signedByName ? t.signed(safeText(result.signedByName, 200)) : null,
    result.receipt ? t.receipt(result.receipt.number) : null,
    result.repairedReceiptNumber ? t.repaired(result.repairedReceiptNumber) : null,
    result.outcome === "HANDED_OVER" ? t.handOver : null,
    result.expectedCompletionAt ? t.expectedCompletion(slackDate(result.expectedCompletionAt, context.timeZone ?? "UTC")) : null,
  ].filter((line): line is string => Boolean(line));
  return lines.join("\n");
}
