// R23: `/repair customer <name, code or phone>`. One customer the person may open → their file in
// a modal (within the trigger's life: support/open-modal.ts); several → a short private list with
// Open file; none → why, privately.
import type { ModalContent } from "../support/open-modal";
import { openModal } from "../support/open-modal";
import { buildCustomerFileModal, buildCustomerPickList, buildNoCustomer } from "../../views/customer-file";
import { commandModalOptions, type CommandArgs } from "./repair-day";
import type { HandlerDeps } from "../types";

export async function runRepairCustomer(deps: HandlerDeps, args: CommandArgs, query: string): Promise<void> {
  if (query.trim() === "") return void (await args.respond({ response_type: "ephemeral", text: buildNoCustomer({ query, elsewhere: 0 }).text }));
  return openModal(commandModalOptions(deps, args, "customerFile"), async (): Promise<ModalContent> => {
    const actor = await deps.services.resolveActor(args.command.user_id);
    const found = await deps.services.lookupCustomer({ actor, query });
    if (found.kind === "several") return { reply: buildCustomerPickList({ query, hits: found.hits, more: found.more }) };
    if (found.kind === "none") return { reply: buildNoCustomer({ query, elsewhere: found.elsewhere }) };
    return { view: buildCustomerFileModal(await deps.services.getCustomerFile({ actor, customerId: found.customerId })) };
  });
}
