// Submissions of the Report work and Close modals. Input problems (and the service's refusals of
// a field, such as R14 "only N left") are answered on the field within Slack's 3 s; the ticket
// message, its thread and the technician's DM follow after the ack.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { isAppError } from "../../errors";
import { partProblemsOf } from "../../services/parts/book-parts-used";
import { readCloseSubmission } from "../../views/close-modal";
import { slackDate } from "../../views/format";
import { messagesFor } from "../../views/messages";
import { buildNoticeModal } from "../../views/notice-modal";
import { readReportMetadata, readReportSubmission, reportErrorsOnFields } from "../../views/report-work-modal";
import type { StateValues } from "../../views/state";
import { describeFailure } from "../support/failures";
import { underAckBudget } from "../support/ack-budget";
import type { HandlerDeps } from "../types";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;


export function reportWorkSubmitted(deps: HandlerDeps) {
  return underAckBudget(deps, "report-work", async ({ ack, body, view }: Args) => {
    const metadata = readReportMetadata(view.private_metadata);
    try {
      if (!metadata) throw new Error("report modal submitted without its metadata");
      const read = readReportSubmission(view.state.values as StateValues, metadata);
      if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
      const actor = await deps.services.resolveActor(body.user.id);
      try {
        await deps.services.reportWork({
          actor,
          ticketId: read.ticketId,
          submissionKey: `report:${view.id}`,
          hours: read.hours,
          parts: read.parts.map(({ partId, quantity, serialOut, serialIn }) => ({ partId, quantity, serialOut, serialIn })),
          outcome: read.outcome,
          diagnosis: read.diagnosis,
          notes: read.notes,
          fee: read.fee,
          settlement: read.settlement,
          feeAgreed: read.feeAgreed,
          signedByName: read.signedByName,
          signedAt: read.signedAt,
          custody: read.custody,
          expectedCompletionAt: read.expectedCompletionAt ?? null,
        });
      } catch (error) {
        const problems = partProblemsOf(error);
        if (isAppError(error) && error.code === "VALIDATION" && (error.fieldErrors || problems.length)) {
          const errors = reportErrorsOnFields({ fieldErrors: error.fieldErrors, problems }, read, metadata);
          if (Object.keys(errors).length) return void (await ack({ response_action: "errors", errors }));
        }
        throw error;
      }
      // The report's thread lines (and the custody receipt) were queued with it; the outbox posts them.
      await ack();
    } catch (error) {
      const { text } = describeFailure(error, deps.log, { view: "report-work", user: body.user.id });
      return void (await ack({ response_action: "update", view: buildNoticeModal({ text }) }));
    }
  });
}

export function closeSubmitted(deps: HandlerDeps) {
  return underAckBudget(deps, "close", async ({ ack, body, view }: Args) => {
    const m = messagesFor().workReport;
    try {
      const read = readCloseSubmission(view.state.values as StateValues, view.private_metadata);
      if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
      const actor = await deps.services.resolveActor(body.user.id);
      const result = await deps.services.closeTicket({ actor, ticketId: read.ticketId, resolution: read.resolution });
      if (result.change === "already") {
        const card = await deps.services.getTicketCard({ ticketId: result.ticketId });
        const who = result.closedBy ? `<@${result.closedBy.slackUserId}>` : "—";
        return void (await ack({ response_action: "update", view: buildNoticeModal({ text: m.close.alreadyClosed(result.voucherNo, who, slackDate(result.closedAt, card.branch.timeZone)) }) }));
      }
      // The closing's thread line was queued with it.
      await ack();
    } catch (error) {
      if (isAppError(error) && error.code === "VALIDATION" && error.fieldErrors) {
        const key = Object.values(error.fieldErrors)[0];
        return void (await ack({ response_action: "errors", errors: { [view.blocks.find((b) => b.type === "input")?.block_id ?? ""]: m.errors[key] ?? m.errors.invalid } }));
      }
      const receipt = isAppError(error) && error.details.reason === "custody-open" ? String(error.details.receiptNumber) : null;
      const text = receipt ? m.close.custodyOpen(receipt) : describeFailure(error, deps.log, { view: "close", user: body.user.id }).text;
      return void (await ack({ response_action: "update", view: buildNoticeModal({ text }) }));
    }
  });
}
