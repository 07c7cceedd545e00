// R9–R14: Report work and Close on the ticket message (and the technician's DM), and the choices
// inside the Report work modal that change what it shows (another part row, the outcome).
import type { AllMiddlewareArgs, BlockAction, BlockElementAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { buildCloseModal } from "../../views/close-modal";
import { buildReportWorkModal, chosenOutcome, MAX_PART_ROWS, readReportMetadata } from "../../views/report-work-modal";
import type { StateValues } from "../../views/state";
import type { HandlerDeps } from "../types";
import { cardForModal, modalButton } from "./ticket-buttons";

type Args = SlackActionMiddlewareArgs<BlockAction<BlockElementAction>> & AllMiddlewareArgs;

/** Checks the person may report on this call before opening the modal (within the trigger's 3 s). */
export function reportWorkButton(deps: HandlerDeps) {
  return modalButton(deps, "ticket.report-work", "reportWork", async (args, ticketId) => {
    const found = await cardForModal(deps, args, ticketId, "ticket.report-work");
    if ("reply" in found) return found;
    const { card } = found;
    return { view: buildReportWorkModal({ card, now: deps.clock.now(), labourRate: card.rates?.labourRate, currency: card.rates?.currency }) };
  });
}

export function closeButton(deps: HandlerDeps) {
  return modalButton(deps, "ticket.close", "closeTicket", async (args, ticketId) => {
    // A closed call says who closed it and when, privately, instead of opening the Close modal.
    const found = await cardForModal(deps, args, ticketId, "ticket.close");
    if ("reply" in found) return found;
    const resolution = await deps.services.lastReportSummary({ ticketId });
    return { view: buildCloseModal({ card: found.card, resolution }) };
  });
}

function modalAction(deps: HandlerDeps, rowsAfter: (rows: number) => number) {
  return async (args: Args) => {
    await args.ack();
    const view = args.body.view;
    const metadata = readReportMetadata(view?.private_metadata);
    if (!view || !metadata) return;
    try {
      const card = await deps.services.getTicketCard({ ticketId: metadata.ticketId });
      const values = view.state.values as StateValues;
      const outcome = chosenOutcome(values);
      const updated = buildReportWorkModal({
        card,
        workshopCompletionDefault: outcome === "TAKEN_TO_WORKSHOP" ? await deps.services.defaultWorkshopCompletion({ ticketId: metadata.ticketId }) : null,
        rows: Math.min(rowsAfter(metadata.rows), MAX_PART_ROWS),
        outcome,
        values,
        labourRate: card.rates?.labourRate,
        currency: card.rates?.currency,
        now: deps.clock.now(),
      });
      await args.client.views.update({ view_id: view.id, hash: view.hash, view: updated });
    } catch (error) {
      // A stale hash means a newer update already showed; the modal stays usable either way.
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code !== "hash_conflict") deps.log.warn("could not update the report modal", { error, user: args.body.user.id });
    }
  };
}

export const reportAddPart = (deps: HandlerDeps) => modalAction(deps, (rows) => rows + 1);
export const reportOutcomeChosen = (deps: HandlerDeps) => modalAction(deps, (rows) => rows);
