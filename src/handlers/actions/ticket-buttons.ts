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
  return withTicket(deps, "ticket.assign", async ({ body, client }, ticketId) => {
    // Both reads at once (the trigger expires in 3 s); the suggestions are dropped if the person is refused.
    const [{ card }, suggestions] = await Promise.all([authorizedCard(deps, body.user.id, ticketId, "ticket.assign"), deps.services.suggestTechnicians({ ticketId })]);
    await client.views.open({ trigger_id: body.trigger_id, view: buildAssignModal({ card, suggestions, now: deps.clock.now() }) });
  });
}

export function scheduleButton(deps: HandlerDeps) {
  return withTicket(deps, "ticket.schedule", async ({ body, client }, ticketId) => {
    const { card } = await authorizedCard(deps, body.user.id, ticketId, "ticket.schedule-visit");
    await client.views.open({ trigger_id: body.trigger_id, view: buildScheduleModal({ card, now: deps.clock.now() }) });
  });
}

export function cancelButton(deps: HandlerDeps) {
  return withTicket(deps, "ticket.cancel", async (args, ticketId) => {
    const { body, client } = args;
    const { card } = await authorizedCard(deps, body.user.id, ticketId, "ticket.cancel");
    // R11: the service would refuse it; say so before the person types a reason.
    if (card.itemsInWorkshop) {
      return void (await tellPrivately(args, buildRefusal({ code: "CONFLICT", details: { reason: "custody-open", voucherNo: card.voucherNo } }).text, deps.log, { action: "ticket.cancel" }));
    }
    await client.views.open({ trigger_id: body.trigger_id, view: buildCancelModal({ card }) });
  });
}

/** Edit and Complete intake share the intake modal, filled from the ticket. */
export function editButton(deps: HandlerDeps, mode: "edit" | "complete") {
  return withTicket(deps, `ticket.${mode}`, async ({ body, client }, ticketId) => {
    const { actor, card } = await authorizedCard(deps, body.user.id, ticketId, mode === "edit" ? "ticket.edit" : "ticket.complete-intake");
    await openIntakeModal(deps, client, { triggerId: body.trigger_id, actor, mode, card });
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
