// R16/R17/R18 views and `/repair jobs`: within Slack's limits however large the day, and the
// Sign off button only while the report awaits a manager.
import { parseRepairCommand } from "../../../src/handlers/commands/repair";
import type { DirectorSummary } from "../../../src/services/reports/director-summary";
import { buildContractNoticeDm, buildDirectorSummaryMessage } from "../../../src/views/director-summary";
import { ACTIONS } from "../../../src/views/ids";
import { buildJobRunsMessage } from "../../../src/views/job-runs";
import { validateBlocks } from "../../../src/sandbox/slack/block-kit-validator";

function bigSummary(n: number): DirectorSummary {
  const person = (i: number) => ({ staffId: i, name: `Tech <${i}> ${"x".repeat(200)}`, slackUserId: `U0T${i}` });
  return {
    branchId: 1,
    branchCode: "SEOUL",
    branchName: `Seoul ${"very long name ".repeat(20)}`,
    timeZone: "Asia/Seoul",
    currency: "KRW",
    date: "2026-11-23",
    start: "2026-11-22T15:00:00.000Z",
    end: "2026-11-23T15:00:00.000Z",
    calls: { received: 12, assigned: 10, completed: 8, carriedOver: 2 },
    overdue: {
      count: n + 20,
      items: Array.from({ length: 20 }, (_, i) => ({ ticketId: i, voucherNo: `SV-2026-${String(i).padStart(6, "0")}`, arrivalDeadline: "2026-11-23T03:00:00.000Z", message: { channelId: "C0DSP", ts: `17000000${i}.000100` } })),
    },
    arrivals: { onTime: 2, withDeadline: 3, onTimeRate: 2 / 3 },
    workshop: { waitingRepair: 1, waitingParts: 2, repaired: 3, receivedToday: 1, repairedToday: 1, returnedToday: 0 },
    hours: Array.from({ length: n }, (_, i) => ({ ...person(i), byCategory: { A_PAID: 1.25, B_CONTRACT: 2, C_WARRANTY: 0, D_INTERNAL: 0.5 }, total: 3.75 })),
    parts: Array.from({ length: n }, (_, i) => ({ partId: i, partNo: `P-${i}`, name: `Part & <${i}> ${"y".repeat(200)}`, quantity: 2, value: 60000 })),
    fees: { collectedOnSite: { count: 2, amount: 110000 }, invoiceRequested: { count: 1, amount: 200000 } },
    missingReports: Array.from({ length: n }, (_, i) => person(i)),
    contractNotices: Array.from({ length: n }, (_, i) => ({ contractId: i, number: `MC-${i}`, customerName: `Customer ${"z".repeat(200)}`, endsOn: "2026-12-20", assignee: null })),
    longLoans: {
      count: n,
      items: Array.from({ length: Math.min(n, 20) }, (_, i) => ({ loanId: i, partNo: `P-${i}`, name: `Part <${i}> ${"w".repeat(200)}`, technician: person(i), left: 1, borrowedAt: "2026-11-20T01:00:00.000Z", daysOut: 4 })),
    },
  };
}

describe("directors' daily summary message (R16, R17)", () => {
  it("R16: a day with 200 technicians, parts and contracts stays within Slack's limits", () => {
    const message = buildDirectorSummaryMessage({ reportId: 7, summary: bigSummary(200), state: { kind: "awaiting" } });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toMatch(/…and 20\d more\./); // the overdue calls beyond those listed
    expect(text).toContain("66.7%");
    expect(text).toContain("…and 175 more technicians.");
    expect(text).toContain("…and 175 more contracts.");
    expect(text).toContain("&lt;3&gt;");
    expect(text).toContain(ACTIONS.directorReportSignOff);
  });

  it("R14: parts out more than one night are listed with who has them and how many days; a report stored before the list existed shows none", () => {
    const message = buildDirectorSummaryMessage({ reportId: 7, summary: bigSummary(3), state: { kind: "awaiting" } });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("*Parts out more than one night* (R14): 3 loans");
    expect(text).toContain("P-0 Part &lt;0&gt;");
    expect(text).toContain("<@U0T0> · since <!date^");
    expect(text).toContain("*4 days out*");
    const { longLoans: _absent, ...older } = bigSummary(3);
    expect(JSON.stringify(buildDirectorSummaryMessage({ reportId: 7, summary: older, state: { kind: "awaiting" } }).blocks)).not.toContain("more than one night");
  });

  it("R17: once signed off, the message names who and when, without the button", () => {
    const message = buildDirectorSummaryMessage({ reportId: 7, summary: bigSummary(1), state: { kind: "signed-off", by: "U0MGR1", at: new Date("2026-11-23T10:00:00Z") } });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("Signed off by <@U0MGR1> at <!date^");
    expect(text).not.toContain(ACTIONS.directorReportSignOff);
  });

  it("R18: the assignee's DM quotes the customer's text, escaped", () => {
    const dm = buildContractNoticeDm({ number: "MC-1", customerName: "Hana <Foods>", endsOn: "2026-12-20", assigneeSlackUserId: "U0DIR", customerText: "Dear Hana,\nyour contract <MC-1> ends" });
    expect(validateBlocks(dm.blocks, "message")).toEqual([]);
    expect(JSON.stringify(dm.blocks)).toContain("> your contract &lt;MC-1&gt; ends");
  });
});

describe("/repair jobs", () => {
  it("parses `/repair jobs`", () => {
    expect(parseRepairCommand("jobs")).toEqual({ name: "jobs" });
    expect(parseRepairCommand("jobs now")).toMatchObject({ name: "help" });
  });

  it("a long list of runs is split over sections within Slack's limits", () => {
    const runs = Array.from({ length: 60 }, (_, i) => ({
      job: "overdue-scan",
      periodKey: `overdue-scan:2026-11-23T00:${String(i).padStart(2, "0")}`,
      status: i % 3 === 0 ? ("FAILED" as const) : ("SUCCEEDED" as const),
      startedAt: new Date("2026-11-23T00:00:00Z"),
      finishedAt: i % 5 === 0 ? null : new Date("2026-11-23T00:01:05Z"),
      summary: { raised: i, posted: 2 },
      error: i % 3 === 0 ? "x".repeat(500) : null,
    }));
    const message = buildJobRunsMessage({ runs, more: 3, lastSuccess: [{ job: "overdue-scan", at: new Date("2026-11-23T00:01:05Z") }, { job: "carry-over", at: null }], missingRoles: { noManager: false, branchesWithoutDirector: [] } });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).not.toContain("No active");
    expect(text).toContain("1 min 5 s");
    expect(text).toContain("not finished");
    expect(text).toContain("…and 3 older runs.");
    expect(text).toContain("`carry-over`: never");
  });

  it("R7: /repair jobs shows the roles nobody holds (no manager; a branch without a director), so admins fill them", () => {
    const message = buildJobRunsMessage({ runs: [], more: 0, lastSuccess: [], missingRoles: { noManager: true, branchesWithoutDirector: [{ code: "BUSAN", name: "Busan centre" }] } });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("No active manager");
    expect(text).toContain("No active service director* at Busan centre (BUSAN)");
  });
});
