// Issue 14: the Korean and Chinese renderings of the views people read most — the ticket message,
// the intake modal, the Report work modal, the overdue alert, the directors' summary and the
// answers to thread replies — kept as readable snapshots (every text with where it is shown), read
// once by someone who reads the language and reviewed again whenever a catalogue changes.
// Each also passes the Slack fake's Block Kit validation.
import type { ThreadLineOutcome } from "../../../src/services/tickets/thread-replies";
import type { Locale } from "../../../src/i18n/locale";
import { buildDirectorSummaryMessage } from "../../../src/views/director-summary";
import { buildIntakeModal } from "../../../src/views/intake-modal";
import { buildOverdueAlert } from "../../../src/views/overdue-alert";
import { buildReportWorkModal } from "../../../src/views/report-work-modal";
import { buildResolvedHistory, buildThreadAnswer } from "../../../src/views/thread-reply";
import { buildTicketMessage } from "../../../src/views/ticket-message";
import { validateBlocks, validateView } from "../../../src/sandbox/slack/block-kit-validator";
import { humanTexts } from "../../support/untranslated";
import { customerContext, directorSummary, NOW, overdueAlert, person, ticketCard } from "../views/fixtures";

/** What a reader sees, one line per text: the snapshot reads like the screen. */
const readable = (payload: unknown) => humanTexts(payload).map(({ path, text }) => `${path}: ${text}`);

const alert = overdueAlert({ customerName: "한강식품" });

const tech = (i: number) => ({ staffId: i, name: `기사 ${i}`, slackUserId: `U0T${i}` });
const summary = directorSummary({
  branchName: "서울 서비스센터",
  overdue: { count: 1, items: [{ ticketId: 3, voucherNo: "SV-2026-000003", arrivalDeadline: "2026-03-02T03:00:00.000Z", message: { channelId: "C0DSP", ts: "1700000000.000100" } }] },
  hours: [1, 2].map((i) => ({ ...tech(i), byCategory: { A_PAID: 1.25, B_CONTRACT: 2, C_WARRANTY: 0, D_INTERNAL: 0.5 }, total: 3.75 })),
  parts: [{ partId: 1, partNo: "P-1001", name: "기동 릴레이", quantity: 2, value: 60000 }],
  missingReports: [tech(3)],
  contractNotices: [{ contractId: 1, number: "MC-1", customerName: "대한상사", endsOn: "2026-04-20", assignee: tech(1) }],
});

const outcomes: ThreadLineOutcome[] = [
  { kind: "malformed", command: "hours", reason: "hours-missing", line: "시간" },
  { kind: "needs-signature" },
  { kind: "not-enough-stock", partNo: "P-1001", requested: 5, available: 2 },
  { kind: "not-assignee", command: "done", assignee: person({ slackUserId: "U0TECH1" }) },
];

describe.each<Locale>(["ko", "zh-CN"])("%s renderings (issue 14)", (locale) => {
  it("the ticket message", () => {
    const message = buildTicketMessage(ticketCard(), { now: NOW, locale });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(readable(message)).toMatchSnapshot();
  });

  it("the intake modal with a customer chosen", () => {
    const context = customerContext();
    const view = buildIntakeModal({ mode: "new", customerContext: context, selectedEquipmentId: context.equipment[0].id, newCustomer: false, prefill: {}, now: NOW, locale });
    expect(validateView(view)).toEqual([]);
    expect(readable(view)).toMatchSnapshot();
  });

  it("the Report work modal on a paid call", () => {
    const view = buildReportWorkModal({ card: ticketCard({ category: "A_PAID" }), labourRate: "40000.00", currency: "KRW", now: NOW, locale });
    expect(validateView(view)).toEqual([]);
    expect(readable(view)).toMatchSnapshot();
  });

  it("the overdue alert, open with its buttons (R7)", () => {
    const message = buildOverdueAlert({ alert, state: { kind: "open" }, now: NOW, withAcknowledgeButton: true, locale });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(readable(message)).toMatchSnapshot();
  });

  it("the directors' summary awaiting sign-off (R16, R17)", () => {
    const message = buildDirectorSummaryMessage({ reportId: 7, summary, state: { kind: "awaiting" }, locale });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(readable(message)).toMatchSnapshot();
  });

  it("the answers to thread replies and the resolved history line (R9, R10, R14)", () => {
    const answer = buildThreadAnswer({ kind: "handled", ticketId: 1, voucherNo: "SV-2026-000001", timeZone: "Asia/Seoul", outcomes, stateChanged: false, dm: null }, { locale });
    const history = buildResolvedHistory({ actor: person(), signedBy: "이지원", hours: 1.5, partLines: 2, at: NOW, timeZone: "Asia/Seoul", locale });
    expect({ replies: answer.replies, ephemerals: answer.ephemerals, history }).toMatchSnapshot();
  });
});
