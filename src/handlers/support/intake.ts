// The intake modal's life: opened from /repair, the message shortcut or a ticket's buttons,
// rebuilt in place when the dispatcher picks a customer or equipment, read on submission.
import type { ModalView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { Actor } from "../../services/staff/resolve-actor";
import type { TicketCard } from "../../services/tickets/models";
import { buildIntakeModal, intakePrefillFromCard, type IntakeMetadata, type IntakeModalState, type IntakePrefill } from "../../views/intake-modal";
import type { LoadingModal } from "../../views/loading-modal";
import type { HandlerDeps } from "../types";

type ViewsClient = { views: Pick<WebClient["views"], "update"> };

/** The loading modal that stands for each mode while its reads wait (support/open-modal.ts). */
export const intakeLoading = { new: "intakeNew", edit: "intakeEdit", complete: "intakeComplete" } as const satisfies Record<IntakeModalState["mode"], LoadingModal>;

/** The intake modal as it opens: refused (thrown) when the person may not register a call. */
export async function intakeModalView(
  deps: HandlerDeps,
  options: { actor: Actor; mode?: "new" | "edit" | "complete"; card?: TicketCard; prefill?: IntakePrefill; channelId?: string },
): Promise<ModalView> {
  const mode = options.mode ?? "new";
  if (mode === "new") deps.services.authorize(options.actor, "ticket.register");
  const customerContext = options.card ? await deps.services.getCustomerContext({ customerId: options.card.customer.id }) : null;
  const state: IntakeModalState = {
    mode,
    ticketId: options.card?.id,
    customerContext,
    newCustomer: false,
    prefill: options.card ? intakePrefillFromCard(options.card) : (options.prefill ?? {}),
    channelId: options.channelId,
    now: deps.clock.now(),
  };
  return buildIntakeModal(state);
}

/** The modal again, after a choice that changes what it shows; typed input survives (same ids). */
export async function rebuildIntakeModal(
  deps: HandlerDeps,
  client: ViewsClient,
  options: { viewId: string; hash?: string; metadata: IntakeMetadata; customerId?: number | null; newCustomer: boolean; selectedEquipmentId?: number },
): Promise<void> {
  const customerId = options.newCustomer ? null : (options.customerId ?? options.metadata.customerId ?? null);
  const customerContext = customerId ? await deps.services.getCustomerContext({ customerId }) : null;
  const state: IntakeModalState = {
    mode: options.metadata.mode,
    ticketId: options.metadata.ticketId,
    customerContext,
    newCustomer: options.newCustomer,
    prefill: { sourceMessageLink: options.metadata.sourceMessageLink },
    selectedEquipmentId: options.selectedEquipmentId,
    channelId: options.metadata.channelId,
    // Slack keeps what the dispatcher picked (same ids); this is only the default of an untouched picker.
    now: deps.clock.now(),
  };
  // `hash` makes Slack refuse the update if the view changed meanwhile (a newer update wins).
  await client.views.update({ view_id: options.viewId, hash: options.hash, view: buildIntakeModal(state) });
}
