// R14 Borrow / Return buttons (`/repair parts`, App Home, the closing DM), the R11 register's state
// select, and the ticket's Return to customer button. Each acks at once; a refusal is told privately.
import type { AllMiddlewareArgs, BlockAction, BlockButtonAction, SlackActionMiddlewareArgs, StaticSelectAction } from "@slack/bolt";
import { readStateChoice, buildReturnItemModal } from "../../views/goods-register";
import { buildReturnModal, buildBorrowModal } from "../../views/parts";
import { ticketModalMetadata } from "../../views/ticket-modal-common";
import { respondWithFailure } from "../support/failures";
import type { HandlerDeps } from "../types";
import { showGoodsRegister } from "../commands/repair-parts";
import { cardForModal, withTicket } from "./ticket-buttons";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export function borrowButton(deps: HandlerDeps) {
  return async (args: ButtonArgs) => {
    const { ack, body, client } = args;
    await ack();
    try {
      const actor = await deps.services.resolveActor(body.user.id);
      deps.services.authorize(actor, "parts.borrow");
      await client.views.open({ trigger_id: body.trigger_id, view: buildBorrowModal() });
    } catch (error) {
      const context = { action: "parts.borrow", user: body.user.id };
      await respondWithFailure(args, error, deps.log, context);
    }
  };
}

export function returnButton(deps: HandlerDeps) {
  return async (args: ButtonArgs) => {
    const { ack, body, client } = args;
    await ack();
    try {
      const actor = await deps.services.resolveActor(body.user.id);
      const loans = await deps.services.listMyLoans({ actor });
      await client.views.open({ trigger_id: body.trigger_id, view: buildReturnModal({ loans }) });
    } catch (error) {
      await respondWithFailure(args, error, deps.log, { action: "parts.return", user: body.user.id });
    }
  };
}

/** R11: the register's state select; the ticket's thread says so and the register is redrawn. */
export function registerStateSelected(deps: HandlerDeps) {
  return async (args: SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs) => {
    const { ack, body, respond } = args;
    await ack();
    try {
      const choice = readStateChoice(body.actions[0]?.selected_option?.value);
      if (!choice) return;
      const actor = await deps.services.resolveActor(body.user.id);
      // A change of state queues its thread line itself.
      await deps.services.setCustodyState({ actor, receiptId: choice.receiptId, state: choice.state });
      await showGoodsRegister(deps, respond, { actor, replaceOriginal: true });
    } catch (error) {
      await respondWithFailure(args, error, deps.log, { action: "custody.update", user: body.user.id });
    }
  };
}

/** R11: opens the Return to customer modal (the assignee, dispatchers and directors of the branch). */
export function returnItemButton(deps: HandlerDeps) {
  return withTicket(deps, "custody.return", async (args, ticketId) => {
    const { body, client } = args;
    const found = await cardForModal(deps, args, ticketId, "custody.return");
    if (!found) return;
    const { card } = found;
    const receipts = await deps.services.openCustodyReceipts({ ticketId });
    const view = buildReturnItemModal({ voucherNo: card.voucherNo, receipts: receipts.map((r) => r.number), now: deps.clock.now(), privateMetadata: ticketModalMetadata(card) });
    await client.views.open({ trigger_id: body.trigger_id, view });
  });
}
