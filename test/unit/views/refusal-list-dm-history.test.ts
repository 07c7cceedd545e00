import { blockTextLength, MAX_MESSAGE_BLOCK_TEXT, validateBlocks } from "../../../src/sandbox/slack/block-kit-validator";
import { rolesAllowed } from "../../../src/domain/permissions";
import { ACTIONS, BLOCKS } from "../../../src/views/ids";
import { buildFailure, buildRefusal, buildTicketEndedNotice } from "../../../src/views/refusal";
import { buildAssignmentDm, buildUnassignedDm } from "../../../src/views/technician-dm";
import { buildHistoryReply } from "../../../src/views/ticket-history";
import { buildTicketList } from "../../../src/views/ticket-list";
import { listItem, NOW, person, textOf, ticketCard } from "./fixtures";

describe("refusals", () => {
  it("FORBIDDEN names who may register calls, admins included", () => {
    const refusal = buildRefusal({ code: "FORBIDDEN", details: { rolesAllowed: rolesAllowed("ticket.register"), action: "ticket.register" } });
    expect(refusal.text).toBe("Only dispatchers, service directors and admins can register repair calls. Ask your branch's dispatcher or service director.");
  });

  it("FORBIDDEN without details still says no", () => {
    expect(buildRefusal({ code: "FORBIDDEN", details: {} }).text).toBe("You are not allowed to do that.");
  });

  it("CONFLICT says why: the status, or what an incomplete call is missing (R3)", () => {
    expect(buildRefusal({ code: "CONFLICT", details: { status: "CANCELLED", voucherNo: "SV-2026-000123" } }).text).toBe("SV-2026-000123 is Cancelled, so that cannot be done now.");
    expect(buildRefusal({ code: "CONFLICT", details: { status: "INCOMPLETE", missingFields: ["phone", "serial"] } }).text).toBe(
      "This ticket is incomplete (missing phone, serial number): complete the intake first (R3).",
    );
    expect(buildRefusal({ code: "CONFLICT", details: {} }).text).toContain("Someone changed this at the same time");
  });

  it("NOT_FOUND names the voucher number asked for", () => {
    expect(buildRefusal({ code: "NOT_FOUND", details: { voucherNo: "SV-2026-000999" } }).text).toContain("could not find ticket SV-2026-000999");
    expect(buildRefusal({ code: "NOT_FOUND", details: { voucherNo: "<!channel>" } }).text).toBe("I could not find that.");
  });

  it("VALIDATION, NOT_REGISTERED and unexpected failures tell what to do", () => {
    expect(buildRefusal({ code: "VALIDATION", details: {}, fieldErrors: { faultDescription: "x" } }).text).toContain("Please check: fault description.");
    expect(buildRefusal({ code: "NOT_REGISTERED", details: {} }).text).toContain("Ask an admin");
    expect(buildFailure().text).toBe("Sorry, that failed. It was logged for the team, and nothing was changed. Please try again.");
  });
});

describe("a button on a finished call", () => {
  it("R9: says who closed or cancelled the call and when, in the branch's zone", () => {
    const at = new Date("2026-11-23T09:30:00Z");
    const closed = buildTicketEndedNotice({ ticketId: 1, voucherNo: "SV-2026-000001", status: "CLOSED", at, by: "U0TECH1" }, { timeZone: "Asia/Seoul" }).text;
    expect(closed).toMatch(/^SV-2026-000001 was already closed by <@U0TECH1> at <!date\^\d+\^.*\|2026-11-23 18:30 Asia\/Seoul>/);
    const cancelled = buildTicketEndedNotice({ ticketId: 1, voucherNo: "SV-2026-000001", status: "CANCELLED", at, by: null }, { timeZone: "Asia/Seoul" }).text;
    expect(cancelled).toContain("was cancelled by someone at");
  });
});

describe("/repair list", () => {
  it("shows one line per ticket with grade, customer, status, deadline, marks and technician, and a View button", () => {
    const tech = person();
    const items = [
      listItem({ voucherNo: "SV-2026-000001", grade: "A", customerName: "Hanil Foods", overdue: true, priority: true, technician: tech }),
      listItem({ voucherNo: "SV-2026-000002", status: "INCOMPLETE", arrivalDeadline: null }),
    ];
    const list = buildTicketList({ filter: "open", items, now: NOW, branchName: "Seoul service centre", timeZone: "Asia/Seoul" });
    expect(validateBlocks(list.blocks, "message")).toEqual([]);
    expect(list.text).toBe("Open tickets · Seoul service centre: 2 tickets");
    const text = textOf(list.blocks);
    expect(text).toContain("*SV-2026-000001* · Grade A · Hanil Foods");
    expect(text).toContain("due <!date^1772434800^{date_short_pretty} {time}|2026-03-02 16:00 Asia/Seoul>");
    expect(text).toContain("overdue");
    expect(text).toContain("priority");
    expect(text).toContain(`tech <@${tech.slackUserId}>`);
    expect(text).toContain("Incomplete · no deadline yet");
    expect(list.blocks[2]).toMatchObject({ accessory: { action_id: ACTIONS.ticketView, value: String(items[0].id) } });
  });

  it("says so when nothing matches the filter", () => {
    const list = buildTicketList({ filter: "overdue", items: [], now: NOW });
    expect(textOf(list.blocks)).toContain("Nothing is overdue.");
    expect(validateBlocks(list.blocks, "message")).toEqual([]);
  });

  it("caps 60 long tickets within 50 blocks and 13k characters, and says how many more", () => {
    const items = Array.from({ length: 60 }, () => listItem({ customerName: "C".repeat(300), faultDescription: "F".repeat(5000), technician: person(), overdue: true, priority: true }));
    const list = buildTicketList({ filter: "mine", items, now: NOW });
    expect(validateBlocks(list.blocks, "message")).toEqual([]);
    expect(list.blocks.length).toBeLessThanOrEqual(50);
    expect(blockTextLength(list.blocks)).toBeLessThan(MAX_MESSAGE_BLOCK_TEXT);
    const more = list.blocks.find((b) => b.block_id === BLOCKS.listMore);
    const shown = list.blocks.filter((b) => b.type === "section").length;
    expect(textOf(more)).toContain(`and ${60 - shown} more`);
  });
});

describe("technician DMs", () => {
  it("R5/R10: tells the technician the call, that it is chargeable, to agree an appointment, and the deadline", () => {
    const dispatcher = person();
    const card = ticketCard({ category: "A_PAID", suggestedCategory: "A_PAID", chargeable: true, coverage: { kind: "NONE" } });
    const dm = buildAssignmentDm({ card, note: "Bring <tools>", now: NOW, assignedBy: dispatcher });
    expect(validateBlocks(dm.blocks, "message")).toEqual([]);
    const text = textOf(dm.blocks);
    expect(dm.text).toContain(card.voucherNo);
    expect(text).toContain(`is assigned to you by <@${dispatcher.slackUserId}>`);
    expect(text).toContain("*chargeable*");
    expect(text).toContain("Agree an appointment");
    expect(text).toContain("You must be on site by <!date^");
    expect(text).toContain("Bring &lt;tools&gt;");
    expect(text).toContain("https://slack.com/archives/C0DISPATCH/p1772420400000100");
    expect(text).not.toContain(ACTIONS.ticketAssign);
  });

  it("R10: a warranty call is free, a contract call follows the contract; the agreed appointment is shown", () => {
    const warranty = buildAssignmentDm({ card: ticketCard({ appointment: { start: new Date("2026-03-03T01:00:00Z"), end: new Date("2026-03-03T03:00:00Z") } }), now: NOW });
    expect(textOf(warranty.blocks)).toContain("*free*: under warranty until 2027-05-31");
    expect(textOf(warranty.blocks)).toContain("Appointment agreed with the customer: <!date^1772499600");
    const contract = buildAssignmentDm({ card: ticketCard({ category: "B_CONTRACT", suggestedCategory: "B_CONTRACT", coverage: { kind: "CONTRACT", contractNumber: "MC-7", until: "2026-12-31" } }), now: NOW });
    expect(textOf(contract.blocks)).toContain("maintenance contract *MC-7*");
  });

  it("tells both technicians about a re-assignment", () => {
    const before = person();
    const after = person();
    const card = ticketCard({ technician: after });
    expect(textOf(buildAssignmentDm({ card, now: NOW, previous: before }).blocks)).toContain(`assigned to <@${before.slackUserId}> before`);
    const gone = buildUnassignedDm({ card, newTechnician: after, now: NOW });
    expect(validateBlocks(gone.blocks, "message")).toEqual([]);
    expect(gone.text).toBe(`${card.voucherNo} is no longer assigned to you`);
    expect(textOf(gone.blocks)).toContain(`now assigned to <@${after.slackUserId}>`);
  });

  it("stays inside Slack's limits with a 5,000-character fault and note", () => {
    const dm = buildAssignmentDm({ card: ticketCard({ faultDescription: "F".repeat(5000), priority: true }), note: "N".repeat(5000), now: NOW, previous: person(), assignedBy: person() });
    expect(validateBlocks(dm.blocks, "message")).toEqual([]);
    expect(blockTextLength(dm.blocks)).toBeLessThan(MAX_MESSAGE_BLOCK_TEXT);
  });
});

describe("ticket history replies", () => {
  const at = new Date("2026-03-02T03:00:00Z");
  const actor = person();
  const when = "<!date^1772420400^{date_short_pretty} {time}|2026-03-02 12:00 Asia/Seoul>";

  it.each([
    [{ kind: "registered" as const }, `<@${actor.slackUserId}> registered the call · ${when}`],
    [{ kind: "completed-intake" as const }, `<@${actor.slackUserId}> completed the intake · ${when}`],
    [{ kind: "edited" as const, fields: ["phone", "faultDescription"] }, `<@${actor.slackUserId}> edited phone, fault description · ${when}`],
    [{ kind: "cancelled" as const, reason: "Fixed <it>" }, `<@${actor.slackUserId}> cancelled the call: Fixed &lt;it&gt; · ${when}`],
  ])("writes who, what and when for %j", (event, expected) => {
    expect(buildHistoryReply({ at, actor, event }, { timeZone: "Asia/Seoul" }).text).toBe(expected);
  });

  it("names both technicians and the note on a re-assignment, and the window of a scheduled visit", () => {
    const tech = person();
    const previous = person();
    expect(buildHistoryReply({ at, actor, event: { kind: "assigned", technician: tech, previous, note: "Urgent" } }, { timeZone: "Asia/Seoul" }).text).toContain(
      `re-assigned the call from <@${previous.slackUserId}> to <@${tech.slackUserId}>`,
    );
    expect(buildHistoryReply({ at, actor: { system: "carry-over" }, event: { kind: "visit-scheduled", start: at, end: new Date(at.getTime() + 3_600_000) } }, { timeZone: "Asia/Seoul" }).text).toMatch(
      /^The service desk \(carry-over\) scheduled the visit for <!date\^1772420400\^.* – <!date\^1772424000\^\{time\}/,
    );
  });
});
