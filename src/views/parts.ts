// R14: `/repair parts` (my loans, the branch stock), the Borrow and Return modals, and the DM about
// loans still out at closing. Slack allows 50 blocks per message and 100 options per select.
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { LoanView, StockLine } from "../services/parts/loans";
import { oneLine, safeText, slackDate } from "./format";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale } from "./messages";
import { textValue, optionValue, type StateValues, type Submission } from "./state";
import { plain } from "./ticket-modal-common";

const MAX_LOANS = 20;

/** A loan flagged at closing, with the local days it has been out (R14). */
export type ClosingLoan = LoanView & { daysOut: number };
const MAX_STOCK = 20;
const MAX_RETURN_LINES = 40;

function loanLine(loan: LoanView, timeZone: string, m: ReturnType<typeof messagesFor>): string {
  const text = m.partsWorkshop.parts.loanLine(
    loan.partNo,
    safeText(oneLine(loan.name, 80), 100),
    loan.quantity,
    loan.quantityUsed,
    loan.quantityReturned,
    loan.left,
    slackDate(loan.borrowedAt, timeZone),
  );
  return loan.flaggedAt ? text + m.partsWorkshop.parts.flagged : text;
}

export function buildPartsMessage(options: {
  loans: LoanView[];
  stock: StockLine[];
  query: string | null;
  timeZone: string;
  /** False for staff who only look at the stock (parts clerks): no loans, no buttons. */
  canBorrow?: boolean;
  locale?: Locale;
}): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(options.locale);
  const t = m.partsWorkshop.parts;
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(t.header, 150) },
    { type: "context", block_id: BLOCKS.partsIntro, elements: [{ type: "mrkdwn", text: t.intro }] },
  ];
  const loans = options.loans.slice(0, MAX_LOANS);
  const loanText = loans.length ? loans.map((loan) => `• ${loanLine(loan, options.timeZone, m)}`).join("\n") : t.noLoans;
  if (options.canBorrow !== false) blocks.push({ type: "section", block_id: BLOCKS.partsLoans, text: { type: "mrkdwn", text: loanText.slice(0, 3000) } });
  const buttons: { type: "button"; action_id: string; text: ReturnType<typeof plain>; value: string }[] = [{ type: "button", action_id: ACTIONS.partsBorrowOpen, text: plain(t.borrowButton, 75), value: "borrow" }];
  if (options.loans.length) buttons.push({ type: "button", action_id: ACTIONS.partsReturnOpen, text: plain(t.returnButton, 75), value: "return" });
  if (options.canBorrow !== false) blocks.push({ type: "actions", block_id: BLOCKS.partsActions, elements: buttons });
  blocks.push({ type: "divider" });
  const stock = options.stock.slice(0, MAX_STOCK);
  const query = options.query ? safeText(oneLine(options.query, 60), 80) : null;
  const stockText = stock.length
    ? `*${t.stockHeader(query)}*\n` + stock.map((line) => `• ${t.stockLine(line.partNo, safeText(oneLine(line.name, 80), 100), line.quantity)}`).join("\n")
    : t.noStock(query);
  blocks.push({ type: "section", block_id: BLOCKS.partsStock, text: { type: "mrkdwn", text: stockText.slice(0, 3000) } });
  if (options.stock.length >= MAX_STOCK) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: t.moreStock }] });
  return { text: t.fallback(options.loans.length), blocks };
}

export function buildBorrowModal(options: { locale?: Locale; privateMetadata?: string } = {}): ModalView {
  const t = messagesFor(options.locale).partsWorkshop.parts;
  return {
    type: "modal",
    callback_id: VIEWS.partsBorrow,
    title: plain(t.borrowTitle, 24),
    submit: plain(t.borrowSubmit, 24),
    close: plain(t.cancel, 24),
    private_metadata: options.privateMetadata ?? "",
    blocks: [
      {
        type: "input",
        block_id: BLOCKS.partsBorrowPart,
        label: plain(t.partLabel),
        element: { type: "external_select", action_id: ACTIONS.partsBorrowPartSelect, min_query_length: 0, placeholder: plain(t.partPlaceholder, 150) },
      },
      {
        type: "input",
        block_id: BLOCKS.partsBorrowQuantity,
        label: plain(t.quantityLabel),
        hint: plain(t.borrowHint, 2000),
        element: { type: "number_input", action_id: INPUTS.partsQuantity, is_decimal_allowed: false, min_value: "1", initial_value: "1" },
      },
    ],
  };
}

export function buildPartOptions(stock: StockLine[], locale?: Locale): { options: PlainTextOption[] } {
  const t = messagesFor(locale).partsWorkshop.parts;
  return { options: stock.slice(0, 100).map((line) => ({ text: plain(oneLine(t.partOption(line.partNo, line.name, line.quantity), 75), 75), value: String(line.partId) })) };
}

export function readBorrowSubmission(values: StateValues, options: { locale?: Locale } = {}): Submission<{ partId: number; quantity: number }> {
  const e = messagesFor(options.locale).partsWorkshop.parts.errors;
  const errors: Record<string, string> = {};
  const partId = Number(optionValue(values, BLOCKS.partsBorrowPart, ACTIONS.partsBorrowPartSelect));
  if (!Number.isInteger(partId) || partId <= 0) errors[BLOCKS.partsBorrowPart] = e["unknown-part"];
  const quantity = Number(textValue(values, BLOCKS.partsBorrowQuantity, INPUTS.partsQuantity));
  if (!Number.isInteger(quantity) || quantity <= 0) errors[BLOCKS.partsBorrowQuantity] = e["bad-quantity"];
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, partId, quantity };
}

export function buildReturnModal(options: { loans: LoanView[]; locale?: Locale; privateMetadata?: string }): ModalView {
  const t = messagesFor(options.locale).partsWorkshop.parts;
  const loans = options.loans.slice(0, MAX_RETURN_LINES);
  const blocks: KnownBlock[] = [{ type: "context", elements: [{ type: "mrkdwn", text: loans.length ? t.returnIntro : t.nothingToReturn }] }];
  for (const loan of loans) {
    blocks.push({
      type: "input",
      block_id: `${BLOCKS.partsReturnLinePrefix}${loan.id}`,
      label: plain(t.returnLineLabel(loan.partNo, oneLine(loan.name, 80), loan.left), 150),
      element: { type: "number_input", action_id: INPUTS.partsReturnQuantity, is_decimal_allowed: false, min_value: "0", max_value: String(loan.left), initial_value: String(loan.left) },
    });
  }
  return {
    type: "modal",
    callback_id: VIEWS.partsReturn,
    title: plain(t.returnTitle, 24),
    ...(loans.length ? { submit: plain(t.returnSubmit, 24) } : {}),
    close: plain(t.cancel, 24),
    private_metadata: options.privateMetadata ?? "",
    blocks,
  };
}

export function readReturnSubmission(values: StateValues, options: { locale?: Locale } = {}): Submission<{ lines: { loanId: number; quantity: number }[] }> {
  const e = messagesFor(options.locale).partsWorkshop.parts.errors;
  const errors: Record<string, string> = {};
  const lines: { loanId: number; quantity: number }[] = [];
  for (const blockId of Object.keys(values)) {
    if (!blockId.startsWith(BLOCKS.partsReturnLinePrefix)) continue;
    const loanId = Number(blockId.slice(BLOCKS.partsReturnLinePrefix.length));
    const text = textValue(values, blockId, INPUTS.partsReturnQuantity) ?? "0";
    const quantity = Number(text);
    if (!Number.isInteger(loanId) || !Number.isInteger(quantity) || quantity < 0) errors[blockId] = e["bad-return-quantity"];
    else lines.push({ loanId, quantity });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, lines };
}

/** A return refusal's field keys (loan id → problem) as errors on the modal's blocks. */
export function returnFieldErrors(problems: { loanId: number; kind: string; left?: number }[], locale?: Locale): Record<string, string> {
  const e = messagesFor(locale).partsWorkshop.parts.errors;
  return Object.fromEntries(
    problems.map((p) => [
      `${BLOCKS.partsReturnLinePrefix}${p.loanId}`,
      p.kind === "too-many" ? e.tooMany(p.left ?? 0) : p.kind === "unknown-loan" ? e["unknown-loan"] : e["bad-return-quantity"],
    ]),
  );
}

export function buildReturnedText(loans: { partNo: string; returned: number }[], locale?: Locale): string {
  const t = messagesFor(locale).partsWorkshop.parts;
  if (!loans.length) return t.nothingReturned;
  return t.returned(loans.map((loan) => t.returnedLine(loan.returned, loan.partNo)).join(", "));
}

/** R14: the DM at closing, to the borrower (audience "borrower") or a parts clerk ("clerk"). */
export function buildLoansAtClosingDm(options: {
  audience: "borrower" | "clerk";
  borrowerName: string;
  /** Still out at this closing. */
  loans: ClosingLoan[];
  /** Out over a night no closing saw, back by now. */
  back?: ClosingLoan[];
  timeZone: string;
  locale?: Locale;
}): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(options.locale);
  const t = m.partsWorkshop.parts;
  const name = safeText(oneLine(options.borrowerName, 80), 100);
  const back = options.back ?? [];
  const list = (lines: string[], total: number) => {
    const shown = lines.slice(0, MAX_LOANS);
    if (total > MAX_LOANS) shown.push(m.partsWorkshop.register.more(total - MAX_LOANS));
    return { type: "section", text: { type: "mrkdwn", text: shown.join("\n").slice(0, 3000) } } satisfies KnownBlock;
  };
  const blocks: KnownBlock[] = [];
  if (options.loans.length) {
    const intro = options.audience === "borrower" ? t.atClosingBorrower(options.loans.length) : t.atClosingClerk(name, options.loans.length);
    blocks.push({ type: "section", block_id: BLOCKS.partsAtClosing, text: { type: "mrkdwn", text: intro } });
    const lines = options.loans.map((loan) => `• ${loanLine({ ...loan, flaggedAt: null }, options.timeZone, m)}${loan.daysOut > 1 ? t.daysOut(loan.daysOut) : ""}`);
    blocks.push(list(lines, options.loans.length));
  }
  if (back.length) {
    const intro = options.audience === "borrower" ? t.backBorrower(back.length) : t.backClerk(name, back.length);
    blocks.push({ type: "section", block_id: BLOCKS.partsBackOvernight, text: { type: "mrkdwn", text: intro } });
    const lines = back.map(
      (loan) =>
        `• ${t.backLine(loan.partNo, safeText(oneLine(loan.name, 80), 100), loan.quantity, slackDate(loan.borrowedAt, options.timeZone), loan.settledAt ? slackDate(loan.settledAt, options.timeZone) : "—")}`,
    );
    blocks.push(list(lines, back.length));
  }
  if (options.audience === "borrower" && options.loans.length) {
    blocks.push({ type: "actions", elements: [{ type: "button", action_id: ACTIONS.partsReturnOpen, text: plain(t.returnButton, 75), value: "return" }] });
  }
  return { text: options.loans.length ? t.atClosingFallback(options.loans.length) : t.backFallback(back.length), blocks };
}
