// R15: the daily report modal's Submit — the corrections and the submission in one service call
// (one transaction). Input problems go back on the field (`response_action: "errors"`), so the
// service runs before the ack; a second submission or another refusal replaces the modal with a
// notice. The technician then gets the day's summary as a DM (a modal has no response_url).
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { isAppError } from "../../errors";
import { dailyProblemsOf } from "../../services/reports/daily-work-report";
import { alreadySubmittedText, buildDailySubmittedDm, dailyFieldErrors, readDailyReportSubmission } from "../../views/daily-report-modal";
import { buildNoticeModal } from "../../views/notice-modal";
import type { StateValues } from "../../views/state";
import { describeFailure } from "../support/failures";
import { underAckBudget } from "../support/ack-budget";
import type { HandlerDeps } from "../types";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function dailyReportSubmitted(deps: HandlerDeps) {
  return underAckBudget(deps, "daily-report", async ({ ack, body, view, client }: Args) => {
    const read = readDailyReportSubmission(view.state.values as StateValues, view.private_metadata);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    let day;
    try {
      const actor = await deps.services.resolveActor(body.user.id);
      day = await deps.services.submitDailyReport({ actor, date: read.date, notes: read.notes, changes: read.changes, internal: read.internal });
    } catch (error) {
      const problems = dailyProblemsOf(error);
      if (problems) {
        const errors = dailyFieldErrors(problems);
        if (Object.keys(errors).length) return void (await ack({ response_action: "errors", errors }));
      }
      if (isAppError(error) && error.code === "ALREADY_DONE" && error.details.action === "daily-report.submit") {
        deps.log.info("request refused", { view: "daily-report", user: body.user.id, code: error.code });
        return void (await ack({ response_action: "update", view: buildNoticeModal({ text: alreadySubmittedText(error.details) }) }));
      }
      const { text } = describeFailure(error, deps.log, { view: "daily-report", user: body.user.id });
      return void (await ack({ response_action: "update", view: buildNoticeModal({ text }) }));
    }
    await ack();
    try {
      const opened = await client.conversations.open({ users: body.user.id });
      const channel = opened.channel?.id ?? body.user.id;
      const dm = buildDailySubmittedDm(day);
      await client.chat.postMessage({ channel, text: dm.text, blocks: dm.blocks, unfurl_links: false });
    } catch (error) {
      deps.log.error("the daily report was submitted but the confirmation DM failed", { view: "daily-report", user: body.user.id, error });
    }
  });
}
