import type { LoanView } from "../../../src/services/parts/loans";
import type { GoodsRegister, RegisterItem } from "../../../src/services/workshop/custody";
import { buildGoodsRegisterMessage, readReturnItemSubmission, readStateChoice, returnedThreadText } from "../../../src/views/goods-register";
import { BLOCKS, INPUTS, ACTIONS } from "../../../src/views/ids";
import { buildLoansAtClosingDm, buildPartsMessage, buildReturnModal, readBorrowSubmission, readReturnSubmission, returnFieldErrors } from "../../../src/views/parts";

const AT = new Date("2026-11-23T01:00:00Z");

function loan(id: number, overrides: Partial<LoanView> = {}): LoanView {
  return { id, partId: id, partNo: `P-${id}`, name: "Fan motor *bold*", quantity: 3, quantityUsed: 1, quantityReturned: 0, left: 2, status: "OUT", borrowedAt: AT, settledAt: null, flaggedAt: null, ...overrides };
}

function item(id: number, overrides: Partial<RegisterItem> = {}): RegisterItem {
  return {
    receiptId: id,
    number: `SV-2026-000001-C${id}`,
    ticketId: id,
    voucherNo: "SV-2026-000001",
    customerName: "Hanbit Foods",
    items: "Compressor",
    condition: "ok",
    state: "WAITING_PARTS",
    receivedAt: AT,
    returnedAt: null,
    returnSignedBy: null,
    card: { hours: 1.5, parts: [{ partNo: "P-1", name: "Relay", quantity: 2 }] },
    dueAt: new Date("2026-11-24T01:00:00Z"),
    specialDueAt: new Date("2026-11-26T01:00:00Z"),
    pastDue: false,
    pastSpecialLimit: false,
    ...overrides,
  };
}

describe("parts and workshop views (R14, R11)", () => {
  it("R14: the parts message lists loans (used, returned, left) within Slack's limits, Return only when something is out", () => {
    const many = buildPartsMessage({ loans: Array.from({ length: 60 }, (_, i) => loan(i + 1)), stock: [], query: "fan", timeZone: "Asia/Seoul" });
    expect(many.blocks.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(many.blocks);
    expect(text).toContain("out 3, used 1, returned 0, *left 2*");
    expect(text).toContain(ACTIONS.partsReturnOpen);
    expect(text).toContain("No part in the branch catalogue matches");
    const none = buildPartsMessage({ loans: [], stock: [{ partId: 1, partNo: "P-1", name: "Relay", quantity: 4 }], query: null, timeZone: "Asia/Seoul" });
    expect(JSON.stringify(none.blocks)).not.toContain(ACTIONS.partsReturnOpen);
    expect(JSON.stringify(none.blocks)).toContain("Relay — 4 in stock");
  });

  it("R14: borrow and return submissions are read and refused on their fields", () => {
    expect(readBorrowSubmission({ [BLOCKS.partsBorrowQuantity]: { [INPUTS.partsQuantity]: { type: "number_input", value: "0" } } })).toEqual({
      ok: false,
      errors: { [BLOCKS.partsBorrowPart]: expect.any(String), [BLOCKS.partsBorrowQuantity]: "Enter a whole number of 1 or more." },
    });
    const modal = buildReturnModal({ loans: [loan(7)] });
    expect(JSON.stringify(modal.blocks)).toContain(`"initial_value":"2"`);
    expect(readReturnSubmission({ [`${BLOCKS.partsReturnLinePrefix}7`]: { [INPUTS.partsReturnQuantity]: { type: "number_input", value: "1" } } })).toEqual({ ok: true, lines: [{ loanId: 7, quantity: 1 }] });
    expect(returnFieldErrors([{ loanId: 7, kind: "too-many", left: 2 }])).toEqual({ [`${BLOCKS.partsReturnLinePrefix}7`]: "Only 2 left on this loan." });
  });

  it("R14: the closing DM names the borrower for the clerk and offers Return to the borrower", () => {
    const clerk = buildLoansAtClosingDm({ audience: "clerk", borrowerName: "Kim Minsu", loans: [{ ...loan(1), daysOut: 1 }], timeZone: "Asia/Seoul" });
    expect(JSON.stringify(clerk.blocks)).toContain("Kim Minsu still has 1 loan out at closing");
    expect(JSON.stringify(clerk.blocks)).not.toContain(ACTIONS.partsReturnOpen);
    expect(JSON.stringify(clerk.blocks)).not.toContain("days*");
    const borrower = buildLoansAtClosingDm({ audience: "borrower", borrowerName: "Kim Minsu", loans: [{ ...loan(1), daysOut: 1 }], timeZone: "Asia/Seoul" });
    expect(JSON.stringify(borrower.blocks)).toContain(ACTIONS.partsReturnOpen);
  });

  it("R14: the closing DM says how many days an old loan has been out, and lists loans that were out overnight and are back, without Return", () => {
    const back = { ...loan(2, { status: "SETTLED", left: 0, quantityReturned: 2, settledAt: new Date("2026-11-24T00:30:00Z") }), daysOut: 2 };
    const old = buildLoansAtClosingDm({ audience: "clerk", borrowerName: "Kim Minsu", loans: [{ ...loan(1), daysOut: 4 }], back: [back], timeZone: "Asia/Seoul" });
    const text = JSON.stringify(old.blocks);
    expect(text).toContain("*out 4 days*");
    expect(text).toContain("Kim Minsu had 1 loan out overnight, back now (flagged)");
    const onlyBack = buildLoansAtClosingDm({ audience: "borrower", borrowerName: "Kim Minsu", loans: [], back: [back], timeZone: "Asia/Seoul" });
    expect(JSON.stringify(onlyBack.blocks)).toContain("out overnight without being flagged");
    expect(JSON.stringify(onlyBack.blocks)).not.toContain(ACTIONS.partsReturnOpen);
    expect(onlyBack.text).toBe("1 part loan was out overnight, back now");
  });

  it("R11: the register shows each item's state select and repair card, within 50 blocks", () => {
    const register: GoodsRegister = { branchId: 1, timeZone: "Asia/Seoul", turnaround: { days: 1, specialDays: 3 }, inWorkshop: Array.from({ length: 30 }, (_, i) => item(i + 1)), returned: [item(99, { state: "RETURNED", returnedAt: AT, returnSignedBy: "Choi Mina" })] };
    const message = buildGoodsRegisterMessage({ register });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain(`"initial_option":{"text":{"type":"plain_text","text":"Waiting for parts","emoji":true},"value":"1:WAITING_PARTS"}`);
    expect(text).toContain("Repair card: 1.5 h; parts: 2 × P-1");
    expect(text).toContain("signed by Choi Mina (receipt void)");
    expect(readStateChoice("12:REPAIRED")).toEqual({ receiptId: 12, state: "REPAIRED" });
    expect(readStateChoice("12:RETURNED")).toBeNull();
  });

  it("R11/R12: each register item shows when it is due out by the turnaround target, and is marked once past it", () => {
    const register: GoodsRegister = {
      branchId: 1,
      timeZone: "Asia/Seoul",
      turnaround: { days: 1, specialDays: 3 },
      inWorkshop: [item(1), item(2, { pastDue: true }), item(3, { pastDue: true, pastSpecialLimit: true })],
      returned: [],
    };
    const contexts = buildGoodsRegisterMessage({ register }).blocks.filter((block) => block.type === "context").map((block) => JSON.stringify(block));
    expect(contexts[0]).toContain("in and out within 1 working day, special items 3");
    expect(contexts[1]).toMatch(/Due out by <!date\^\d+\^.*\(target: 1 working day\)/);
    expect(contexts[1]).not.toContain("Past");
    expect(contexts[2]).toContain("Past the 1-working-day target");
    expect(contexts[3]).toContain("Past even the 3-working-day limit for special items");
  });

  it("R11: the return needs the customer's signature; the thread says when an item went back unrepaired", () => {
    const meta = JSON.stringify({ ticketId: 5 });
    expect(readReturnItemSubmission({}, meta, { now: AT })).toEqual({ ok: false, errors: { [BLOCKS.custodyReturnSignedBy]: "The customer's signature name is required." } });
    const text = returnedThreadText({ receipts: [{ number: "SV-2026-000001-C1" }], signedBy: "Choi Mina", returnedAt: AT, unrepaired: true, resolved: true }, { timeZone: "Asia/Seoul" });
    expect(text).toContain("receipt SV-2026-000001-C1 void");
    expect(text).toContain("Call resolved");
    expect(text).toContain("not repaired");
    const afterResolution = returnedThreadText({ receipts: [{ number: "SV-2026-000001-C1" }], signedBy: "Choi Mina", returnedAt: AT, unrepaired: false, resolved: false }, { timeZone: "Asia/Seoul" });
    expect(afterResolution).not.toContain("Call resolved");
  });
});
