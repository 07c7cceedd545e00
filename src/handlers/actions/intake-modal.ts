// Choices inside the intake modal that change what it shows (customer, new-customer toggle,
// equipment). They ack at once and update the view in place.
import type { AllMiddlewareArgs, BlockAction, BlockElementAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { readIntakeMetadata } from "../../views/intake-modal";
import { rebuildIntakeModal } from "../support/intake";
import type { HandlerDeps } from "../types";

type Args = SlackActionMiddlewareArgs<BlockAction<BlockElementAction>> & AllMiddlewareArgs;

function selectedValue(action: BlockElementAction): string | undefined {
  if ("selected_option" in action && action.selected_option) return action.selected_option.value;
  if ("value" in action && typeof action.value === "string") return action.value;
  return undefined;
}

function positiveInt(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function intakeAction(deps: HandlerDeps, update: (args: Args, value: string | undefined) => { customerId?: number | null; newCustomer?: boolean; selectedEquipmentId?: number }) {
  return async (args: Args) => {
    await args.ack();
    const view = args.body.view;
    if (!view) return;
    const metadata = readIntakeMetadata(view.private_metadata);
    const change = update(args, selectedValue(args.body.actions[0]));
    try {
      await rebuildIntakeModal(deps, args.client, {
        viewId: view.id,
        hash: view.hash,
        metadata,
        customerId: change.customerId,
        newCustomer: change.newCustomer ?? metadata.newCustomer,
        selectedEquipmentId: change.selectedEquipmentId,
      });
    } catch (error) {
      // A stale hash means a newer update already showed; anything else is logged, the modal stays usable.
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code !== "hash_conflict") deps.log.warn("could not update the intake modal", { error, user: args.body.user.id });
    }
  };
}

export const intakeCustomerChosen = (deps: HandlerDeps) => intakeAction(deps, (_args, value) => ({ customerId: positiveInt(value) ?? null, newCustomer: false }));
export const intakeNewCustomerToggled = (deps: HandlerDeps) => intakeAction(deps, (_args, value) => ({ newCustomer: value === "on", customerId: null }));
export const intakeEquipmentChosen = (deps: HandlerDeps) => intakeAction(deps, (_args, value) => ({ selectedEquipmentId: positiveInt(value) }));
