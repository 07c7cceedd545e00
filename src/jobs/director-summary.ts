// R16/R17: after each working day the branch's directors get the day's figures in their channel,
// with a Sign off button for the manager. The report is stored (DirectorReport, one per branch and
// day) before it is posted; a run that crashed in between posts the stored report next time, and a
// report already posted is never posted again.
import { firstOpeningOn, lastClosingOn } from "../domain/working-calendar";
import { recordDirectorReportMessage, storeDirectorReport } from "../services/reports/director-report";
import { computeDirectorSummary } from "../services/reports/director-summary";
import { buildDirectorSummaryMessage } from "../views/director-summary";
import { oncePerBranchDay } from "./periods";
import type { Job, JobContext } from "./types";

const NAME = "director-summary";
const ACTOR = `system:${NAME}`;

/** When the summary of a working day is due: SUMMARY_AFTER_CLOSE_MINUTES after the last closing. */
export function summaryDueAt(context: Pick<JobContext, "branch" | "date" | "deps">): Date | null {
  const branch = context.branch;
  if (!branch) return null;
  const closing = lastClosingOn(branch.calendar, context.date);
  return closing ? new Date(closing.getTime() + context.deps.settings.summaryAfterCloseMinutes * 60_000) : null;
}

export const directorSummaryJob: Job = {
  name: NAME,
  ...oncePerBranchDay(NAME, summaryDueAt),
  needsSlack: true,
  async run(context) {
    const { deps, branch, date } = context;
    if (!branch) throw new Error("director-summary runs per branch");
    if (!deps.slack) throw new Error("director-summary posts to Slack and needs a Slack client");
    if (!firstOpeningOn(branch.calendar, date)) return { stored: 0, posted: 0 };

    const summary = await computeDirectorSummary(deps.db, { branchId: branch.id, date });
    const { report, created } = await storeDirectorReport(deps, { summary, actor: ACTOR });
    if (report.messageTs) return { stored: 0, posted: 0 };

    const row = await deps.db.branch.findUniqueOrThrow({ where: { id: branch.id }, select: { directorsChannelId: true, dispatchChannelId: true } });
    let channel = row.directorsChannelId;
    if (!channel) {
      deps.log.warn("branch has no directors channel: summary posted to the dispatch channel", { branch: branch.code, date });
      channel = row.dispatchChannelId;
    }
    if (!channel) {
      deps.log.warn("branch has no directors or dispatch channel: summary stored, not posted", { branch: branch.code, date });
      return { stored: created ? 1 : 0, posted: 0 };
    }
    // A stored report keeps its own figures (those the manager signs), even when re-posted later.
    const state = report.signedOffAt && report.signedOffBy ? { kind: "signed-off" as const, by: report.signedOffBy.slackUserId, at: report.signedOffAt } : { kind: "awaiting" as const };
    const message = buildDirectorSummaryMessage({ reportId: report.id, summary: report.figures, state });
    const posted = await deps.slack.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false });
    if (!posted.ts) throw new Error("chat.postMessage returned no ts");
    await recordDirectorReportMessage(deps, { reportId: report.id, channelId: posted.channel ?? channel, ts: posted.ts });
    return { stored: created ? 1 : 0, posted: 1 };
  },
};
