import { validateBlocks, validateView } from "../../../src/sandbox/slack/block-kit-validator";
import { buildDeclineModal, readDeclineSubmission } from "../../../src/views/decline-modal";
import { ACTIONS, BLOCKS, INPUTS } from "../../../src/views/ids";
import { buildRefusal } from "../../../src/views/refusal";
import { buildAssignmentDm, buildDeclinedDm } from "../../../src/views/technician-dm";
import { buildHistoryReply } from "../../../src/views/ticket-history";
import { buildTicketMessage } from "../../../src/views/ticket-message";
import { NOW, person, textOf, ticketCard } from "./fixtures";

function actionIdsIn(blocks: { block_id?: string }[], blockId: string): string[] {
  const block = blocks.find((b) => b.block_id === blockId) as { elements: { action_id: string }[] } | undefined;
  return block?.elements.map((e) => e.action_id) ?? [];
}

describe("the technician's buttons (R9)", () => {
  it("R9: an assigned call offers Accept, Arrived and Decline on the ticket message and in the DM", () => {
    const card = ticketCard({ status: "ASSIGNED", technician: person() });
    const message = buildTicketMessage(card, { now: NOW });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(actionIdsIn(message.blocks, BLOCKS.ticketTechnicianActions)).toEqual([ACTIONS.ticketAccept, ACTIONS.ticketArrive, ACTIONS.ticketDecline]);
    const dm = buildAssignmentDm({ card, now: NOW });
    expect(validateBlocks(dm.blocks, "message")).toEqual([]);
    expect(actionIdsIn(dm.blocks, BLOCKS.dmActions)).toEqual([ACTIONS.ticketAccept, ACTIONS.ticketArrive, ACTIONS.ticketDecline]);
    expect(actionIdsIn(dm.blocks, BLOCKS.ticketTechnicianActions)).toEqual([]);
  });

  it("R9: an accepted call offers Arrived and Decline, and the DM says it was accepted", () => {
    const card = ticketCard({ status: "ACCEPTED", technician: person() });
    const dm = buildAssignmentDm({ card, now: NOW });
    expect(actionIdsIn(dm.blocks, BLOCKS.dmActions)).toEqual([ACTIONS.ticketArrive, ACTIONS.ticketDecline]);
    expect(textOf(dm.blocks)).toContain("You accepted");
  });

  it("R6/R9: on site, Report work and Cannot finish replace Arrived, and the ticket shows how late the arrival was", () => {
    const card = ticketCard({ status: "ON_SITE", technician: person(), arrival: { at: NOW, lateByMinutes: 90 } });
    const message = buildTicketMessage(card, { now: NOW });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(actionIdsIn(message.blocks, BLOCKS.ticketTechnicianActions)).toEqual([ACTIONS.ticketReportWork, ACTIONS.ticketCannotFinish]);
    expect(textOf(message.blocks)).toContain("1 h 30 min late");
    expect(textOf(buildTicketMessage({ ...card, arrival: { at: NOW, lateByMinutes: 0 } }, { now: NOW }).blocks)).toContain("on time");
    expect(textOf(buildAssignmentDm({ card, now: NOW }).blocks)).toContain("You are on site");
  });

  it("R11: while an item is in the workshop, Return to customer is offered whatever the status; resolved, it comes before Close", () => {
    const resolved = ticketCard({ status: "RESOLVED", technician: person(), itemsInWorkshop: 1 });
    const message = buildTicketMessage(resolved, { now: NOW });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(actionIdsIn(message.blocks, BLOCKS.ticketTechnicianActions)).toEqual([ACTIONS.ticketReturnItem, ACTIONS.ticketClose]);
    const onHold = buildTicketMessage(ticketCard({ status: "ON_HOLD", technician: person(), itemsInWorkshop: 1 }), { now: NOW });
    expect(actionIdsIn(onHold.blocks, BLOCKS.ticketTechnicianActions)).toEqual([ACTIONS.ticketArrive, ACTIONS.ticketReportWork, ACTIONS.ticketReturnItem]);
    const unassigned = buildTicketMessage(ticketCard({ status: "REGISTERED", technician: null, itemsInWorkshop: 2 }), { now: NOW });
    expect(actionIdsIn(unassigned.blocks, BLOCKS.ticketTechnicianActions)).toEqual([ACTIONS.ticketReturnItem]);
    const workshop = buildTicketMessage(ticketCard({ status: "IN_WORKSHOP", technician: person(), itemsInWorkshop: 1 }), { now: NOW });
    expect(actionIdsIn(workshop.blocks, BLOCKS.ticketTechnicianActions)).toEqual([ACTIONS.ticketReportWork, ACTIONS.ticketCannotFinish, ACTIONS.ticketReturnItem]);
    const nothingIn = buildTicketMessage(ticketCard({ status: "RESOLVED", technician: person(), itemsInWorkshop: 0 }), { now: NOW });
    expect(actionIdsIn(nothingIn.blocks, BLOCKS.ticketTechnicianActions)).toEqual([ACTIONS.ticketClose]);
  });

  it("R11: a refused cancel or close while an item is in the workshop names the receipt and the way out", () => {
    const text = buildRefusal({ code: "CONFLICT", details: { reason: "custody-open", receiptNumber: "SV-2026-000001-C1", voucherNo: "SV-2026-000001", status: "RESOLVED" } }).text;
    expect(text).toContain("SV-2026-000001-C1");
    expect(text).toContain("Return to customer");
  });

  it("R5: the declined DM repeats the reason and has no buttons", () => {
    const dm = buildDeclinedDm({ card: ticketCard({ slackMessage: { channelId: "C1", ts: "1.2" } }), reason: "Sick <today>" });
    expect(validateBlocks(dm.blocks, "message")).toEqual([]);
    expect(textOf(dm.blocks)).toContain("You declined");
    expect(textOf(dm.blocks)).toContain("&lt;today&gt;");
  });
});

describe("the decline modal (R5)", () => {
  it("R5: asks for a reason and reads it back with the ticket id", () => {
    const card = ticketCard();
    const view = buildDeclineModal({ card });
    expect(validateView(view)).toEqual([]);
    const read = readDeclineSubmission({ [BLOCKS.declineReason]: { [INPUTS.declineReason]: { type: "plain_text_input", value: " Sick " } } }, view.private_metadata!);
    expect(read).toEqual({ ok: true, ticketId: card.id, reason: "Sick" });
    const empty = readDeclineSubmission({ [BLOCKS.declineReason]: { [INPUTS.declineReason]: { type: "plain_text_input", value: "" } } }, view.private_metadata!);
    expect(empty).toMatchObject({ ok: false, errors: { [BLOCKS.declineReason]: expect.any(String) } });
  });
});

describe("history and refusals for the technician's actions", () => {
  it("R9/R6: the thread says who accepted, declined (why) and arrived (how late)", () => {
    const actor = person({ slackUserId: "U0TECH1" });
    expect(buildHistoryReply({ at: NOW, actor, event: { kind: "accepted" } }, { timeZone: "Asia/Seoul" }).text).toMatch(/^<@U0TECH1> accepted the call · /);
    expect(buildHistoryReply({ at: NOW, actor, event: { kind: "declined", reason: "Sick" } }, { timeZone: "Asia/Seoul" }).text).toMatch(/^<@U0TECH1> declined the call: Sick · /);
    expect(buildHistoryReply({ at: NOW, actor, event: { kind: "arrived", lateByMinutes: 90 } }, { timeZone: "Asia/Seoul" }).text).toContain("arrived on site 1 h 30 min late (R6)");
    expect(buildHistoryReply({ at: NOW, actor, event: { kind: "arrived", lateByMinutes: 0 } }, { timeZone: "Asia/Seoul" }).text).toContain("on time");
  });

  it("R9: a refused technician action names the assigned technician, or says nobody is assigned", () => {
    expect(buildRefusal({ code: "FORBIDDEN", details: { action: "ticket.arrive", rolesAllowed: ["TECHNICIAN"], assigneeSlackUserId: "U0TECH1" } }).text).toBe(
      "Only the assigned technician, <@U0TECH1>, can record the arrival.",
    );
    expect(buildRefusal({ code: "FORBIDDEN", details: { action: "ticket.accept", rolesAllowed: ["TECHNICIAN"], assigneeSlackUserId: null } }).text).toBe(
      "Nobody is assigned to this call, so nobody can accept this call yet.",
    );
  });
});
