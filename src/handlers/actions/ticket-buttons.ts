// The ticket message's buttons. Each acks at once, then opens a modal (within the trigger's 3 s,
// however busy the database: support/open-modal.ts) or answers privately; a refusal says why and who may.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { buildAssignModal } from "../../views/assign-modal";
import { buildCancelModal } from "../../views/cancel-modal";
import { buildScheduleModal } from "../../views/schedule-modal";
import { buildTicketMessage } from "../../views/ticket-message";
import { respondWithFailure, tellPrivately, type PrivateReply } from "../support/failures";
import { buildRefusal } from "../../views/refusal";
import { intakeLoading, intakeModalView } from "../support/intake";
import { openModal, viewsClient, type ModalContent, type OpenModalOptions } from "../support/open-modal";
import type { LoadingModal } from "../../views/loading-modal";
import type { Actor } from "../../services/staff/resolve-actor";
import type { Action } from "../../domain/permissions";
import { isFinal } from "../../domain/ticket-status";
import type { TicketCard } from "../../services/tickets/models";
import { buildTicketEndedNotice } from "../../views/refusal";
import type { HandlerDeps } from "../types";
import { z } from "zod";

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const ticketIdSchema = z.coerce.number().int().positive();

function ticketIdOf(body: BlockButtonAction): number {
  return ticketIdSchema.parse(body.actions[0]?.value);
}

export function withTicket(deps: HandlerDeps, name: string, run: (args: ButtonArgs, ticketId: number) => Promise<void>) {
  return async (args: ButtonArgs) => {
    await args.ack();
    try {
      await run(args, ticketIdOf(args.body));
    } catch (error) {
      await respondWithFailure(args, error, deps.log, { action: name, user: args.body.user.id });
    }
  };
}

/**
 * A button that opens a modal for the ticket in its value: `load` reads what the modal shows, or
 * says why it does not open, and the modal opens within the trigger's life (support/open-modal.ts).
 */
export function modalButton(deps: HandlerDeps, name: string, modal: LoadingModal, load: (args: ButtonArgs, ticketId: number) => Promise<ModalContent>) {
  return withTicket(deps, name, (args, ticketId) => openModal(clickModalOptions(deps, args, name, modal), () => load(args, ticketId)));
}

/** `openModal`'s options for a click on a message or App Home button: refusals are told privately. */
export function clickModalOptions(deps: HandlerDeps, args: ButtonArgs, name: string, modal: LoadingModal): OpenModalOptions {
  const context = { action: name, user: args.body.user.id };
  return { client: viewsClient(deps, args.client), triggerId: args.body.trigger_id, modal, log: deps.log, context, tell: (reply) => tellPrivately(args, reply, deps.log, context) };
}

/**
 * A closed or cancelled call takes no more modals: the person is told privately who ended it and
 * when, instead of filling a form that would be refused. Null when the call has not ended.
 */
export async function endedNotice(deps: HandlerDeps, card: Pick<TicketCard, "id" | "status" | "branch">): Promise<PrivateReply | null> {
  if (!isFinal(card.status)) return null;
  const ending = await deps.services.getTicketEnding({ ticketId: card.id });
  return ending ? buildTicketEndedNotice(ending, { timeZone: card.branch.timeZone }) : null;
}

/** `authorizedCard` for a button that opens a modal, or what the person is told when the call has ended. */
export async function cardForModal(deps: HandlerDeps, args: ButtonArgs, ticketId: number, action: Action): Promise<{ actor: Actor; card: TicketCard } | { reply: PrivateReply }> {
  const found = await authorizedCard(deps, args.body.user.id, ticketId, action);
  const ended = await endedNotice(deps, found.card);
  return ended ? { reply: ended } : found;
}

/** The person and the ticket's card, once the person may do `action` on that ticket. */
export async function authorizedCard(deps: HandlerDeps, slackUserId: string, ticketId: number, action: Action) {
  const actor = await deps.services.resolveActor(slackUserId);
  const card = await deps.services.getTicketCard({ ticketId });
  deps.services.authorize(actor, action, { branchId: card.branch.id, assignedTechnicianId: card.technician?.staffId ?? null });
  return { actor, card };
}

// Every modal opens only for someone who may act on this ticket (its branch, its technician):
// nobody else sees its customer or the branch's technicians.
export function assignButton(deps: HandlerDeps) {
  return modalButton(deps, "ticket.assign", "assign", async ({ body }, ticketId) => {
    // Both reads at once; the suggestions are dropped if the person is refused.
    const [{ card }, suggestions] = await Promise.all([authorizedCard(deps, body.user.id, ticketId, "ticket.assign"), deps.services.suggestTechnicians({ ticketId })]);
    const ended = await endedNotice(deps, card);
    if (ended) return { reply: ended };
    // R1: the service would refuse a paid call of unknown warranty; say so before a technician is chosen.
    if (card.awaitsCategoryConfirmation) return { reply: buildRefusal({ code: "CONFLICT", details: { reason: "warranty-unknown", voucherNo: card.voucherNo } }) };
    return { view: buildAssignModal({ card, suggestions, now: deps.clock.now() }) };
  });
}

export function scheduleButton(deps: HandlerDeps) {
  return modalButton(deps, "ticket.schedule", "schedule", async (args, ticketId) => {
    const found = await cardForModal(deps, args, ticketId, "ticket.schedule-visit");
    return "reply" in found ? found : { view: buildScheduleModal({ card: found.card, now: deps.clock.now() }) };
  });
}

export function cancelButton(deps: HandlerDeps) {
  return modalButton(deps, "ticket.cancel", "cancel", async (args, ticketId) => {
    const found = await cardForModal(deps, args, ticketId, "ticket.cancel");
    if ("reply" in found) return found;
    // R11: the service would refuse it; say so before the person types a reason.
    if (found.card.itemsInWorkshop) return { reply: buildRefusal({ code: "CONFLICT", details: { reason: "custody-open", voucherNo: found.card.voucherNo } }) };
    return { view: buildCancelModal({ card: found.card }) };
  });
}

/** Edit and Complete intake share the intake modal, filled from the ticket. */
export function editButton(deps: HandlerDeps, mode: "edit" | "complete") {
  return modalButton(deps, `ticket.${mode}`, intakeLoading[mode], async (args, ticketId) => {
    const found = await cardForModal(deps, args, ticketId, mode === "edit" ? "ticket.edit" : "ticket.complete-intake");
    return "reply" in found ? found : { view: await intakeModalView(deps, { actor: found.actor, mode, card: found.card }) };
  });
}

/** "View" in a ticket list: the ticket, privately. */
export function viewButton(deps: HandlerDeps) {
  return withTicket(deps, "ticket.view", async ({ body, respond }, ticketId) => {
    const { card } = await authorizedCard(deps, body.user.id, ticketId, "ticket.view");
    const message = buildTicketMessage(card, { now: deps.clock.now(), ephemeral: true });
    await respond({ response_type: "ephemeral", replace_original: false, text: message.text, blocks: message.blocks });
  });
}
