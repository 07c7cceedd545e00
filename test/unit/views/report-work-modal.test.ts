import { BLOCKS, INPUTS } from "../../../src/views/ids";
import { buildCloseModal, readCloseSubmission } from "../../../src/views/close-modal";
import { buildCustodyReceiptMessage } from "../../../src/views/custody-receipt";
import { buildReportWorkModal, MAX_PART_ROWS, readReportMetadata, readReportSubmission, reportErrorsOnFields, reportHistoryText } from "../../../src/views/report-work-modal";
import { buildTicketMessage } from "../../../src/views/ticket-message";
import type { StateValues } from "../../../src/views/state";
import { validateBlocks, validateView } from "../../../src/sandbox/slack/block-kit-validator";
import { NOW, submitted, textOf, ticketCard } from "./fixtures";

const paid = ticketCard({ status: "ON_SITE", category: "A_PAID", chargeable: true, rates: { labourRate: "40000.00", currency: "KRW" } });
const warranty = ticketCard({ status: "ON_SITE", category: "C_WARRANTY", suggestedCategory: "C_WARRANTY", chargeable: false });
const part = (value: string) => ({ selected_option: { text: { type: "plain_text" as const, text: "P" }, value } });

function blockIds(view: { blocks: readonly { block_id?: string }[] }): string[] {
  return view.blocks.map((block) => block.block_id ?? "");
}

describe("Report work modal (R9–R14)", () => {
  it("R13: valid Block Kit within Slack's limits, even with every row, custody and fee fields", () => {
    const view = buildReportWorkModal({ card: paid, rows: MAX_PART_ROWS, outcome: "TAKEN_TO_WORKSHOP", labourRate: "40000.00", currency: "KRW", now: NOW });
    expect(validateView(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(blockIds(view)).not.toContain(BLOCKS.reportAddPartActions);
    expect(readReportMetadata(view.private_metadata)).toMatchObject({ ticketId: paid.id, rows: MAX_PART_ROWS, chargeable: true });
  });

  it("R1/R13: hours per category, the call's own category first and marked", () => {
    const view = buildReportWorkModal({ card: warranty, now: NOW });
    const hours = blockIds(view).filter((id) => id.startsWith(BLOCKS.reportHoursPrefix));
    expect(hours).toEqual(["C_WARRANTY", "A_PAID", "B_CONTRACT", "D_INTERNAL"].map((c) => BLOCKS.reportHoursPrefix + c));
    expect(textOf(view.blocks[1])).toContain("(this call)");
  });

  it("R11: custody fields appear only when Taken to the workshop is chosen; R10 fee fields follow what the call may charge", () => {
    const plainView = buildReportWorkModal({ card: warranty, now: NOW });
    expect(blockIds(plainView)).not.toContain(BLOCKS.reportCustodyItems);
    // Warranty: only wearing parts are charged, so no travel, but the settlement when one is used.
    expect(blockIds(plainView)).not.toContain(BLOCKS.reportTravel);
    expect(blockIds(plainView)).toContain(BLOCKS.reportSettlement);
    expect(textOf(plainView.blocks)).toContain("wearing parts");
    const internal = buildReportWorkModal({ card: ticketCard({ category: "D_INTERNAL" }), now: NOW });
    expect(blockIds(internal)).not.toContain(BLOCKS.reportSettlement);
    const taken = buildReportWorkModal({ card: warranty, outcome: "TAKEN_TO_WORKSHOP", now: NOW });
    expect(blockIds(taken)).toEqual(expect.arrayContaining([BLOCKS.reportCustodyItems, BLOCKS.reportCustodyCondition, BLOCKS.reportCustodyAccessories]));
    const values = submitted(buildReportWorkModal({ card: paid, now: NOW }).blocks, { [BLOCKS.reportHoursPrefix + "A_PAID"]: "1.5" }) as StateValues;
    const fee = buildReportWorkModal({ card: paid, values, labourRate: "40000.00", currency: "KRW", now: NOW });
    expect(blockIds(fee)).toEqual(expect.arrayContaining([BLOCKS.reportTravel, BLOCKS.reportMeals, BLOCKS.reportLodging, BLOCKS.reportSettlement, BLOCKS.reportFeeAgreed]));
    expect(textOf(fee.blocks)).toContain("labour so far ₩60,000");
  });

  it("R11: in the workshop the report is the repair card: no Taken option, Fixed reads Repaired", () => {
    const view = buildReportWorkModal({ card: ticketCard({ status: "IN_WORKSHOP" }), now: NOW });
    const text = textOf(view.blocks);
    expect(text).not.toContain("TAKEN_TO_WORKSHOP");
    expect(text).toContain("Repaired in the workshop");
  });

  it("Add a part adds a row keeping the earlier rows' ids (typed input survives the update)", () => {
    const one = buildReportWorkModal({ card: warranty, rows: 1, now: NOW });
    const two = buildReportWorkModal({ card: warranty, rows: 2, now: NOW });
    expect(blockIds(two)).toEqual(expect.arrayContaining(blockIds(one)));
    expect(blockIds(two)).toContain(BLOCKS.reportPartPrefix + "1");
  });

  it("R13/R14: reads hours, parts and outcome; flags bad quantities and missing hours on their fields", () => {
    const view = buildReportWorkModal({ card: warranty, rows: 2, outcome: "FIXED_ON_SITE", now: NOW });
    const meta = readReportMetadata(view.private_metadata)!;
    const good = readReportSubmission(
      submitted(view.blocks, {
        [BLOCKS.reportHoursPrefix + "C_WARRANTY"]: "1.25",
        [BLOCKS.reportPartPrefix + "0"]: part("7"),
        [BLOCKS.reportPartQtyPrefix + "0"]: "2",
        [BLOCKS.reportOutcomeBlock]: "FIXED_ON_SITE",
        [BLOCKS.reportSignedBy]: "Kim",
      }) as StateValues,
      meta,
    );
    expect(good).toMatchObject({ ok: true, hours: [{ category: "C_WARRANTY", hours: 1.25 }], parts: [{ partId: 7, quantity: 2, row: 0 }], outcome: "FIXED_ON_SITE", signedByName: "Kim" });
    const bad = readReportSubmission(
      submitted(view.blocks, { [BLOCKS.reportPartPrefix + "1"]: part("7"), [BLOCKS.reportPartQtyPrefix + "1"]: "-2", [BLOCKS.reportOutcomeBlock]: "RESCHEDULED" }) as StateValues,
      meta,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      // R12: rescheduled without an expected completion is refused on that field too.
      expect(Object.keys(bad.errors).sort()).toEqual([BLOCKS.reportHoursPrefix + "C_WARRANTY", BLOCKS.reportPartQtyPrefix + "1", BLOCKS.reportExpectedCompletion].sort());
    }
  });

  it("R12: rescheduling or handing over asks for the expected completion; taking it to the workshop offers the turnaround target", () => {
    const block = (view: { blocks: unknown[] }) => view.blocks.find((b) => (b as { block_id?: string }).block_id === BLOCKS.reportExpectedCompletion) as { optional?: boolean; element: { initial_date_time?: number } } | undefined;
    expect(block(buildReportWorkModal({ card: warranty, outcome: "FIXED_ON_SITE", now: NOW }))).toBeUndefined();
    for (const outcome of ["RESCHEDULED", "HANDED_OVER"] as const) {
      expect(block(buildReportWorkModal({ card: warranty, outcome, now: NOW }))).toMatchObject({ optional: false });
    }
    const due = new Date(NOW.getTime() + 86_400_000);
    const workshop = block(buildReportWorkModal({ card: warranty, outcome: "TAKEN_TO_WORKSHOP", workshopCompletionDefault: due, now: NOW }));
    expect(workshop).toMatchObject({ optional: true, element: { initial_date_time: Math.floor(due.getTime() / 1000) } });
  });

  it("R14: a stock refusal lands on its row's quantity with the quantity available", () => {
    const meta = { ticketId: 1, rows: 2, chargeable: true, category: "A_PAID" as const, status: "ON_SITE" };
    const errors = reportErrorsOnFields(
      { fieldErrors: { signedByName: "signature-required" }, problems: [{ kind: "not-enough-stock", partId: 9, partNo: "P-9", requested: 3, available: 1 }] },
      { parts: [{ partId: 4, quantity: 1, row: 0 }, { partId: 9, quantity: 3, row: 1 }] },
      meta,
    );
    expect(errors).toEqual({ [BLOCKS.reportPartQtyPrefix + "1"]: "Only 1 left.", [BLOCKS.reportSignedBy]: expect.stringContaining("signed") });
    const serial = reportErrorsOnFields({ problems: [{ kind: "serial-required", partId: 4, partNo: "P-4" }] }, { parts: [{ partId: 4, quantity: 1, row: 0 }] }, meta);
    expect(serial).toEqual({ [BLOCKS.reportSerialOutPrefix + "0"]: expect.stringContaining("serialised") });
  });

  it("R13: the thread line names hours, parts, fee, signature and the receipt", () => {
    const text = reportHistoryText(
      {
        outcome: "TAKEN_TO_WORKSHOP",
        fromStatus: "ON_SITE",
        status: "IN_WORKSHOP",
        hours: [{ category: "A_PAID", hours: 2 }],
        parts: [{ partNo: "P-1", name: "Fan", quantity: 1 }],
        feeTotal: "80000.00",
        currency: "KRW",
        settlement: "INVOICE_REQUESTED",
        signedByName: null,
        receipt: { number: "SV-2026-000001-C1" },
        repairedReceiptNumber: null,
      },
      { actor: "<@U1>", when: "today" },
    );
    expect(text).toContain("Taken to the workshop");
    expect(text).toContain("2 h");
    expect(text).toContain("1 × P-1 Fan");
    expect(text).toContain("₩80,000");
    expect(text).toContain("SV-2026-000001-C1");
  });

  it("R11: the custody receipt and the ticket's Work line are valid Block Kit", () => {
    const receipt = buildCustodyReceiptMessage({ receipt: { number: "SV-1-C1", items: "Board", condition: "Scratched", accessories: null, receivedAt: NOW }, voucherNo: "SV-1", timeZone: "Asia/Seoul" });
    expect(validateBlocks(receipt.blocks, "message")).toEqual([]);
    expect(textOf(receipt.blocks)).toContain("Scratched");
    const card = ticketCard({ work: { hours: [{ category: "A_PAID", hours: 1.5 }], partsCount: 2, feeTotal: "90000.00", currency: "KRW", lastReport: { outcome: "FIXED_ON_SITE", at: NOW } } });
    const message = buildTicketMessage(card, { now: NOW });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(textOf(message.blocks)).toContain("2 parts");
  });

  it("Close: prefilled with the last report, resolution required", () => {
    const view = buildCloseModal({ card: paid, resolution: "Fan replaced" });
    expect(validateView(view)).toEqual([]);
    expect(textOf(view.blocks)).toContain("Fan replaced");
    expect(readCloseSubmission(submitted(view.blocks, { [BLOCKS.closeResolution]: "" }) as StateValues, view.private_metadata)).toEqual({ ok: false, errors: { [BLOCKS.closeResolution]: expect.any(String) } });
    expect(readCloseSubmission(submitted(view.blocks, {}) as StateValues, view.private_metadata)).toMatchObject({ ok: true, resolution: "Fan replaced", ticketId: paid.id });
    expect(INPUTS.closeResolution).toBeDefined();
  });
});
