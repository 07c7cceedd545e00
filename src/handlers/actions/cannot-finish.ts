// R12: the assigned technician's Cannot finish (ticket message and DM, when ON_SITE / IN_WORKSHOP)
// opens a modal for the reason and the new expected completion; submitting alerts the directors at
// once through the outbox, like the overdue alert (thread line, dispatch channel, DMs).
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { buildCannotFinishModal, readCannotFinishSubmission } from "../../views/cannot-finish-modal";
import { buildNoticeModal } from "../../views/notice-modal";
import type { StateValues } from "../../views/state";
import { describeFailure } from "../support/failures";
import { underAckBudget } from "../support/ack-budget";
import type { HandlerDeps } from "../types";
import { cardForModal, modalButton } from "./ticket-buttons";

/** Checks it is the assignee's call before asking why. */
export function cannotFinishButton(deps: HandlerDeps) {
  return modalButton(deps, "ticket.cannot-finish", "cannotFinish", async (args, ticketId) => {
    const found = await cardForModal(deps, args, ticketId, "ticket.cannot-finish");
    return "reply" in found ? found : { view: buildCannotFinishModal({ card: found.card, now: deps.clock.now() }) };
  });
}

export function cannotFinishSubmitted(deps: HandlerDeps) {
  return underAckBudget(deps, "cannot-finish", async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const read = readCannotFinishSubmission(view.state.values as StateValues, view.private_metadata, { now: deps.clock.now() });
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    try {
      const actor = await deps.services.resolveActor(body.user.id);
      // The alert's Slack copies are queued with the escalation (the outbox posts them).
      await deps.services.reportCannotFinish({ actor, ticketId: read.ticketId, reason: read.reason, expectedBy: read.expectedBy });
    } catch (error) {
      const { text } = describeFailure(error, deps.log, { view: "cannot-finish", user: body.user.id });
      return void (await ack({ response_action: "update", view: buildNoticeModal({ text }) }));
    }
    await ack();
  });
}
