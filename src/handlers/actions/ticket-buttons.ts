// The ticket message's buttons. Each acks at once, then opens a modal (within the trigger's 3 s)
// or answers privately; a refusal says why and who may.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { buildAssignModal } from "../../views/assign-modal";
import { buildCancelModal } from "../../views/cancel-modal";
import { buildScheduleModal } from "../../views/schedule-modal";
import { buildTicketMessage } from "../../views/ticket-message";
import { respondWithFailure, tellPrivately } from "../support/failures";
import { buildRefusal } from "../../views/refusal";
import { openIntakeModal } from "../support/intake";
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
 * A closed or cancelled call takes no more modals: the person is told privately who ended it and
 * when, instead of filling a form that would be refused. True when it was refused.
 */
export async function refusedAsEnded(deps: HandlerDeps, args: ButtonArgs, card: Pick<TicketCard, "id" | "status" | "branch">): Promise<boolean> {
  if (!isFinal(card.status)) return false;
  const ending = await deps.services.getTicketEnding({ ticketId: card.id });
  if (!ending) return false;
  await args.respond({ response_type: "ephemeral", replace_original: false, text: buildTicketEndedNotice(ending, { timeZone: card.branch.timeZone }).text });
  return true;
}

/** `authorizedCard` for a button that opens a modal: null when the call has ended (and the person was told). */
export async function cardForModal(deps: HandlerDeps, args: ButtonArgs, ticketId: number, action: Action) {
  const found = await authorizedCard(deps, args.body.user.id, ticketId, action);
  return (await refusedAsEnded(deps, args, found.card)) ? null : found;
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
  return withTicket(deps, "ticket.assign", async (args, ticketId) => {
    const { body, client } = args;
    // Both reads at once (the trigger expires in 3 s); the suggestions are dropped if the person is refused.
    const [{ card }, suggestions] = await Promise.all([authorizedCard(deps, body.user.id, ticketId, "ticket.assign"), deps.services.suggestTechnicians({ ticketId })]);
    if (await refusedAsEnded(deps, args, card)) return;
    // R1: the service would refuse a paid call of unknown warranty; say so before a technician is chosen.
    if (card.awaitsCategoryConfirmation) {
      const refusal = buildRefusal({ code: "CONFLICT", details: { reason: "warranty-unknown", voucherNo: card.voucherNo } });
      return void (await tellPrivately(args, refusal.text, deps.log, { action: "ticket.assign" }));
    }
    await client.views.open({ trigger_id: body.trigger_id, view: buildAssignModal({ card, suggestions, now: deps.clock.now() }) });
  });
}

export function scheduleButton(deps: HandlerDeps) {
  return withTicket(deps, "ticket.schedule", async (args, ticketId) => {
    const found = await cardForModal(deps, args, ticketId, "ticket.schedule-visit");
    if (!found) return;
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: buildScheduleModal({ card: found.card, now: deps.clock.now() }) });
  });
}

export function cancelButton(deps: HandlerDeps) {
  return withTicket(deps, "ticket.cancel", async (args, ticketId) => {
    const found = await cardForModal(deps, args, ticketId, "ticket.cancel");
    if (!found) return;
    // R11: the service would refuse it; say so before the person types a reason.
    if (found.card.itemsInWorkshop) {
      const refusal = buildRefusal({ code: "CONFLICT", details: { reason: "custody-open", voucherNo: found.card.voucherNo } });
      return void (await tellPrivately(args, refusal.text, deps.log, { action: "ticket.cancel" }));
    }
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: buildCancelModal({ card: found.card }) });
  });
}

/** Edit and Complete intake share the intake modal, filled from the ticket. */
export function editButton(deps: HandlerDeps, mode: "edit" | "complete") {
  return withTicket(deps, `ticket.${mode}`, async (args, ticketId) => {
    const found = await cardForModal(deps, args, ticketId, mode === "edit" ? "ticket.edit" : "ticket.complete-intake");
    if (!found) return;
    await openIntakeModal(deps, args.client, { triggerId: args.body.trigger_id, actor: found.actor, mode, card: found.card });
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
