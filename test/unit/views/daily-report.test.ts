// R15 views: the daily report modal stays inside Slack's limits, its submission is read into
// corrections, refusals land on the right fields; `/repair day` arguments.
import { parseRepairCommand } from "../../../src/handlers/commands/repair";
import { parseDayArgs } from "../../../src/handlers/commands/repair-day";
import type { DailyReportStatus, DailyWork } from "../../../src/services/reports/daily-work-report";
import { buildDailyReminder, buildDailyReportModal, buildDailyStatusMessage, buildDailySubmittedDm, dailyFieldErrors, readDailyReportSubmission } from "../../../src/views/daily-report-modal";
import { ACTIONS, BLOCKS, INPUTS } from "../../../src/views/ids";
import type { StateValues } from "../../../src/views/state";
import { validateBlocks, validateView } from "../../../src/sandbox/slack/block-kit-validator";

const zero = { A_PAID: 0, B_CONTRACT: 0, C_WARRANTY: 0, D_INTERNAL: 0 };

function dayWith(lines: number, tickets: number): DailyWork {
  const all = Array.from({ length: lines }, (_, i) => ({
    workLogId: i + 1,
    ticketId: (i % tickets) + 1,
    voucherNo: `SV-2026-${String((i % tickets) + 1).padStart(6, "0")}`,
    customerName: "Hanbit <Foods>",
    category: "A_PAID" as const,
    hours: 0.5,
    description: "Fan",
  }));
  const groups = Array.from({ length: tickets }, (_, t) => {
    const own = all.filter((line) => line.ticketId === t + 1);
    return { ticketId: t + 1, voucherNo: own[0]?.voucherNo ?? null, customerName: "Hanbit <Foods>", lines: own, totals: { ...zero, A_PAID: own.length * 0.5 } };
  });
  return { technicianId: 1, slackUserId: "U0TECH1", date: "2026-11-23", timeZone: "Asia/Seoul", lines: all, groups, totals: { ...zero, A_PAID: lines * 0.5 }, totalHours: lines * 0.5, submitted: null };
}

describe("daily report views (R15)", () => {
  it("R15: the modal shows each line as an editable number, totals per category, and stays within 100 blocks with many tickets", () => {
    const small = buildDailyReportModal({ day: dayWith(3, 2) });
    expect(validateView(small)).toEqual([]);
    expect(small.private_metadata).toBe("2026-11-23");
    const text = JSON.stringify(small.blocks);
    expect(text).toContain(`${BLOCKS.dailyLinePrefix}1`);
    expect(text).toContain("Hanbit &lt;Foods&gt;");
    expect(text).toContain("A paid 1.5 h");
    const big = buildDailyReportModal({ day: dayWith(120, 70) });
    expect(big.blocks.length).toBeLessThanOrEqual(100);
    expect(validateView(big)).toEqual([]);
    expect(JSON.stringify(big.blocks)).toMatch(/more lines not shown/);
  });

  it("R15: a submitted day is read-only", () => {
    const day = { ...dayWith(2, 1), submitted: { at: new Date("2026-11-23T08:00:00Z"), notes: "Done" } };
    const view = buildDailyReportModal({ day });
    expect(view.submit).toBeUndefined();
    expect(JSON.stringify(view.blocks)).not.toContain(INPUTS.dailyHours);
    expect(validateView(view)).toEqual([]);
    expect(validateBlocks(buildDailySubmittedDm(day).blocks, "message")).toEqual([]);
  });

  it("R15: the submission is read into corrections and internal work; an incomplete pair is refused on its field", () => {
    const values = {
      [`${BLOCKS.dailyLinePrefix}7`]: { [INPUTS.dailyHours]: { type: "number_input", value: "1.5" } },
      [`${BLOCKS.dailyLinePrefix}8`]: { [INPUTS.dailyHours]: { type: "number_input", value: "" } },
      [BLOCKS.dailyInternalHours]: { [INPUTS.dailyInternalHours]: { type: "number_input", value: "2" } },
      [BLOCKS.dailyInternalDescription]: { [INPUTS.dailyInternalDescription]: { type: "plain_text_input", value: " Training " } },
      [BLOCKS.dailyNotes]: { [INPUTS.dailyNotes]: { type: "plain_text_input", value: "" } },
    } as StateValues;
    expect(readDailyReportSubmission(values, "2026-11-23")).toEqual({
      ok: true,
      date: "2026-11-23",
      changes: [{ workLogId: 7, hours: 1.5 }], // a cleared field (8) changes nothing
      internal: [{ hours: 2, description: "Training" }],
      notes: null,
    });
    const missing = readDailyReportSubmission({ [BLOCKS.dailyInternalDescription]: values[BLOCKS.dailyInternalDescription] }, "2026-11-23");
    expect(missing).toEqual({ ok: false, errors: { [BLOCKS.dailyInternalHours]: expect.any(String) } });
  });

  it("R15: service problems land on the matching fields", () => {
    expect(
      Object.keys(
        dailyFieldErrors([
          { kind: "bad-hours", workLogId: 3 },
          { kind: "internal-description-required", index: 0 },
          { kind: "notes-required-when-no-hours" },
        ]),
      ),
    ).toEqual([`${BLOCKS.dailyLinePrefix}3`, BLOCKS.dailyInternalDescription, BLOCKS.dailyNotes]);
    expect(dailyFieldErrors([{ kind: "too-many-hours", total: 26 }])[BLOCKS.dailyInternalHours]).toContain("26 h");
  });

  it("R15: the status lists who has not submitted first; the reminder has the open button", () => {
    const status: DailyReportStatus = {
      branchId: 1,
      branchName: "Seoul",
      timeZone: "Asia/Seoul",
      date: "2026-11-23",
      technicians: [
        { staffId: 1, slackUserId: "U0TECH1", name: "Kim", submittedAt: new Date("2026-11-23T08:00:00Z"), totals: { ...zero, A_PAID: 2 }, totalHours: 2 },
        { staffId: 2, slackUserId: "U0TECH2", name: "Lee", submittedAt: null, totals: zero, totalHours: 0 },
      ],
    };
    const message = buildDailyStatusMessage(status);
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(message.text).toBe("Daily reports for 2026-11-23: 1 submitted, 1 not yet.");
    const reminder = buildDailyReminder({ date: "2026-11-23", totals: zero });
    expect(validateBlocks(reminder.blocks, "message")).toEqual([]);
    expect(JSON.stringify(reminder.blocks)).toContain(ACTIONS.dailyReportOpen);
  });

  it("R15: `/repair day [team] [YYYY-MM-DD]` arguments", () => {
    expect(parseRepairCommand("day team 2026-11-20")).toEqual({ name: "day", words: ["team", "2026-11-20"] });
    expect(parseDayArgs([])).toEqual({ team: false, date: undefined });
    expect(parseDayArgs(["2026-11-20"])).toEqual({ team: false, date: "2026-11-20" });
    expect(parseDayArgs(["team"])).toEqual({ team: true, date: undefined });
    expect(parseDayArgs(["2026-02-30"])).toBeNull();
    expect(parseDayArgs(["yesterday"])).toBeNull();
  });
});
