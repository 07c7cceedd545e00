// The Slack posts that failed, as admins see them in `/repair jobs` and on App Home: one line each
// with a Resend button, within Slack's limits however long the lists.
import type { SlackFailureLine } from "../../../src/services/outbox/failures";
import { buildHomeView } from "../../../src/views/home";
import { ACTIONS, BLOCKS } from "../../../src/views/ids";
import { buildJobRunsMessage } from "../../../src/views/job-runs";
import type { SlackFailureList } from "../../../src/views/slack-failures";
import { validateBlocks, validateView } from "../../../src/sandbox/slack/block-kit-validator";

const KINDS = ["ticket-message", "ticket-line", "assignment-dm", "unassigned-dm"] as const;

function failures(count: number, total = count): SlackFailureList {
  const lines: SlackFailureLine[] = Array.from({ length: count }, (_, i) => ({
    id: 100 + i,
    kind: KINDS[i % KINDS.length]!,
    ticketId: i,
    voucherNo: `SV-2026-${String(i).padStart(6, "0")}`,
    error: i === 0 ? "channel_not_found" : "not_in_channel",
    attempts: i + 1,
    failedAt: new Date(Date.UTC(2026, 10, 23, 9, 0) - i * 60_000),
  }));
  return { failures: lines, total };
}

const noRoles = { noManager: false, branchesWithoutDirector: [] };
const buttons = (blocks: unknown[]) =>
  blocks.flatMap((block) => {
    const accessory = (block as { accessory?: { action_id: string; value: string } }).accessory;
    return accessory?.action_id === ACTIONS.slackFailureResend ? [accessory.value] : [];
  });

describe("failed Slack posts in /repair jobs", () => {
  it("lists each failure (what, voucher, Slack's error, attempts, when) with a Resend button carrying its id, and counts the rest", () => {
    const runs = Array.from({ length: 20 }, (_, i) => ({
      job: "overdue-scan",
      periodKey: `overdue-scan:2026-11-23T00:${String(i).padStart(2, "0")}`,
      status: "FAILED" as const,
      startedAt: new Date("2026-11-23T00:00:00Z"),
      finishedAt: new Date("2026-11-23T00:01:05Z"),
      summary: null,
      error: "x".repeat(500),
    }));
    const message = buildJobRunsMessage({ runs, more: 0, lastSuccess: [], missingRoles: noRoles }, { timeZone: "Asia/Seoul", slackFailures: failures(10, 14) });
    expect(validateBlocks(message.blocks, "message")).toEqual([]);
    expect(buttons(message.blocks)).toEqual(Array.from({ length: 10 }, (_, i) => String(100 + i)));
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("*Slack posts that failed*");
    expect(text).toContain("Once the cause is fixed");
    expect(text).toContain("*Ticket message* SV-2026-000000 · `channel_not_found` · 1 attempt · <!date^1795424400^");
    expect(text).toContain("*Thread line* SV-2026-000001 · `not_in_channel` · 2 attempts");
    expect(text).toContain("*Technician DM* SV-2026-000002");
    expect(text).toContain("*Removed-technician DM* SV-2026-000003");
    expect(text).toContain("2026-11-23 18:00 Asia/Seoul");
    expect(text).toContain("…and 4 more.");
    // After the runs: the job list keeps its place at the top.
    const ids = message.blocks.map((block) => block.block_id);
    expect(ids.indexOf(BLOCKS.slackFailures)).toBeGreaterThan(ids.indexOf(BLOCKS.jobRunsLastSuccess));
  });

  it("says in one line that no Slack post failed when none did", () => {
    const message = buildJobRunsMessage({ runs: [], more: 0, lastSuccess: [], missingRoles: noRoles }, { slackFailures: failures(0) });
    const section = message.blocks.filter((block) => block.block_id?.startsWith("slack_failure"));
    expect(section).toEqual([{ type: "section", block_id: BLOCKS.slackFailures, text: { type: "mrkdwn", text: "*Slack posts that failed* none" } }]);
    expect(buttons(message.blocks)).toEqual([]);
  });

  it("escapes an error's text and keeps it inside its code span; a failure without a call names no voucher", () => {
    const list: SlackFailureList = { failures: [{ ...failures(1).failures[0]!, voucherNo: null, ticketId: null, error: "bad `thing` <@U1> & " + "e".repeat(400) }], total: 1 };
    const message = buildJobRunsMessage({ runs: [], more: 0, lastSuccess: [], missingRoles: noRoles }, { slackFailures: list });
    const line = JSON.stringify(message.blocks.find((block) => block.block_id === `${BLOCKS.slackFailurePrefix}100`));
    expect(line).toContain("*Ticket message* · `bad 'thing' &lt;@U1&gt; &amp; eee");
    expect(line).not.toContain("<@U1>");
    expect(line).toContain("…` · 1 attempt");
  });
});

describe("failed Slack posts on App Home", () => {
  const home = { displayName: "Admin", registered: false, roles: ["ADMIN" as const], missingRoles: noRoles };

  it("shows an admin at most 5, each with Resend, and how many more", () => {
    const view = buildHomeView({ ...home, slackFailures: failures(10, 12) });
    expect(validateView(view)).toEqual([]);
    expect(buttons(view.blocks)).toEqual(["100", "101", "102", "103", "104"]);
    expect(JSON.stringify(view.blocks)).toContain("…and 7 more.");
  });

  it("has no such section without the list (everyone but admins)", () => {
    const view = buildHomeView({ ...home, roles: ["DISPATCHER"], missingRoles: null });
    expect(JSON.stringify(view.blocks)).not.toContain("Slack posts that failed");
  });
});
