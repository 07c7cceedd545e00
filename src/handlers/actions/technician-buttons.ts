// The assigned technician's buttons (R9), on the ticket message and in their DM. Accept and
// Arrived act at once; Decline opens a modal for the reason. Anyone else is refused, privately,
// with the name of the technician who may.
import { buildDeclineModal } from "../../views/decline-modal";
import { slackDate } from "../../views/format";
import { messagesFor } from "../../views/messages";
import type { HandlerDeps } from "../types";
import { endedNotice, modalButton, withTicket } from "./ticket-buttons";

export function acceptButton(deps: HandlerDeps) {
  return withTicket(deps, "ticket.accept", async ({ body, respond }, ticketId) => {
    const actor = await deps.services.resolveActor(body.user.id);
    const result = await deps.services.acceptTicket({ actor, ticketId });
    if (result.change === "already") {
      const card = await deps.services.getTicketCard({ ticketId });
      const text = messagesFor().technician.alreadyAccepted(card.voucherNo, slackDate(result.at, card.branch.timeZone));
      return void (await respond({ response_type: "ephemeral", replace_original: false, text }));
    }
  });
}

export function arriveButton(deps: HandlerDeps) {
  return withTicket(deps, "ticket.arrive", async ({ body, respond }, ticketId) => {
    const actor = await deps.services.resolveActor(body.user.id);
    const result = await deps.services.recordArrival({ actor, ticketId });
    if (result.change === "already") {
      const card = await deps.services.getTicketCard({ ticketId });
      const text = messagesFor().technician.alreadyArrived(card.voucherNo, slackDate(result.arrivedAt, card.branch.timeZone));
      return void (await respond({ response_type: "ephemeral", replace_original: false, text }));
    }
  });
}

/** Checks it is the assignee's to decline before asking why. */
export function declineButton(deps: HandlerDeps) {
  return modalButton(deps, "ticket.decline", "decline", async ({ body }, ticketId) => {
    const actor = await deps.services.resolveActor(body.user.id);
    const card = await deps.services.getTicketCard({ ticketId });
    deps.services.assertAssignee(actor, "ticket.decline", { branchId: card.branch.id, assignee: card.technician });
    const ended = await endedNotice(deps, card);
    return ended ? { reply: ended } : { view: buildDeclineModal({ card }) };
  });
}
