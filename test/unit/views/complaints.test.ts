import type { ComplaintCard } from "../../../src/services/complaints/models";
import { buildComplaintAlert, buildComplaintLine, buildComplaintMessage } from "../../../src/views/complaint-message";
import { buildRegisterComplaintModal, readComplaintStepSubmission } from "../../../src/views/complaint-modals";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "../../../src/views/ids";
import { validateBlocks } from "../../../src/sandbox/slack/block-kit-validator";

const received = new Date("2026-11-23T01:00:00Z");
const card: ComplaintCard = {
  id: 5,
  number: "CP-2026-0005",
  kind: "COMPLAINT",
  severity: "SERIOUS",
  source: "PHONE",
  status: "OPEN",
  description: "The technician *shouted* at <!channel>",
  receivedAt: received,
  responseDueAt: new Date("2026-11-24T01:00:00Z"),
  resolutionDueAt: new Date("2026-12-23T01:00:00Z"),
  branch: { id: 1, code: "SEOUL", timeZone: "Asia/Seoul", directorsChannelId: "C0DIR", dispatchChannelId: "C0DSP" },
  customer: { id: 2, name: "Hanbit Foods" },
  ticket: { id: 3, voucherNo: "SV-2026-000003", slackMessage: null },
  technician: { staffId: 4, slackUserId: "U0TECH1", name: "Kim Minsu" },
  handler: null,
  registeredBy: { staffId: 6, slackUserId: "U0DISP", name: "Park Jisoo" },
  surveyId: null,
  response: null,
  outcome: null,
  customerInformed: null,
  closedAt: null,
  slackMessage: { channelId: "C0DIR", ts: "1.2" },
};

describe("complaint views (R21)", () => {
  it("R21: an open complaint's message shows its number, the call, both deadlines and the handling buttons, with the customer's words escaped", () => {
    const message = buildComplaintMessage(card);
    expect(validateBlocks(message.blocks as never, "message")).toEqual([]);
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain("CP-2026-0005 · Serious");
    expect(shown).toContain("SV-2026-000003");
    expect(shown).toContain("First response due");
    expect(shown).not.toContain("<!channel>");
    for (const action of [ACTIONS.complaintAssign, ACTIONS.complaintRespond, ACTIONS.complaintResolve, ACTIONS.complaintClose]) expect(shown).toContain(action);
    expect(shown).not.toContain(ACTIONS.complaintInform);
  });

  it("R21: a closed complaint's message has no buttons and says how the customer was told", () => {
    const closed: ComplaintCard = { ...card, status: "CLOSED", outcome: { text: "Apologised", substantiated: true, at: received }, customerInformed: { how: "PHONE", at: received }, closedAt: received };
    const shown = JSON.stringify(buildComplaintMessage(closed).blocks);
    expect(shown).not.toContain(BLOCKS.complaintActions);
    expect(shown).toContain("Customer told:* By phone");
  });

  it("R21: the alert DM carries Acknowledge while open; acknowledged, it names who and drops the button", () => {
    const alert = { escalationId: 9, cause: "SERIOUS" as const, level: "MANAGER" as const, raisedAt: received, standing: { kind: "open" as const }, open: true, sentToAdmins: false, complaint: card, messages: [] };
    expect(JSON.stringify(buildComplaintAlert(alert, { withAcknowledgeButton: true }).blocks)).toContain(ACTIONS.complaintAcknowledge);
    const acknowledged = buildComplaintAlert({ ...alert, open: false, standing: { kind: "acknowledged", by: "U0MGR1", at: received } }, { withAcknowledgeButton: true });
    expect(JSON.stringify(acknowledged.blocks)).not.toContain(ACTIONS.complaintAcknowledge);
    expect(JSON.stringify(acknowledged.blocks)).toContain("Acknowledged by <@U0MGR1>");
  });

  it("R21: thread lines name who did what", () => {
    expect(buildComplaintLine({ event: "closed", by: "U0DIR1", at: received }, { timeZone: "Asia/Seoul" }).text).toBe("<@U0DIR1> closed it.");
    expect(buildComplaintLine({ event: "resolved", by: "U0DIR1", at: received, substantiated: false, outcome: "Not our fault" }, { timeZone: "Asia/Seoul" }).text).toContain("(not substantiated): Not our fault");
  });

  it("R21: the registration modal is valid Block Kit and prefilled from the call", () => {
    const modal = buildRegisterComplaintModal({ prefill: { customer: { id: 2, name: "Hanbit Foods" }, voucherNo: "SV-2026-000003", technicianSlackUserId: "U0TECH1" } });
    expect(validateBlocks(modal.blocks as never, "modal")).toEqual([]);
    expect(JSON.stringify(modal.blocks)).toContain('"initial_value":"SV-2026-000003"');
  });

  it("R21: a response without what was said is refused on its field", () => {
    const read = readComplaintStepSubmission(VIEWS.complaintRespondModal, { [BLOCKS.complaintHow]: { [INPUTS.complaintHow]: { type: "static_select", selected_option: { value: "PHONE" } } }, [BLOCKS.complaintWhen]: { [INPUTS.complaintWhen]: { type: "datetimepicker", selected_date_time: 1_800_000_000 } } }, "5");
    expect(read).toEqual({ ok: false, errors: { [BLOCKS.complaintNote]: "This is needed." } });
  });
});
