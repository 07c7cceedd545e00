// The Slack posts the outbox gave up on, for admins (`/repair jobs`, App Home): what it was, for which
// call, Slack's error, and a Resend button each, to press once the cause is fixed.
import type { KnownBlock } from "@slack/types";
import type { SlackFailureLine } from "../services/outbox/failures";
import { safeText, slackDate } from "./format";
import { ACTIONS, BLOCKS } from "./ids";
import { messagesFor, type Locale } from "./messages";

/** What `listSlackFailures` returns: the newest failures not resent yet, and how many in all. */
export interface SlackFailureList {
  failures: SlackFailureLine[];
  total: number;
}

/** At most `max` failures (a block each), newest first, then how many more there are. */
export function slackFailureBlocks(list: SlackFailureList, options: { max: number; timeZone?: string; locale?: Locale }): KnownBlock[] {
  const m = messagesFor(options.locale).directorSummary.slackFailures;
  const shown = list.failures.slice(0, options.max);
  if (!shown.length) return [{ type: "section", block_id: BLOCKS.slackFailures, text: { type: "mrkdwn", text: m.none } }];
  const timeZone = options.timeZone ?? "UTC";
  const blocks: KnownBlock[] = [{ type: "section", block_id: BLOCKS.slackFailures, text: { type: "mrkdwn", text: `${m.title}\n${m.explain}` } }];
  for (const failure of shown) {
    // The error is Slack's code or an exception's first line: kept short, without backticks that would end its code span.
    const error = safeText(failure.error.replace(/`/g, "'"), 200);
    const voucherNo = failure.voucherNo === null ? null : safeText(failure.voucherNo, 40);
    blocks.push({
      type: "section",
      block_id: `${BLOCKS.slackFailurePrefix}${failure.id}`,
      text: { type: "mrkdwn", text: m.line(m.kind[failure.kind], voucherNo, error, failure.attempts, slackDate(failure.failedAt, timeZone)) },
      accessory: { type: "button", action_id: ACTIONS.slackFailureResend, text: { type: "plain_text", text: m.resend }, value: String(failure.id) },
    });
  }
  const more = list.total - shown.length;
  if (more > 0) blocks.push({ type: "context", block_id: BLOCKS.slackFailuresMore, elements: [{ type: "mrkdwn", text: m.more(more) }] });
  return blocks;
}
