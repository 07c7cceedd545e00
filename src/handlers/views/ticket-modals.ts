// Submissions of the intake, assign, schedule and cancel modals. Input problems are answered on
// the field within Slack's 3 s (`response_action: "errors"`), so the service runs before the ack;
// its transaction is short. The Slack messages a change implies were queued with it (the outbox).
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { isAppError } from "../../errors";
import { readAssignSubmission } from "../../views/assign-modal";
import { readCancelSubmission } from "../../views/cancel-modal";
import { readDeclineSubmission } from "../../views/decline-modal";
import { readIntakeMetadata } from "../../views/intake-modal";
import { intakeFieldErrors, readIntakeSubmission } from "../../views/intake-submission";
import { buildNoticeModal } from "../../views/notice-modal";
import { describeServiceFieldError } from "../../views/field-errors";
import { readScheduleSubmission } from "../../views/schedule-modal";
import type { StateValues } from "../../views/state";
import { underAckBudget } from "../support/ack-budget";
import { describeFailure } from "../support/failures";
import type { HandlerDeps } from "../types";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Runs a modal's use case; a refusal or failure replaces the modal with a notice saying so. */
function submission(deps: HandlerDeps, name: string, run: (args: Args) => Promise<void>) {
  return underAckBudget(deps, name, answer);

  async function answer(args: Args) {
    try {
      await run(args);
    } catch (error) {
      if (isAppError(error) && error.code === "VALIDATION" && error.fieldErrors && name !== "intake") {
        // Field problems of the small modals land on their first input.
        const block = args.view.blocks.find((b) => b.type === "input")?.block_id;
        if (block) return args.ack({ response_action: "errors", errors: { [block]: Object.values(error.fieldErrors).join(" ") } });
      }
      const { text } = describeFailure(error, deps.log, { view: name, user: args.body.user.id });
      return args.ack({ response_action: "update", view: buildNoticeModal({ text }) });
    }
  }
}

export function intakeSubmitted(deps: HandlerDeps) {
  return submission(deps, "intake", async ({ ack, body, view }) => {
    const metadata = readIntakeMetadata(view.private_metadata);
    const read = readIntakeSubmission(view.state.values as StateValues, metadata);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    const actor = await deps.services.resolveActor(body.user.id);
    try {
      if (metadata.mode === "new") {
        // One ticket per modal, whatever Slack or a double click delivers again: the repeats change
        // nothing and queue nothing, so the ticket has one message.
        await deps.services.registerTicket({ actor, input: read.input, intakeKey: `intake:${view.id}` });
      } else if (metadata.mode === "complete") {
        await deps.services.completeIntake({ actor, ticketId: metadata.ticketId!, input: read.input });
      } else {
        await deps.services.editTicket({ actor, ticketId: metadata.ticketId!, input: read.input });
      }
    } catch (error) {
      if (isAppError(error) && error.code === "VALIDATION" && error.fieldErrors) {
        const messages = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, describeServiceFieldError(field, key)]));
        return void (await ack({ response_action: "errors", errors: intakeFieldErrors(messages, metadata) }));
      }
      throw error;
    }
    await ack();
  });
}

export function assignSubmitted(deps: HandlerDeps) {
  return submission(deps, "assign", async ({ ack, body, view }) => {
    const read = readAssignSubmission(view.state.values as StateValues, view.private_metadata);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    const actor = await deps.services.resolveActor(body.user.id);
    await deps.services.assignTechnician({
      actor,
      ticketId: read.ticketId,
      technicianStaffId: read.technicianStaffId,
      note: read.note,
      appointment: read.appointment,
    });
    await ack();
  });
}

export function scheduleSubmitted(deps: HandlerDeps) {
  return submission(deps, "schedule", async ({ ack, body, view }) => {
    const read = readScheduleSubmission(view.state.values as StateValues, view.private_metadata);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    const actor = await deps.services.resolveActor(body.user.id);
    await deps.services.scheduleVisit({ actor, ticketId: read.ticketId, start: read.start, end: read.end });
    await ack();
  });
}

export function cancelSubmitted(deps: HandlerDeps) {
  return submission(deps, "cancel", async ({ ack, body, view }) => {
    const read = readCancelSubmission(view.state.values as StateValues, view.private_metadata);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    const actor = await deps.services.resolveActor(body.user.id);
    await deps.services.cancelTicket({ actor, ticketId: read.ticketId, reason: read.reason });
    await ack();
  });
}

/** R5: the technician's reason for declining; the call goes back to the dispatcher's queue. */
export function declineSubmitted(deps: HandlerDeps) {
  return submission(deps, "decline", async ({ ack, body, view }) => {
    const read = readDeclineSubmission(view.state.values as StateValues, view.private_metadata);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    const actor = await deps.services.resolveActor(body.user.id);
    await deps.services.declineTicket({ actor, ticketId: read.ticketId, reason: read.reason });
    await ack();
  });
}
