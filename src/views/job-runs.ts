// `/repair jobs` (admins): the latest scheduled runs, failures first, each job's last success, and
// the Slack posts that failed, each with Resend.
import type { KnownBlock } from "@slack/types";
import type { JobRunsOverview } from "../services/jobs/list-job-runs";
import { safeText, slackDate, truncate } from "./format";
import { BLOCKS } from "./ids";
import { missingRolesBlocks } from "./missing-roles";
import { messagesFor, type Locale } from "./messages";
import { slackFailureBlocks, type SlackFailureList } from "./slack-failures";

const SECTION_MAX = 2900;
/** Failed Slack posts listed; the message stays well within Slack's 50 blocks. */
const FAILURES_SHOWN = 10;

export function buildJobRunsMessage(
  overview: JobRunsOverview,
  options: { timeZone?: string; locale?: Locale; slackFailures?: SlackFailureList } = {},
): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(options.locale).directorSummary.jobs;
  const timeZone = options.timeZone ?? "UTC";
  const blocks: KnownBlock[] = [
    { type: "header", block_id: BLOCKS.jobRunsHeader, text: { type: "plain_text", text: m.header } },
    // R7/R12: a role nobody holds sends escalations to the admins: shown first, so it gets filled.
    ...missingRolesBlocks(overview.missingRoles, BLOCKS.jobRunsMissingRoles, options.locale),
  ];
  const lines: string[] = [];
  for (const run of overview.runs) {
    const duration = run.finishedAt ? m.duration(Math.max(0, Math.round((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000))) : m.unfinished;
    // A job's own counters, by their names in the code (what `npm run job` prints too): data for admins, not prose.
    const counts = run.summary ? `\`${safeText(Object.entries(run.summary).map(([key, value]) => `${key}=${value}`).join(" "), 190)}\`` : "";
    lines.push(m.run(safeText(run.job, 60), safeText(run.periodKey, 100), m.status[run.status] ?? run.status, slackDate(run.startedAt, timeZone), duration, counts));
    if (run.error) lines.push(m.error(safeText(run.error, 200)));
  }
  if (overview.more > 0) lines.push(m.more(overview.more));
  // Sections hold 3,000 characters: split the list over several.
  let chunk = "";
  let part = 0;
  const flush = () => {
    if (!chunk) return;
    blocks.push({ type: "section", block_id: part === 0 ? BLOCKS.jobRunsList : `${BLOCKS.jobRunsList}_${part}`, text: { type: "mrkdwn", text: chunk } });
    part += 1;
    chunk = "";
  };
  for (const line of lines.length ? lines : [m.none]) {
    if (chunk.length + line.length + 1 > SECTION_MAX) flush();
    chunk = chunk ? `${chunk}\n${line}` : truncate(line, SECTION_MAX);
  }
  flush();
  const last = [m.lastSuccessTitle, ...overview.lastSuccess.map((item) => m.lastSuccess(safeText(item.job, 60), item.at ? slackDate(item.at, timeZone) : null))].join("\n");
  blocks.push({ type: "section", block_id: BLOCKS.jobRunsLastSuccess, text: { type: "mrkdwn", text: truncate(last, SECTION_MAX) } });
  if (options.slackFailures) blocks.push(...slackFailureBlocks(options.slackFailures, { max: FAILURES_SHOWN, timeZone, locale: options.locale }));
  return { text: m.fallback, blocks };
}
