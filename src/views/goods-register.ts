// R11: `/repair register` (what is in the workshop, with a state select and the repair card per
// item, and what went back in the last 7 days) and the Return to customer modal.
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { GoodsRegister, RegisterItem, WorkshopState } from "../services/workshop/custody";
import { WORKSHOP_STATES } from "../services/workshop/custody";
import { oneLine, safeText, slackDate } from "./format";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale } from "./messages";
import { dateTimeValue, textValue, unixSeconds, type StateValues, type Submission } from "./state";
import { plain, readTicketModalMetadata } from "./ticket-modal-common";

const MAX_ITEMS = 20; // two blocks per item, header and intro: < 50
const MAX_RETURNED = 20;
export const MAX_RETURN_NOTE = 500;
export const MAX_SIGNED_BY = 120;

function stateOption(state: WorkshopState, receiptId: number, m: ReturnType<typeof messagesFor>): PlainTextOption {
  return { text: plain(m.partsWorkshop.register.states[state], 75), value: `${receiptId}:${state}` };
}

function cardText(item: RegisterItem, register: GoodsRegister, m: ReturnType<typeof messagesFor>): string {
  const r = m.partsWorkshop.register;
  const parts = item.card.parts.length ? item.card.parts.map((p) => r.partLine(p.quantity, p.partNo)).join(", ") : r.noParts;
  // R11/R12: each item shows when it is due out by the turnaround target, marked once past it.
  const due = r.due(slackDate(item.dueAt, register.timeZone), register.turnaround.days);
  const mark = item.pastSpecialLimit ? r.pastSpecial(register.turnaround.specialDays) : item.pastDue ? r.pastDue(register.turnaround.days) : null;
  return [r.card(String(item.card.hours), parts), mark ? `${due} · ${mark}` : due].join("\n");
}

export function buildGoodsRegisterMessage(options: { register: GoodsRegister; locale?: Locale }): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(options.locale);
  const r = m.partsWorkshop.register;
  const { register } = options;
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(r.header, 150) },
    { type: "context", block_id: BLOCKS.registerIntro, elements: [{ type: "mrkdwn", text: `${r.intro} ${r.targets(register.turnaround.days, register.turnaround.specialDays)}` }] },
  ];
  if (!register.inWorkshop.length) blocks.push({ type: "section", text: { type: "mrkdwn", text: r.empty } });
  for (const item of register.inWorkshop.slice(0, MAX_ITEMS)) {
    const text = r.item(item.number, item.voucherNo, safeText(oneLine(item.customerName, 80), 100), safeText(oneLine(item.items, 300), 400), slackDate(item.receivedAt, register.timeZone));
    const options = WORKSHOP_STATES.map((state) => stateOption(state, item.receiptId, m));
    blocks.push({
      type: "section",
      block_id: `${BLOCKS.registerItemPrefix}${item.receiptId}`,
      text: { type: "mrkdwn", text: text.slice(0, 3000) },
      accessory: {
        type: "static_select",
        action_id: ACTIONS.registerStateSelect,
        placeholder: plain(r.statePlaceholder, 150),
        options,
        initial_option: options.find((option) => option.value === `${item.receiptId}:${item.state}`),
      },
    });
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: cardText(item, register, m).slice(0, 3000) }] });
  }
  if (register.inWorkshop.length > MAX_ITEMS) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: r.more(register.inWorkshop.length - MAX_ITEMS) }] });
  if (register.returned.length) {
    const lines = register.returned
      .slice(0, MAX_RETURNED)
      .map((item) => `• ${r.returnedItem(item.number, item.voucherNo, safeText(oneLine(item.customerName, 60), 80), slackDate(item.returnedAt!, register.timeZone), safeText(oneLine(item.returnSignedBy ?? "", 60), 80))}`);
    if (register.returned.length > MAX_RETURNED) lines.push(r.more(register.returned.length - MAX_RETURNED));
    blocks.push({ type: "divider" });
    blocks.push({ type: "section", block_id: BLOCKS.registerReturned, text: { type: "mrkdwn", text: `*${r.returnedHeader}*\n${lines.join("\n")}`.slice(0, 3000) } });
  }
  return { text: r.fallback(register.inWorkshop.length), blocks };
}

/** The register select's value "<receiptId>:<state>", or null. */
export function readStateChoice(value: string | undefined): { receiptId: number; state: WorkshopState } | null {
  const match = /^(\d+):([A-Z_]+)$/.exec(value ?? "");
  if (!match || !(WORKSHOP_STATES as readonly string[]).includes(match[2])) return null;
  return { receiptId: Number(match[1]), state: match[2] as WorkshopState };
}

export function stateChangedText(change: { number: string; to: WorkshopState; change: "changed" | "already" }, locale?: Locale): string {
  const r = messagesFor(locale).partsWorkshop.register;
  return change.change === "changed" ? r.stateChanged(change.number, r.states[change.to]) : r.stateUnchanged(change.number, r.states[change.to]);
}

export function buildReturnItemModal(options: { voucherNo: string; receipts: string[]; now: Date; privateMetadata: string; locale?: Locale }): ModalView {
  const t = messagesFor(options.locale).partsWorkshop.returnItem;
  return {
    type: "modal",
    callback_id: VIEWS.custodyReturn,
    title: plain(t.title, 24),
    submit: plain(t.submit, 24),
    close: plain(t.cancel, 24),
    private_metadata: options.privateMetadata,
    blocks: [
      { type: "section", block_id: BLOCKS.custodyReturnIntro, text: { type: "mrkdwn", text: t.intro(options.voucherNo, options.receipts.join(", ") || "—") } },
      { type: "input", block_id: BLOCKS.custodyReturnedAt, label: plain(t.returnedAtLabel), element: { type: "datetimepicker", action_id: INPUTS.custodyReturnedAt, initial_date_time: unixSeconds(options.now) } },
      { type: "input", block_id: BLOCKS.custodyReturnSignedBy, label: plain(t.signedByLabel), element: { type: "plain_text_input", action_id: INPUTS.custodySignedBy, max_length: MAX_SIGNED_BY } },
      {
        type: "input",
        block_id: BLOCKS.custodyReturnNote,
        optional: true,
        label: plain(t.noteLabel),
        element: { type: "plain_text_input", action_id: INPUTS.custodyNote, multiline: true, max_length: MAX_RETURN_NOTE, placeholder: plain(t.notePlaceholder, 150) },
      },
    ],
  };
}

export function readReturnItemSubmission(
  values: StateValues,
  privateMetadata: string | undefined,
  options: { now: Date; locale?: Locale },
): Submission<{ ticketId: number; returnedAt: Date; signedBy: string; note: string | null }> {
  const meta = readTicketModalMetadata(privateMetadata);
  if (!meta) throw new Error("return modal submitted without its ticket id in private_metadata");
  const e = messagesFor(options.locale).partsWorkshop.returnItem.errors;
  const errors: Record<string, string> = {};
  const returnedAt = dateTimeValue(values, BLOCKS.custodyReturnedAt, INPUTS.custodyReturnedAt) ?? options.now;
  if (returnedAt.getTime() > options.now.getTime() + 60_000) errors[BLOCKS.custodyReturnedAt] = e.future;
  const signedBy = textValue(values, BLOCKS.custodyReturnSignedBy, INPUTS.custodySignedBy);
  if (!signedBy) errors[BLOCKS.custodyReturnSignedBy] = e.required;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, ticketId: meta.ticketId, returnedAt, signedBy: signedBy!, note: textValue(values, BLOCKS.custodyReturnNote, INPUTS.custodyNote) ?? null };
}

/** The ticket thread line of a return. */
export function returnedThreadText(result: { receipts: { number: string }[]; signedBy: string; returnedAt: Date; unrepaired: boolean; resolved: boolean }, options: { timeZone: string; note?: string | null; locale?: Locale }): string {
  const t = messagesFor(options.locale).partsWorkshop.returnItem;
  let text = t.thread(result.receipts.map((r) => r.number).join(", "), safeText(oneLine(result.signedBy, 120), 160), slackDate(result.returnedAt, options.timeZone));
  if (result.resolved) text += t.resolved;
  if (result.unrepaired) text += t.unrepaired;
  if (options.note) text += t.note(safeText(oneLine(options.note, 500), 600));
  return text;
}
