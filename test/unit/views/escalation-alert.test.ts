import type { OverdueAlertSummary } from "../../../src/services/escalations/models";
import { ACTIONS } from "../../../src/views/ids";
import { buildEscalationAlert } from "../../../src/views/overdue-alert";

const base: OverdueAlertSummary = {
  escalationId: 7,
  kind: "OVERDUE",
  reason: null,
  expectedBy: null,
  ticketId: 3,
  voucherNo: "A-2026-0001",
  customerName: "Han River Foods",
  arrivalDeadline: new Date("2026-11-23T01:30:00Z"),
  timeZone: "Asia/Seoul",
  technicianSlackUserId: "U0TECH1",
  ticketMessage: null,
  sentToAdminsFor: [],
};
const NOW = new Date("2026-11-23T03:00:00Z");

describe("escalation alert view (R7, R12)", () => {
  it("R7: an open DM carries Acknowledge and Remind me in… with 15/30/60 minutes; the channel copy carries neither", () => {
    const dm = JSON.stringify(buildEscalationAlert({ alert: base, state: { kind: "open" }, now: NOW, withAcknowledgeButton: true }).blocks);
    expect(dm).toContain(ACTIONS.escalationAcknowledge);
    expect(dm).toContain(ACTIONS.escalationSnooze);
    for (const minutes of [15, 30, 60]) expect(dm).toContain(`"7:${minutes}"`);
    const channel = JSON.stringify(buildEscalationAlert({ alert: base, state: { kind: "open" }, now: NOW }).blocks);
    expect(channel).not.toContain(ACTIONS.escalationAcknowledge);
    expect(channel).toContain("1 h 30 min late");
  });

  it("R7: escalated copies say so and DMs keep their buttons; acknowledged copies lose them", () => {
    const escalated = JSON.stringify(buildEscalationAlert({ alert: base, state: { kind: "escalated", at: NOW }, now: NOW, withAcknowledgeButton: true }).blocks);
    expect(escalated).toContain("escalated to the managers at");
    expect(escalated).toContain(ACTIONS.escalationAcknowledge);
    const acknowledged = JSON.stringify(buildEscalationAlert({ alert: base, state: { kind: "acknowledged", by: "U0DIR1", at: NOW }, now: NOW, withAcknowledgeButton: true }).blocks);
    expect(acknowledged).toContain("Acknowledged by <@U0DIR1>");
    expect(acknowledged).not.toContain(ACTIONS.escalationAcknowledge);
    expect(acknowledged).not.toContain(ACTIONS.escalationSnooze);
  });

  it("R12: a cannot-finish alert gives the reason, the new date and what to tell the customer", () => {
    const alert = { ...base, kind: "CANNOT_FINISH" as const, reason: "Compressor <on order>", expectedBy: new Date("2026-11-25T09:00:00Z") };
    const built = buildEscalationAlert({ alert, state: { kind: "open" }, now: NOW });
    const text = JSON.stringify(built.blocks);
    expect(built.text).toContain("Cannot finish on schedule (R12): A-2026-0001");
    expect(text).toContain("Compressor &lt;on order&gt;");
    expect(text).toContain("Tell the customer: it will take until");
    expect(text).toContain("about 3 days");
    expect(text).not.toContain("late)");
  });
});
