// The main views in the en-XA pseudo-locale: every text 30% longer still fits Slack's Block Kit
// limits, and no English word is left — one would be text written outside the catalogues, or a
// builder that forgot to pass the reader's locale on.
import type { OverdueAlertSummary } from "../../../src/services/escalations/models";
import type { ThreadLineOutcome } from "../../../src/services/tickets/thread-replies";
import { PSEUDO_LOCALE } from "../../../src/i18n/locale";
import { buildAssignModal } from "../../../src/views/assign-modal";
import { buildCancelModal } from "../../../src/views/cancel-modal";
import { buildCannotFinishModal } from "../../../src/views/cannot-finish-modal";
import { buildCloseModal } from "../../../src/views/close-modal";
import { buildDeclineModal } from "../../../src/views/decline-modal";
import { buildScheduleModal } from "../../../src/views/schedule-modal";
import { buildAssignmentDm, buildDeclinedDm, buildUnassignedDm } from "../../../src/views/technician-dm";
import { buildTicketList } from "../../../src/views/ticket-list";
import { buildDirectorSummaryMessage } from "../../../src/views/director-summary";
import { buildHelpMessage } from "../../../src/views/help";
import { buildHomeView } from "../../../src/views/home";
import { buildIntakeModal, intakePrefillFromCard, type IntakeModalState } from "../../../src/views/intake-modal";
import { buildOverdueAlert, type OverdueAlertState } from "../../../src/views/overdue-alert";
import { buildReportWorkModal, MAX_PART_ROWS } from "../../../src/views/report-work-modal";
import { buildResolvedHistory, buildThreadAnswer } from "../../../src/views/thread-reply";
import { buildTicketMessage } from "../../../src/views/ticket-message";
import { BLOCKS } from "../../../src/views/ids";
import { messagesFor } from "../../../src/views/messages";
import { validateBlocks, validateView, blockTextLength, MAX_MESSAGE_BLOCK_TEXT } from "../../../src/sandbox/slack/block-kit-validator";
import { describeUntranslated, findUntranslated } from "../../support/untranslated";
import { customerContext, directorSummary, listItem, NOW, overdueAlert, person, submitted, technician, ticketCard } from "../views/fixtures";

const locale = PSEUDO_LOCALE;

/** What the fixtures put in: names, models, addresses, numbers people typed. */
const ALLOW = [
  /SV-\d{4}-\d{6}/,
  /Hanil Foods \d+/,
  /Daesung Textiles \d+/,
  /Technician \d+/,
  /SN\d+X/,
  "Seoul service centre",
  "12 Teheran-ro, Gangnam-gu, Seoul",
  "5 Industrial-ro, Suwon",
  "Park Jiyoung",
  "Choi Minho",
  "CX-9000 compressor",
  "LX-200 loom",
  "DX-10 dryer",
  "Compressor stops after ten minutes and shows error E4.",
  "Noisy drum",
  "compressors",
  "Damage by the customer",
  "Customer moved away",
  "Han River Foods",
  "Waiting for the compressor",
  "Lee Jiwon",
  "Kim Minji",
  "KRW",
  /Part \d+/,
  /Customer \d+/,
  "Leaks water",
  "Bring the ladder",
  "On leave",
];

function expectTranslated(payload: unknown): void {
  const findings = findUntranslated(payload, { allow: ALLOW });
  if (findings.length) throw new Error(`English left in the en-XA rendering:\n${describeUntranslated(findings)}`);
}

function expectMessage(message: { text: string; blocks: unknown[] }): void {
  expect(validateBlocks(message.blocks, "message")).toEqual([]);
  expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(MAX_MESSAGE_BLOCK_TEXT);
  expect(message.text.length).toBeGreaterThan(0);
  expectTranslated(message);
}

function expectModal(view: unknown): void {
  expect(validateView(view)).toEqual([]);
  expectTranslated(view);
}

describe("the main views in the en-XA pseudo-locale fit Slack's limits and hold no English", () => {
  it("(the check itself) finds the English of a view rendered in English, and none of the allowed data", () => {
    const findings = findUntranslated(buildTicketMessage(ticketCard(), { now: NOW, locale: "en" }), { allow: ALLOW });
    const words = findings.flatMap((finding) => finding.words);
    expect(words).toEqual(expect.arrayContaining(["Registered", "Customer", "Arrival", "deadline", "Assign"]));
    expect(words).not.toContain("Hanil");
    expect(words).not.toContain("compressor");
  });

  it("the ticket message, in each state it goes through (R1, R3, R6–R9)", () => {
    const tech = person({ name: "Kim Minji" });
    const cards = [
      ticketCard(),
      ticketCard({ status: "INCOMPLETE", missingFields: ["address", "equipment", "faultDescription"], arrivalDeadline: null, equipment: null, faultDescription: null }),
      ticketCard({ status: "ASSIGNED", technician: tech, appointment: { start: new Date("2026-03-02T05:00:00Z"), end: new Date("2026-03-02T06:00:00Z") }, priority: true }),
      ticketCard({ status: "ON_SITE", technician: tech, arrival: { at: new Date("2026-03-02T07:40:00Z"), lateByMinutes: 40 }, category: "A_PAID", suggestedCategory: "C_WARRANTY", categoryOverrideReason: "Damage by the customer", chargeable: true }),
      ticketCard({ status: "CANCELLED", cancelReason: "Customer moved away" }),
      ticketCard({ status: "REGISTERED", coverage: { kind: "NONE" }, category: "A_PAID", suggestedCategory: "A_PAID", awaitsCategoryConfirmation: true, sourceMessageLink: "https://slack.com/archives/C1/p1772420400000100" }),
      ticketCard({ status: "IN_WORKSHOP", technician: tech, itemsInWorkshop: 1, work: { hours: [{ category: "C_WARRANTY", hours: 1.5 }], partsCount: 2, feeTotal: "0", currency: "KRW", lastReport: { outcome: "TAKEN_TO_WORKSHOP", at: NOW } } }),
      ticketCard({ status: "ACCEPTED", technician: tech, contact: { name: "Choi Minho", phone: "031-222-3333", address: "5 Industrial-ro, Suwon" }, requestedServiceAt: new Date("2026-03-03T01:00:00Z") }),
      ticketCard({ status: "CLOSED", technician: tech }),
    ];
    for (const card of cards) {
      expectMessage(buildTicketMessage(card, { now: NOW, locale }));
      expectMessage(buildTicketMessage(card, { now: new Date("2026-03-03T03:00:00Z"), ephemeral: true, locale }));
    }
  });

  it("the intake modal: new, with a customer chosen, a new customer, completing and editing (R2, R3, R23)", () => {
    const fresh = (overrides: Partial<IntakeModalState> = {}): IntakeModalState => ({ mode: "new", customerContext: null, newCustomer: false, prefill: {}, now: NOW, locale, ...overrides });
    const context = customerContext({
      openTickets: [{ id: 9, voucherNo: "SV-2026-000009", status: "ASSIGNED", receivedAt: new Date("2026-02-27T01:00:00Z"), faultDescription: "Noisy drum", equipmentId: null }],
    });
    const card = ticketCard({ status: "INCOMPLETE", missingFields: ["address"] });
    for (const state of [
      fresh(),
      fresh({ customerContext: context, selectedEquipmentId: context.equipment[0].id }),
      fresh({ newCustomer: true }),
      fresh({ mode: "complete", ticketId: card.id, customerContext: context, prefill: intakePrefillFromCard(card) }),
      fresh({ mode: "edit", ticketId: card.id, customerContext: context, prefill: intakePrefillFromCard(card), sourceMessageLink: "https://slack.com/archives/C1/p1" } as Partial<IntakeModalState>),
    ]) {
      expectModal(buildIntakeModal(state));
    }
  });

  it("the Report work modal: paid with every row and the workshop, warranty, contract, in the workshop (R9–R14)", () => {
    const paid = ticketCard({ status: "ON_SITE", category: "A_PAID", chargeable: true, rates: { labourRate: "40000.00", currency: "KRW" } });
    const warranty = ticketCard({ status: "ON_SITE", category: "C_WARRANTY", chargeable: false });
    const contract = ticketCard({ status: "ON_SITE", category: "B_CONTRACT", coverage: { kind: "CONTRACT", contractNumber: "MC-2025-17", until: "2026-12-31" } });
    const values = submitted(buildReportWorkModal({ card: paid, now: NOW, locale }).blocks, { [BLOCKS.reportHoursPrefix + "A_PAID"]: "1.5" });
    for (const view of [
      buildReportWorkModal({ card: paid, rows: MAX_PART_ROWS, outcome: "TAKEN_TO_WORKSHOP", labourRate: "40000.00", currency: "KRW", workshopCompletionDefault: new Date("2026-03-05T09:00:00Z"), now: NOW, locale }),
      buildReportWorkModal({ card: paid, values: values as never, labourRate: "40000.00", currency: "KRW", now: NOW, locale }),
      buildReportWorkModal({ card: warranty, now: NOW, locale }),
      buildReportWorkModal({ card: contract, now: NOW, locale }),
      buildReportWorkModal({ card: ticketCard({ status: "IN_WORKSHOP" }), now: NOW, locale }),
    ]) {
      expectModal(view);
    }
  });

  it("the overdue and cannot-finish alerts, in every standing (R7, R12)", () => {
    const alert = overdueAlert({ sentToAdminsFor: ["DIRECTOR"] });
    const states: OverdueAlertState[] = [
      { kind: "open" },
      { kind: "escalated", at: NOW },
      { kind: "acknowledged", by: "U0DIR1", at: NOW },
      { kind: "resolved", because: "ARRIVED", at: NOW },
      { kind: "resolved", because: "CANCELLED", at: NOW },
    ];
    const alerts: OverdueAlertSummary[] = [
      alert,
      { ...alert, technicianSlackUserId: null, sentToAdminsFor: [] },
      { ...alert, kind: "CANNOT_FINISH", reason: "Waiting for the compressor", expectedBy: new Date("2026-03-05T09:00:00Z") },
      { ...alert, kind: "COMPLETION_OVERDUE", reason: null, expectedBy: new Date("2026-03-01T09:00:00Z") },
    ];
    for (const each of alerts) {
      for (const state of states) {
        expectMessage(buildOverdueAlert({ alert: each, state, now: NOW, withAcknowledgeButton: true, reminder: state.kind === "open", locale }));
        expectMessage(buildOverdueAlert({ alert: each, state, now: NOW, locale }));
      }
    }
  });

  it("the directors' daily summary, awaiting sign-off and signed off (R14, R16–R18)", () => {
    const tech = (i: number) => ({ staffId: i, name: `Tech ${i}`, slackUserId: `U0T${i}` });
    const summary = directorSummary({
      overdue: { count: 25, items: Array.from({ length: 20 }, (_, i) => ({ ticketId: i, voucherNo: `SV-2026-${String(i).padStart(6, "0")}`, arrivalDeadline: "2026-03-02T03:00:00.000Z", message: { channelId: "C0DSP", ts: `17000000${i}.000100` } })) },
      hours: Array.from({ length: 30 }, (_, i) => ({ ...tech(i), byCategory: { A_PAID: 1.25, B_CONTRACT: 2, C_WARRANTY: 0, D_INTERNAL: 0.5 }, total: 3.75 })),
      parts: Array.from({ length: 30 }, (_, i) => ({ partId: i, partNo: `P-${i}`, name: `Part ${i}`, quantity: 2, value: 60000 })),
      missingReports: Array.from({ length: 30 }, (_, i) => tech(i)),
      contractNotices: Array.from({ length: 30 }, (_, i) => ({ contractId: i, number: `MC-${i}`, customerName: `Customer ${i}`, endsOn: "2026-04-20", assignee: i % 2 ? tech(i) : null })),
      longLoans: { count: 3, items: Array.from({ length: 3 }, (_, i) => ({ loanId: i, partNo: `P-${i}`, name: `Part ${i}`, technician: tech(i), left: 1, borrowedAt: "2026-02-27T01:00:00.000Z", daysOut: 4 })) },
    });
    expectMessage(buildDirectorSummaryMessage({ reportId: 7, summary, state: { kind: "awaiting" }, locale }));
    expectMessage(buildDirectorSummaryMessage({ reportId: 7, summary, state: { kind: "signed-off", by: "U0MGR1", at: NOW }, locale }));
    const quiet = { ...summary, overdue: { count: 0, items: [] }, hours: [], parts: [], missingReports: [], contractNotices: [], longLoans: { count: 0, items: [] } };
    expectMessage(buildDirectorSummaryMessage({ reportId: 8, summary: quiet, state: { kind: "awaiting" }, locale }));
  });

  it("the answers to thread replies: every problem a line can have, refusals, and the resolved history line (R9, R10, R13, R14)", () => {
    const outcomes: ThreadLineOutcome[] = [
      { kind: "already-arrived", arrivedAt: NOW },
      ...(["extra-words", "hours-missing", "hours-not-a-number", "hours-out-of-range", "hours-bad-category", "part-missing", "part-bad-quantity", "part-bad-serials", "done-signed-missing-name", "note-empty"] as const).map(
        (reason) => ({ kind: "malformed" as const, command: "hours" as const, reason, line: "hours 40" }),
      ),
      { kind: "wrong-status", command: "arrived", status: "CLOSED" },
      { kind: "needs-signature" },
      { kind: "needs-hours" },
      { kind: "paid-call" },
      { kind: "unknown-part", partNo: "P-9999" },
      { kind: "not-enough-stock", partNo: "P-1001", requested: 5, available: 2 },
      { kind: "serial-required", partNo: "P-1001" },
      { kind: "not-assignee", command: "done", assignee: person({ slackUserId: "U0TECH1" }) },
      { kind: "not-assignee", command: "done", assignee: null },
    ];
    const answer = buildThreadAnswer({ kind: "handled", ticketId: 1, voucherNo: "SV-2026-000001", timeZone: "Asia/Seoul", outcomes, stateChanged: false, dm: null }, { locale });
    expect(answer.replies).toHaveLength(1);
    expect(answer.replies[0].length).toBeLessThanOrEqual(3000);
    expectTranslated([...answer.replies, ...answer.ephemerals]);
    expectTranslated(buildThreadAnswer({ kind: "stranger", ticketId: 1 }, { locale }).ephemerals);
    expectTranslated(buildResolvedHistory({ actor: person(), signedBy: "Lee Jiwon", hours: 1.5, partLines: 2, at: NOW, timeZone: "Asia/Seoul", locale }));
  });

  it("help, with and without a command it did not understand; a usage too long for one section runs on in the next", () => {
    const help = buildHelpMessage({ locale });
    expectMessage(help);
    const usage = help.blocks.filter((block) => block.type === "section").map((block) => (block as { text: { text: string } }).text.text);
    expect(usage.length).toBeGreaterThan(1);
    expect(usage.join("\n").split("\n• ")).toHaveLength(messagesFor(locale).help.usage.length);
    expectMessage(buildHelpMessage({ unknownText: "frobnicate", locale }));
  });

  it("the Home tab: a technician available and away, someone with several roles, someone not registered", () => {
    for (const model of [
      { displayName: "Kim Minji", registered: true, roles: ["TECHNICIAN" as const], isTechnician: true, available: true },
      { displayName: "Kim Minji", registered: true, roles: ["TECHNICIAN" as const], isTechnician: true, available: false },
      { displayName: "Kim Minji", registered: true, roles: ["DISPATCHER" as const, "DIRECTOR" as const, "ADMIN" as const], branchName: "Seoul service centre" },
      { displayName: "<@U999>", registered: false, roles: [] },
      { displayName: "Kim Minji", registered: true, roles: [] },
    ]) {
      const view = buildHomeView(model, locale);
      expect(validateView(view)).toEqual([]);
      expectTranslated(view);
    }
  });

  it("the ticket's other modals, the technician's DMs and the ticket list (R5, R6, R8, R9, R12)", () => {
    const tech = person({ name: "Kim Minji" });
    const card = ticketCard({ status: "ASSIGNED", technician: tech, appointment: { start: new Date("2026-03-02T05:00:00Z"), end: new Date("2026-03-02T06:00:00Z") } });
    const paid = ticketCard({ status: "ASSIGNED", technician: tech, category: "A_PAID", chargeable: true, coverage: { kind: "NONE" } });
    const suggestions = [technician(), technician({ available: false }), technician({ coversArea: false, currentlyAssigned: true })];
    for (const view of [
      buildAssignModal({ card: ticketCard(), suggestions, now: NOW, locale }),
      buildAssignModal({ card, suggestions, now: NOW, locale }),
      buildAssignModal({ card: ticketCard(), suggestions: [], now: NOW, locale }),
      buildScheduleModal({ card, now: NOW, locale }),
      buildCancelModal({ card, locale }),
      buildDeclineModal({ card, locale }),
      buildCloseModal({ card: ticketCard({ status: "RESOLVED", technician: tech }), locale }),
      buildCannotFinishModal({ card: ticketCard({ status: "ON_SITE", technician: tech }), now: NOW, locale }),
    ]) {
      expectModal(view);
    }
    expectMessage(buildAssignmentDm({ card, note: "Bring the ladder", now: NOW, previous: person(), assignedBy: person(), locale }));
    expectMessage(buildAssignmentDm({ card: paid, now: NOW, locale }));
    expectMessage(buildUnassignedDm({ card, newTechnician: person(), now: NOW, locale }));
    expectMessage(buildDeclinedDm({ card, reason: "On leave", locale }));
    const items = [listItem(), listItem({ overdue: true, priority: true, technician: tech }), listItem({ status: "INCOMPLETE", arrivalDeadline: null })];
    expectMessage(buildTicketList({ filter: "open", items, now: NOW, branchName: "Seoul service centre", timeZone: "Asia/Seoul", locale }));
    expectMessage(buildTicketList({ filter: "overdue", items: [], now: NOW, locale }));
  });
});
