// The scheduled jobs' and the accountants' messages, delivered by the outbox: the pre-deadline
// warning (R7), the carry-over list (R8), invoice requests (R10), loans flagged at closing (R14),
// the daily report reminder (R15), the directors' summary (R16), contract expiry notices (R18) and
// the technicians' monthly evaluation (R20/R22).
// Their jobs record what happened and queue these in the same transaction; posting them here means
// a Slack outage delays them (retried, then listed for the admins) instead of losing them.
import type { KnownBlock } from "@slack/types";
import type { NoticeEffect, TicketEffect } from "../services/outbox/effects";
import { buildCarryOverMessage } from "../views/carry-over";
import { buildDailyReminder } from "../views/daily-report-modal";
import { buildContractNoticeDm, buildContractNoticeMessage, buildDirectorSummaryMessage } from "../views/director-summary";
import { buildInvoiceRequestDm } from "../views/invoice-requests";
import { buildLoansAtClosingDm } from "../views/parts";
import { buildEvaluationMessage } from "../views/monthly-evaluation";
import { buildPreDeadlineWarning } from "../views/pre-deadline-warning";
import { renderFor } from "../i18n/locale-source";
import { findPosted, type Metadata } from "./find-posted";
import { Copies, postDmOnce, postOnce, type EffectRun, type OutboxDeps } from "./post-once";
import { callSlack } from "./slack-errors";
import type { OutboxSlackClient } from "./slack-client";

const NOTICE_EVENT = "servicedesk_notice";
const REPORT_EVENT = "servicedesk_report";
const EVALUATION_EVENT = "servicedesk_evaluation";

/** Copies of one queued notice are told apart by the queue's job id (stable across its retries). */
const noticeMetadata = (run: EffectRun, copy: string): Metadata => ({ event_type: NOTICE_EVENT, event_payload: { job: run.jobId, copy } });

/** R7: the thread reply and the technician's DM (the dispatch channel, for an unassigned call). */
export async function deliverPreDeadlineWarning(deps: OutboxDeps, slack: OutboxSlackClient, effect: Extract<TicketEffect, { kind: "pre-deadline-warning" }>, run: EffectRun): Promise<void> {
  const warning = await deps.services.getPreDeadlineWarning({ ticketId: effect.ticketId, minutesLeft: effect.minutesLeft });
  const render = (reader: { channel: string } | { person: string }) => renderFor(deps.locales, reader, () => buildPreDeadlineWarning(warning));
  const lookFirst = run.attempt > 1;
  const copies = new Copies(deps.log, { ticketId: effect.ticketId, notice: effect.kind });
  const thread = warning.ticketMessage;
  if (thread) await copies.attempt("thread", async () => postOnce(slack, { channel: thread.channelId, threadTs: thread.ts }, await render({ channel: thread.channelId }), noticeMetadata(run, "thread"), lookFirst));
  if (warning.technicianSlackUserId) {
    const technician = warning.technicianSlackUserId;
    await copies.attempt("dm", async () => postDmOnce(slack, technician, await render({ person: technician }), noticeMetadata(run, "dm"), run));
  } else if (warning.dispatchChannelId) {
    const channel = warning.dispatchChannelId;
    await copies.attempt("channel", async () => postOnce(slack, { channel }, await render({ channel }), noticeMetadata(run, "channel"), lookFirst));
  } else {
    deps.log.warn("branch has no dispatch channel: unassigned call's warning not posted there", { ticketId: effect.ticketId });
  }
  copies.finish();
}

export async function deliverNotice(deps: OutboxDeps, slack: OutboxSlackClient, effect: NoticeEffect, run: EffectRun): Promise<void> {
  const lookFirst = run.attempt > 1;
  switch (effect.kind) {
    case "carry-over-list": {
      const branch = await deps.services.getBranchChannels({ branchId: effect.branchId });
      if (!branch.dispatchChannelId) return deps.log.warn("branch has no dispatch channel: carry-over list not posted", { branch: branch.code, carried: effect.items.length });
      const message = await renderFor(deps.locales, { channel: branch.dispatchChannelId }, () => buildCarryOverMessage({ items: effect.items, timeZone: branch.timeZone }));
      await postOnce(slack, { channel: branch.dispatchChannelId }, message, noticeMetadata(run, "channel"), lookFirst);
      return;
    }
    case "director-report":
      return postDirectorReport(deps, slack, effect.reportId, run);
    case "evaluation-report":
      return postEvaluationReport(deps, slack, effect.reportId, run);
    case "contract-notice": {
      const notice = await deps.services.getContractNotice({ contractId: effect.contractId });
      const copies = new Copies(deps.log, { contract: notice.number });
      if (notice.dispatchChannelId) {
        const channel = notice.dispatchChannelId;
        await copies.attempt("channel", async () => postOnce(slack, { channel }, await renderFor(deps.locales, { channel }, () => buildContractNoticeMessage(notice)), noticeMetadata(run, "channel"), lookFirst));
      } else {
        deps.log.warn("branch has no dispatch channel: contract notice not posted", { branch: notice.branchCode, contract: notice.number });
      }
      if (notice.assigneeSlackUserId) {
        const assignee = notice.assigneeSlackUserId;
        await copies.attempt("dm", async () => postDmOnce(slack, assignee, await renderFor(deps.locales, { person: assignee }, () => buildContractNoticeDm(notice)), noticeMetadata(run, "dm"), run));
      } else {
        deps.log.warn("nobody to follow up a contract renewal (no director or dispatcher)", { branch: notice.branchCode, contract: notice.number });
      }
      copies.finish();
      return;
    }
    case "daily-report-reminder": {
      const reminder = await renderFor(deps.locales, { person: effect.slackUserId }, () => buildDailyReminder({ date: effect.date, totals: effect.totals }));
      await postDmOnce(slack, effect.slackUserId, reminder, noticeMetadata(run, "dm"), run);
      return;
    }
    case "loans-at-closing": {
      const message = await renderFor(deps.locales, { person: effect.slackUserId }, () =>
        buildLoansAtClosingDm({ audience: effect.audience, borrowerName: effect.borrowerName, loans: effect.loans, back: effect.back, timeZone: effect.timeZone }),
      );
      await postDmOnce(slack, effect.slackUserId, message, noticeMetadata(run, "dm"), run);
      return;
    }
    case "invoice-request": {
      const [request, recipients] = await Promise.all([deps.services.getInvoiceRequest({ invoiceRequestId: effect.invoiceRequestId }), deps.services.invoiceRecipients()]);
      if (!recipients.slackUserIds.length) return deps.log.warn("an invoice request has nobody to tell: no accountant and no admin", { invoiceRequestId: request.id });
      const copies = new Copies(deps.log, { invoiceRequestId: request.id });
      for (const slackUserId of recipients.slackUserIds) {
        const message = await renderFor(deps.locales, { person: slackUserId }, () => buildInvoiceRequestDm({ request, fallbackToAdmins: recipients.fallback }));
        await copies.attempt(`dm:${slackUserId}`, () => postDmOnce(slack, slackUserId, message, noticeMetadata(run, `dm:${slackUserId}`), run));
      }
      copies.finish();
      return;
    }
  }
}

/** R16: the stored daily summary, posted once with its own figures (those the manager signs), even when posted late. */
async function postDirectorReport(deps: OutboxDeps, slack: OutboxSlackClient, reportId: number, run: EffectRun): Promise<void> {
  const delivery = await deps.services.getDirectorReportDelivery({ reportId });
  const { report } = delivery;
  if (report.messageTs) return;
  await postStoredReport(deps, slack, run, {
    delivery,
    what: "summary",
    logFields: { date: report.reportDate },
    render: () => buildDirectorSummaryMessage({ reportId: report.id, summary: report.figures, state: signOffState(report) }),
    metadata: { event_type: REPORT_EVENT, event_payload: { report_id: report.id } },
    record: (posted) => deps.services.recordDirectorReportMessage({ reportId: report.id, ...posted }),
  });
}

/** R20/R22: the stored monthly evaluation, posted once with its own figures, even when posted late. */
async function postEvaluationReport(deps: OutboxDeps, slack: OutboxSlackClient, reportId: number, run: EffectRun): Promise<void> {
  const delivery = await deps.services.getEvaluationReportDelivery({ reportId });
  const { report } = delivery;
  if (report.messageTs) return;
  await postStoredReport(deps, slack, run, {
    delivery,
    what: "monthly evaluation",
    logFields: { month: report.month },
    render: () => buildEvaluationMessage({ reportId: report.id, evaluation: report.figures, state: signOffState(report) }),
    metadata: { event_type: EVALUATION_EVENT, event_payload: { evaluation_report_id: report.id } },
    record: (posted) => deps.services.recordEvaluationReportMessage({ reportId: report.id, ...posted }),
  });
}

function signOffState(report: { signedOffAt: Date | null; signedOffBy: { slackUserId: string } | null }) {
  return report.signedOffAt && report.signedOffBy ? { kind: "signed-off" as const, by: report.signedOffBy.slackUserId, at: report.signedOffAt } : { kind: "awaiting" as const };
}

/**
 * R16/R20: a report a manager signs off is posted once, in the directors' channel (else the
 * dispatch channel), and where it went is recorded for the sign-off. A retry first looks for the
 * post an earlier try made (its metadata) rather than posting twice.
 */
async function postStoredReport(
  deps: OutboxDeps,
  slack: OutboxSlackClient,
  run: EffectRun,
  options: {
    delivery: { directorsChannelId: string | null; dispatchChannelId: string | null; branchCode: string; createdAt: Date };
    what: string;
    logFields: Record<string, unknown>;
    render: () => { text: string; blocks: KnownBlock[] };
    metadata: Metadata;
    record: (posted: { channelId: string; ts: string }) => Promise<unknown>;
  },
): Promise<void> {
  const { delivery, what, metadata } = options;
  const context = { branch: delivery.branchCode, ...options.logFields };
  let channel = delivery.directorsChannelId;
  if (!channel) {
    deps.log.warn(`branch has no directors channel: ${what} posted to the dispatch channel`, context);
    channel = delivery.dispatchChannelId;
  }
  if (!channel) return deps.log.warn(`branch has no directors or dispatch channel: ${what} stored, not posted`, context);
  const earlier = run.attempt > 1 ? await findPosted(slack, channel, metadata, delivery.createdAt) : null;
  if (earlier) return void (await options.record({ channelId: channel, ts: earlier }));
  const message = await renderFor(deps.locales, { channel }, options.render);
  const sent = await callSlack(() => slack.chat.postMessage({ channel: channel!, text: message.text, blocks: message.blocks, unfurl_links: false, metadata }));
  if (!sent.ts) throw new Error("chat.postMessage returned no ts");
  await options.record({ channelId: sent.channel ?? channel, ts: sent.ts });
}
