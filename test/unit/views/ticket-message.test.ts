import { blockTextLength, MAX_MESSAGE_BLOCK_TEXT, validateBlocks } from "../../../src/sandbox/slack/block-kit-validator";
import type { KnownBlock } from "@slack/types";
import { ACTIONS, BLOCKS } from "../../../src/views/ids";
import { buildTicketMessage } from "../../../src/views/ticket-message";
import { NOW, person, textOf, ticketCard } from "./fixtures";

const actionIds = (blocks: KnownBlock[]) => {
  const actions = blocks.find((b) => b.block_id === BLOCKS.ticketActions) as { elements: { action_id: string; value: string; text: { text: string } }[] } | undefined;
  return actions?.elements ?? [];
};

describe("buildTicketMessage", () => {
  it("shows voucher, status, customer, equipment, cover, fault, category, area, deadline and who registered it", () => {
    const card = ticketCard({ voucherNo: "SV-2026-000123" });
    const message = buildTicketMessage(card, { now: NOW });
    const text = textOf(message.blocks);
    expect(message.blocks[0]).toMatchObject({ type: "header", text: { text: "SV-2026-000123 · Registered" } });
    expect(message.text).toContain("SV-2026-000123");
    expect(text).toContain(card.customer.name);
    expect(text).toContain("Grade A");
    expect(text).toContain("02-555-0100");
    expect(text).toContain("12 Teheran-ro");
    expect(text).toContain("CX-9000 compressor · S/N");
    expect(text).toContain("Under warranty until 2027-05-31");
    expect(text).toContain("C warranty");
    expect(text).toContain("Urban");
    expect(text).toContain("error E4");
    expect(text).toContain(`<@${card.registeredBy!.slackUserId}>`);
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
  });

  it("R6: shows the arrival deadline with Slack's date formatting and a fallback in the branch's zone", () => {
    const message = buildTicketMessage(ticketCard(), { now: NOW });
    expect(textOf(message.blocks)).toContain("<!date^1772434800^{date_short_pretty} {time}|2026-03-02 16:00 Asia/Seoul>");
  });

  it("R6: shows when the customer called, which the deadline counts from", () => {
    const text = textOf(buildTicketMessage(ticketCard({ calledAt: new Date("2026-03-02T00:40:00Z") }), { now: NOW }).blocks);
    expect(text).toContain("*Customer called*\\n<!date^1772412000^{date_short_pretty} {time}|2026-03-02 09:40 Asia/Seoul>");
  });

  it("R7: marks a call overdue once its deadline passed without an arrival", () => {
    const late = new Date("2026-03-02T08:00:00Z");
    expect(textOf(buildTicketMessage(ticketCard(), { now: late }).blocks)).toContain("Overdue");
    expect(textOf(buildTicketMessage(ticketCard({ status: "ON_SITE" }), { now: late }).blocks)).not.toContain("Overdue");
  });

  it("R8: marks a carried-over call as priority", () => {
    expect(textOf(buildTicketMessage(ticketCard({ priority: true }), { now: NOW }).blocks)).toContain("Priority");
  });

  it("R1: shows an overridden category with the suggestion and the reason", () => {
    const card = ticketCard({ category: "A_PAID", suggestedCategory: "C_WARRANTY", categoryOverrideReason: "Damage by the customer" });
    expect(textOf(buildTicketMessage(card, { now: NOW }).blocks)).toContain("A paid (R1 said C warranty: Damage by the customer)");
  });

  it("offers Assign, Schedule visit, Edit and Cancel (with a confirm) on a registered call, value = ticket id", () => {
    const card = ticketCard();
    const buttons = actionIds(buildTicketMessage(card, { now: NOW }).blocks);
    expect(buttons.map((b) => b.action_id)).toEqual([ACTIONS.ticketAssign, ACTIONS.ticketSchedule, ACTIONS.ticketEdit, ACTIONS.ticketCancel]);
    expect(buttons.every((b) => b.value === String(card.id))).toBe(true);
    expect(buttons[0].text.text).toBe("Assign");
    expect(buttons[3]).toMatchObject({ style: "danger", confirm: { title: { text: "Cancel this call?" } } });
  });

  it("offers Re-assign once a technician has it, and names the technician", () => {
    const tech = person();
    const message = buildTicketMessage(ticketCard({ status: "ASSIGNED", technician: tech }), { now: NOW });
    expect(actionIds(message.blocks)[0].text.text).toBe("Re-assign");
    expect(textOf(message.blocks)).toContain(`<@${tech.slackUserId}>`);
  });

  it("R3: an incomplete call lists what is missing and offers Complete intake instead of Assign", () => {
    const card = ticketCard({ status: "INCOMPLETE", missingFields: ["faultDescription", "serial"], arrivalDeadline: null, faultDescription: null });
    const message = buildTicketMessage(card, { now: NOW });
    const text = textOf(message.blocks);
    expect(text).toContain("missing fault description, serial number");
    expect(text).toContain("Set once the call is complete");
    expect(actionIds(message.blocks).map((b) => b.action_id)).toEqual([ACTIONS.ticketCompleteIntake, ACTIONS.ticketSchedule, ACTIONS.ticketEdit, ACTIONS.ticketCancel]);
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
  });

  it.each(["CANCELLED", "CLOSED"] as const)("has no buttons once %s", (status) => {
    const message = buildTicketMessage(ticketCard({ status, cancelReason: status === "CANCELLED" ? "Customer fixed it" : null }), { now: NOW });
    expect(actionIds(message.blocks)).toEqual([]);
    if (status === "CANCELLED") expect(textOf(message.blocks)).toContain("Cancelled*: Customer fixed it");
  });

  it("links back to the source message, and the ephemeral copy links to the ticket message", () => {
    const card = ticketCard({ sourceMessageLink: "https://acme.slack.com/archives/C1/p1772420000000100" });
    expect(textOf(buildTicketMessage(card, { now: NOW }).blocks)).toContain("<https://acme.slack.com/archives/C1/p1772420000000100|this message>");
    expect(textOf(buildTicketMessage(card, { now: NOW, ephemeral: true }).blocks)).toContain("https://slack.com/archives/C0DISPATCH/p1772420400000100");
  });

  it("stays inside Slack's limits with a 5,000-character fault and long names, and escapes what people typed", () => {
    const card = ticketCard({
      faultDescription: "<!channel> & noise ".repeat(300),
      customer: { ...ticketCard().customer, name: "N".repeat(500), address: "A".repeat(2500) },
      equipment: { id: 1, model: "M".repeat(300), serial: "S".repeat(300), acceptanceDate: null, warrantyEnd: null },
      categoryOverrideReason: "R".repeat(3000),
      category: "A_PAID",
      contact: { name: "X".repeat(400), phone: "1".repeat(400), address: null },
      sourceMessageLink: "https://acme.slack.com/archives/C1/p1",
      priority: true,
    });
    const message = buildTicketMessage(card, { now: new Date("2026-03-03T00:00:00Z"), ephemeral: true });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(blockTextLength(message.blocks)).toBeLessThan(MAX_MESSAGE_BLOCK_TEXT);
    expect(textOf(message.blocks)).not.toContain("<!channel>");
    expect(textOf(message.blocks)).toContain("&lt;!channel&gt; &amp; noise");
    expect(message.text.length).toBeGreaterThan(0);
  });
});
