// R23: `/repair customer <name, code or phone>`. One customer the person may open → their file in
// a modal (within the trigger's life: support/open-modal.ts); several → a short private list with
// Open file; none → why, privately. Without a query, the modal opens with its type-ahead alone.
import type { ModalContent } from "../support/open-modal";
import { openModal } from "../support/open-modal";
import { buildCustomerFileModal, buildCustomerFinderModal, buildCustomerPickList, buildNoCustomer } from "../../views/customer-file";
import { commandModalOptions, type CommandArgs } from "./repair-day";
import type { HandlerDeps } from "../types";

export async function runRepairCustomer(deps: HandlerDeps, args: CommandArgs, query: string): Promise<void> {
  return openModal(commandModalOptions(deps, args, "customerFile"), async (): Promise<ModalContent> => {
    const actor = await deps.services.resolveActor(args.command.user_id);
    // Nothing typed: the modal with the type-ahead alone, for those who may open files.
    if (query.trim() === "") {
      deps.services.authorize(actor, "customer.view-file");
      return { view: buildCustomerFinderModal() };
    }
    const found = await deps.services.lookupCustomer({ actor, query });
    if (found.kind === "several") return { reply: buildCustomerPickList({ query, hits: found.hits, more: found.more }) };
    if (found.kind === "none") return { reply: buildNoCustomer({ query, elsewhere: found.elsewhere }) };
    return { view: buildCustomerFileModal(await deps.services.getCustomerFile({ actor, customerId: found.customerId })) };
  });
}
