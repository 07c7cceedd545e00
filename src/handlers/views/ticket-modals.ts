// Submissions of the intake, assign, schedule and cancel modals. Input problems are answered on
// the field within Slack's 3 s (`response_action: "errors"`), so the service runs before the ack;
// its transaction is short. Slack messages follow after the ack.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { isAppError } from "../../errors";
import type { TicketHistoryEntry } from "../../services/tickets/models";
import { readAssignSubmission } from "../../views/assign-modal";
import { readCancelSubmission } from "../../views/cancel-modal";
import { readDeclineSubmission } from "../../views/decline-modal";
import { messagesFor } from "../../views/messages";
import { readIntakeMetadata } from "../../views/intake-modal";
import { intakeFieldErrors, readIntakeSubmission } from "../../views/intake-submission";
import { buildNoticeModal } from "../../views/notice-modal";
import { describeServiceFieldError } from "../../views/field-errors";
import { readScheduleSubmission } from "../../views/schedule-modal";
import type { StateValues } from "../../views/state";
import { describeFailure } from "../support/failures";
import { announceNeedsTechnician, notifyTechnicians, publishTicket, updateTechnicianDm } from "../../publish/ticket-publisher";
import type { HandlerDeps } from "../types";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Runs a modal's use case; a refusal or failure replaces the modal with a notice saying so. */
function submission(deps: HandlerDeps, name: string, run: (args: Args) => Promise<(() => Promise<void>) | void>) {
  return async (args: Args) => {
    let after: (() => Promise<void>) | void;
    try {
      after = await run(args);
    } catch (error) {
      if (isAppError(error) && error.code === "VALIDATION" && error.fieldErrors && name !== "intake") {
        // Field problems of the small modals land on their first input.
        const block = args.view.blocks.find((b) => b.type === "input")?.block_id;
        if (block) return args.ack({ response_action: "errors", errors: { [block]: Object.values(error.fieldErrors).join(" ") } });
      }
      const { text } = describeFailure(error, deps.log, { view: name, user: args.body.user.id });
      return args.ack({ response_action: "update", view: buildNoticeModal({ text }) });
    }
    if (after) {
      await after().catch((error: unknown) => deps.log.error("the change was saved but Slack was not updated", { view: name, error }));
    }
  };
}

export function person(actor: { staffId: number | null; slackUserId: string; name: string | null }) {
  return actor.staffId !== null ? { staffId: actor.staffId, slackUserId: actor.slackUserId, name: actor.name ?? actor.slackUserId } : { system: actor.slackUserId };
}

export function intakeSubmitted(deps: HandlerDeps) {
  return submission(deps, "intake", async ({ ack, body, view, client }) => {
    const metadata = readIntakeMetadata(view.private_metadata);
    const read = readIntakeSubmission(view.state.values as StateValues, metadata);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    const actor = await deps.services.resolveActor(body.user.id);
    let ticketId: number;
    let history: TicketHistoryEntry["event"] | undefined;
    try {
      if (metadata.mode === "new") {
        // One ticket per modal, whatever Slack or a double click delivers again.
        const result = await deps.services.registerTicket({ actor, input: read.input, intakeKey: `intake:${view.id}` });
        ticketId = result.ticketId;
        history = result.created ? { kind: "registered" } : undefined;
      } else if (metadata.mode === "complete") {
        ticketId = (await deps.services.completeIntake({ actor, ticketId: metadata.ticketId!, input: read.input })).ticketId;
        history = { kind: "completed-intake" };
      } else {
        const result = await deps.services.editTicket({ actor, ticketId: metadata.ticketId!, input: read.input });
        ticketId = result.ticketId;
        history = result.changedFields.length ? { kind: "edited", fields: result.changedFields } : undefined;
      }
    } catch (error) {
      if (isAppError(error) && error.code === "VALIDATION" && error.fieldErrors) {
        const messages = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, describeServiceFieldError(field, key)]));
        return void (await ack({ response_action: "errors", errors: intakeFieldErrors(messages, metadata) }));
      }
      throw error;
    }
    await ack();
    // A repeated delivery of the same submission changed nothing, and the delivery that made the
    // ticket posts it: two posting at once would make two ticket messages. Should that one die
    // before posting, the repost-unposted job posts the ticket.
    if (!history) return;
    return async () => {
      await publishTicket(deps, client, ticketId, { at: deps.clock.now(), actor: person(actor), event: history });
    };
  });
}

export function assignSubmitted(deps: HandlerDeps) {
  return submission(deps, "assign", async ({ ack, body, view, client }) => {
    const read = readAssignSubmission(view.state.values as StateValues, view.private_metadata);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    const actor = await deps.services.resolveActor(body.user.id);
    const result = await deps.services.assignTechnician({
      actor,
      ticketId: read.ticketId,
      technicianStaffId: read.technicianStaffId,
      note: read.note,
      appointment: read.appointment,
    });
    await ack();
    return async () => {
      const entry: TicketHistoryEntry = {
        at: deps.clock.now(),
        actor: person(actor),
        event: { kind: "assigned", technician: result.technician, previous: result.previous, note: read.note ?? null },
      };
      const card = await publishTicket(deps, client, read.ticketId, result.change === "updated" ? undefined : entry);
      await notifyTechnicians(deps, client, { card, technician: result.technician, previous: result.previous, assignmentId: result.assignmentId, note: read.note ?? null });
    };
  });
}

export function scheduleSubmitted(deps: HandlerDeps) {
  return submission(deps, "schedule", async ({ ack, body, view, client }) => {
    const read = readScheduleSubmission(view.state.values as StateValues, view.private_metadata);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    const actor = await deps.services.resolveActor(body.user.id);
    await deps.services.scheduleVisit({ actor, ticketId: read.ticketId, start: read.start, end: read.end });
    await ack();
    return async () => {
      await publishTicket(deps, client, read.ticketId, { at: deps.clock.now(), actor: person(actor), event: { kind: "visit-scheduled", start: read.start, end: read.end } });
    };
  });
}

export function cancelSubmitted(deps: HandlerDeps) {
  return submission(deps, "cancel", async ({ ack, body, view, client }) => {
    const read = readCancelSubmission(view.state.values as StateValues, view.private_metadata);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    const actor = await deps.services.resolveActor(body.user.id);
    await deps.services.cancelTicket({ actor, ticketId: read.ticketId, reason: read.reason });
    await ack();
    return async () => {
      await publishTicket(deps, client, read.ticketId, { at: deps.clock.now(), actor: person(actor), event: { kind: "cancelled", reason: read.reason } });
    };
  });
}

/** R5: the technician's reason for declining; the call goes back to the dispatcher's queue. */
export function declineSubmitted(deps: HandlerDeps) {
  return submission(deps, "decline", async ({ ack, body, view, client }) => {
    const read = readDeclineSubmission(view.state.values as StateValues, view.private_metadata);
    if (!read.ok) return void (await ack({ response_action: "errors", errors: read.errors }));
    const actor = await deps.services.resolveActor(body.user.id);
    const result = await deps.services.declineTicket({ actor, ticketId: read.ticketId, reason: read.reason });
    await ack();
    return async () => {
      const card = await publishTicket(deps, client, read.ticketId, { at: deps.clock.now(), actor: person(actor), event: { kind: "declined", reason: result.reason } });
      await announceNeedsTechnician(client, card, messagesFor().technician.needsTechnician(card.voucherNo));
      await updateTechnicianDm(deps, client, { dm: result.dm, card, declinedReason: result.reason });
    };
  });
}
