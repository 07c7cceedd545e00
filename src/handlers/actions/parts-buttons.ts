// R14 Borrow / Return buttons (`/repair parts`, App Home, the closing DM), the R11 register's state
// select, and the ticket's Return to customer button. Each acks at once; a refusal is told privately.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, StaticSelectAction } from "@slack/bolt";
import { readStateChoice, buildReturnItemModal } from "../../views/goods-register";
import { buildReturnModal, buildBorrowModal } from "../../views/parts";
import { ticketModalMetadata } from "../../views/ticket-modal-common";
import { respondWithFailure } from "../support/failures";
import { openModal } from "../support/open-modal";
import type { HandlerDeps } from "../types";
import { showGoodsRegister } from "../commands/repair-parts";
import { cardForModal, clickModalOptions, modalButton, type ButtonArgs } from "./ticket-buttons";

export function borrowButton(deps: HandlerDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    await openModal(clickModalOptions(deps, args, "parts.borrow", "partsBorrow"), async () => {
      const actor = await deps.services.resolveActor(args.body.user.id);
      deps.services.authorize(actor, "parts.borrow");
      return { view: buildBorrowModal() };
    });
  };
}

export function returnButton(deps: HandlerDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    await openModal(clickModalOptions(deps, args, "parts.return", "partsReturn"), async () => {
      const actor = await deps.services.resolveActor(args.body.user.id);
      return { view: buildReturnModal({ loans: await deps.services.listMyLoans({ actor }) }) };
    });
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
  return modalButton(deps, "custody.return", "custodyReturn", async (args, ticketId) => {
    const found = await cardForModal(deps, args, ticketId, "custody.return");
    if ("reply" in found) return found;
    const { card } = found;
    const receipts = await deps.services.openCustodyReceipts({ ticketId });
    return { view: buildReturnItemModal({ voucherNo: card.voucherNo, receipts: receipts.map((r) => r.number), now: deps.clock.now(), privateMetadata: ticketModalMetadata(card) }) };
  });
}
