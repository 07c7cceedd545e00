// R23: the customer's file and the `/repair customer` answers stay inside Slack's limits however
// much the customer has, link each call to its message, and say how many more there are.
import type { KnownBlock } from "@slack/types";
import { parseRepairCommand } from "../../../src/handlers/commands/repair";
import type { CustomerFile, CustomerFileComplaint, CustomerFileSurvey } from "../../../src/services/customers/models";
import { buildCustomerFileModal, buildCustomerFinderModal, buildCustomerPickList, buildNoCustomer, complaintLine, surveyLine } from "../../../src/views/customer-file";
import { ACTIONS, BLOCKS, VIEWS } from "../../../src/views/ids";
import { messagesFor } from "../../../src/views/messages";
import { validateBlocks, validateView } from "../../../src/sandbox/slack/block-kit-validator";

const long = (text: string, n = 400) => `${text} <&> ${"x".repeat(n)}`;
const t = messagesFor().customerFile;

function survey(i: number, overrides: Partial<CustomerFileSurvey> = {}): CustomerFileSurvey {
  return {
    id: i,
    voucherNo: `SV-2026-${String(i).padStart(6, "0")}`,
    message: { channelId: "C0DISPATCH", ts: `1700000${i}.000100` },
    technicianName: "Kim Minsu",
    respondedAt: new Date("2026-11-20T02:00:00Z"),
    attitude: "VERY_SATISFIED",
    skill: "SATISFIED",
    arrivalTime: "DISSATISFIED",
    promiseKeeping: "VERY_DISSATISFIED",
    comment: long("Came late"),
    ...overrides,
  };
}

function complaint(i: number, overrides: Partial<CustomerFileComplaint> = {}): CustomerFileComplaint {
  return {
    id: i,
    number: `CP-2026-${String(i).padStart(4, "0")}`,
    kind: "COMPLAINT",
    complaintMessage: { channelId: "C0DIRECTORS", ts: `1700001${i}.000300` },
    receivedAt: new Date("2026-11-19T02:00:00Z"),
    severity: "SERIOUS",
    status: "OPEN",
    description: long("Rude on the phone"),
    substantiated: true,
    voucherNo: `SV-2026-${String(i).padStart(6, "0")}`,
    message: { channelId: "C0DISPATCH", ts: `1700000${i}.000200` },
    technicianName: "Lee Sora",
    ...overrides,
  };
}

function bigFile(n: number): CustomerFile {
  return {
    customer: { id: 7, code: "CU0007", name: long("Hanbit Foods", 300), grade: "A", phone: "02-555-0101", address: long("1 Main St", 600), contactPerson: long("Ms Choi", 200), area: "URBAN", branchName: long("Seoul", 200) },
    timeZone: "Asia/Seoul",
    currency: "KRW",
    equipment: Array.from({ length: n }, (_, i) => ({ id: i, model: long(`AC-${i}`), serial: long(`SN-${i}`, 100), warrantyEnd: i % 3 === 0 ? null : "2027-01-10", underWarranty: i % 3 === 1, coverage: i % 2 ? { kind: "CONTRACT" as const, contractNumber: `MC<${i}>`, until: "2026-12-31" } : { kind: "NONE" as const } })),
    contracts: Array.from({ length: n }, (_, i) => ({ number: long(`MC-${i}`, 100), startsOn: "2026-01-01", endsOn: "2026-12-31", status: "ACTIVE" as const, live: true, equipmentCount: i % 2 })),
    openCalls: Array.from({ length: n }, (_, i) => ({
      id: i,
      voucherNo: `SV-2026-${String(i).padStart(6, "0")}`,
      status: "ASSIGNED" as const,
      category: "C_WARRANTY" as const,
      technicianName: long("Kim Minsu", 200),
      receivedAt: new Date("2026-11-23T01:00:00Z"),
      arrivalDeadline: i % 2 ? new Date("2026-11-23T07:00:00Z") : null,
      message: { channelId: "C0DISPATCH", ts: `1700000${i}.000300` },
    })),
    closedCalls: Array.from({ length: Math.min(n, 10) }, (_, i) => ({
      id: 100 + i,
      voucherNo: `SV-2026-${String(100 + i).padStart(6, "0")}`,
      category: "A_PAID" as const,
      closedAt: new Date("2026-11-10T05:00:00Z"),
      outcome: "FIXED_ON_SITE" as const,
      resolution: long("Replaced the fan motor"),
      technicianName: "Kim Minsu",
      fees: i % 2 ? "120000.00" : "0.00",
      message: null,
    })),
    surveys: Array.from({ length: Math.min(n, 10) }, (_, i) => survey(i)),
    complaints: Array.from({ length: Math.min(n, 10) }, (_, i) => complaint(i)),
    totals: { equipment: n, contracts: n, openCalls: n, closedCalls: n * 3, surveys: n * 2, complaints: n * 2 },
  };
}

describe("the customer's file (R23)", () => {
  it("R23: a customer with much history stays a valid modal within Slack's limits, and says how many more", () => {
    const modal = buildCustomerFileModal(bigFile(30));
    expect(validateView(modal)).toEqual([]);
    expect(validateBlocks(modal.blocks, "modal")).toEqual([]);
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
    expect(modal.callback_id).toBe(VIEWS.customerFile);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    const text = JSON.stringify(modal.blocks);
    for (const block of modal.blocks as KnownBlock[]) if (block.type === "section" && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/…and \d+ more/);
    expect(text).toMatch(/…and \d+ earlier closed calls/);
    // People's text is escaped in mrkdwn, never read as links or mentions (the header is plain text).
    const mrkdwn = JSON.stringify(modal.blocks.filter((block) => block.type === "section"));
    expect(mrkdwn).not.toContain("<&>");
    expect(mrkdwn).toContain("&lt;&amp;&gt;");
  });

  it("R23: open calls link to their ticket message and show status, category, technician and deadline", () => {
    const file = bigFile(2);
    const section = (buildCustomerFileModal(file).blocks as KnownBlock[]).find((block) => block.block_id === BLOCKS.customerFileOpenCalls);
    const text = section?.type === "section" ? section.text!.text : "";
    expect(text).toContain("*Open calls* (2)");
    expect(text).toContain("<https://slack.com/archives/C0DISPATCH/p17000000000300|SV-2026-000000>");
    expect(text).toContain("Assigned · C warranty · Kim Minsu");
    expect(text).toContain("no deadline yet");
    expect(text).toMatch(/due <!date\^\d+\^/);
  });

  it("R23: equipment shows its warranty and contract state; closed calls their outcome and fees", () => {
    const blocks = JSON.stringify(buildCustomerFileModal(bigFile(3)).blocks);
    expect(blocks).toContain("warranty unknown");
    expect(blocks).toContain("in warranty until 2027-01-10");
    expect(blocks).toContain("out of warranty (ended 2027-01-10)");
    expect(blocks).toContain("under contract MC&lt;1&gt; until 2026-12-31");
    expect(blocks).toContain("Fixed on site");
    expect(blocks).toMatch(/₩120,000|KRW\s?120,000/);
    expect(blocks).toContain("no charges");
  });

  it("R23: an empty file says None in each list", () => {
    const file: CustomerFile = { ...bigFile(0), totals: { equipment: 0, contracts: 0, openCalls: 0, closedCalls: 0, surveys: 0, complaints: 0 } };
    const modal = buildCustomerFileModal(file);
    expect(validateView(modal)).toEqual([]);
    expect(JSON.stringify(modal.blocks).match(/_None\._/g)).toHaveLength(6);
  });

  it("R23: the file opens under a type-ahead of customers, set to this one; alone it says what to type", () => {
    const modal = buildCustomerFileModal(bigFile(1));
    expect(modal.blocks[0]).toMatchObject({ type: "actions", block_id: BLOCKS.customerFileFinder, elements: [{ type: "external_select", action_id: ACTIONS.customerFileSelect, initial_option: { value: "7" } }] });
    const finder = buildCustomerFinderModal();
    expect(validateView(finder)).toEqual([]);
    expect(JSON.stringify(finder.blocks)).toContain(t.finderIntro);
    expect(JSON.stringify(buildCustomerFinderModal({ notice: "Only managers can open a customer's file." }).blocks)).toContain("Only managers");
  });

  it("R20: a survey line shows the four ratings and the comment; an unanswered one says so", () => {
    const line = surveyLine(survey(1), "Asia/Seoul", t);
    expect(line).toContain(" · Kim Minsu · attitude");
    expect(line).toContain("attitude very satisfied, skill satisfied, arrival *dissatisfied*, promise *very dissatisfied*");
    expect(line).toContain("“Came late &lt;&amp;&gt;");
    expect(surveyLine(survey(2, { respondedAt: null, comment: null }), "Asia/Seoul", t)).toContain("not answered yet");
  });

  it("R21: a complaint line shows severity, status, substantiation, the call and the technician", () => {
    const line = complaintLine(complaint(3), "Asia/Seoul", t);
    expect(line).toContain(":rotating_light: Serious · Open · substantiated · <https://slack.com/archives/C0DISPATCH/p17000003000200|SV-2026-000003> · Lee Sora");
    expect(line).toMatch(/^• <https:\/\/slack.com\/archives\/C0DIRECTORS\/p17000013000300\|CP-2026-0003> complaint /);
    const before = complaint(4, { number: null, complaintMessage: null, kind: "SUGGESTION", substantiated: null, voucherNo: null, message: null, technicianName: null, severity: "GENERAL", status: "RESOLVED" });
    expect(complaintLine(before, "UTC", t)).toMatch(/^• suggestion .*· General · Resolved\n/);
  });

  it("R23: several matches become a short list with Open file buttons; none says what to try", () => {
    const hits = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, code: `CU${i}`, name: long(`Hanbit ${i}`), phone: "02-555-0101", grade: "B" as const, area: "URBAN" as const }));
    const list = buildCustomerPickList({ query: "Hanbit", hits, more: true });
    expect(validateBlocks(list.blocks, "message")).toEqual([]);
    expect(list.blocks.filter((block) => block.type === "section" && block.accessory?.type === "button" && block.accessory.action_id === ACTIONS.customerFileOpen)).toHaveLength(10);
    expect(JSON.stringify(list.blocks)).toContain(t.pickMore);
    expect(buildNoCustomer({ query: "Nobody", elsewhere: 0 }).text).toContain("No customer matches *Nobody*");
    expect(buildNoCustomer({ query: "Busan", elsewhere: 2 }).text).toContain("2 in other branches");
    expect(buildNoCustomer({ query: "", elsewhere: 0 }).text).toBe(t.usage);
  });

  it("R23: `/repair customer <words>` keeps the whole query", () => {
    expect(parseRepairCommand("customer Hanbit  Foods")).toEqual({ name: "customer", query: "Hanbit Foods" });
    expect(parseRepairCommand("customer")).toEqual({ name: "customer", query: "" });
  });
});
