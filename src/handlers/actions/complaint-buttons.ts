// R21: the complaint buttons. The ticket message's Complaint opens the registration modal prefilled
// from the call; the complaint message's Assign / Record response / Record outcome / Customer told
// open their modals once the person may (a refusal says why and who may); Close closes at once, or
// says why not (the customer not told yet); Acknowledge on an escalation DM stops the ladder.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { LoadingModal } from "../../views/loading-modal";
import { buildAssignComplaintModal, buildInformComplaintModal, buildRegisterComplaintModal, buildRespondComplaintModal, buildResolveComplaintModal } from "../../views/complaint-modals";
import { respondWithFailure } from "../support/failures";
import { openModal } from "../support/open-modal";
import type { HandlerDeps } from "../types";
import { clickModalOptions } from "./ticket-buttons";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const idSchema = z.coerce.number().int().positive();
const idOf = (body: BlockButtonAction) => idSchema.parse(body.actions[0]?.value);

/** The ticket message's Complaint: the modal with the call's customer and technician. */
export function ticketComplaintButton(deps: HandlerDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const ticketId = idSchema.safeParse(args.body.actions[0]?.value);
    if (!ticketId.success) return;
    await openModal(clickModalOptions(deps, args, "complaint.register", "complaintRegister"), async () => {
      const actor = await deps.services.resolveActor(args.body.user.id);
      const prefill = await deps.services.complaintPrefill({ actor, ticketId: ticketId.data });
      return { view: buildRegisterComplaintModal({ prefill }) };
    });
  };
}

const STEP_MODALS = {
  assign: "complaintAssign",
  respond: "complaintRespond",
  resolve: "complaintResolve",
  inform: "complaintInform",
} as const satisfies Record<string, LoadingModal>;

/** A complaint message's button that opens the step's modal. */
export function complaintStepButton(deps: HandlerDeps, step: keyof typeof STEP_MODALS) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const parsed = idSchema.safeParse(args.body.actions[0]?.value);
    if (!parsed.success) return;
    await openModal(clickModalOptions(deps, args, `complaint.${step}`, STEP_MODALS[step]), async () => {
      const actor = await deps.services.resolveActor(args.body.user.id);
      const card = await deps.services.complaintForStep({ actor, complaintId: parsed.data, step });
      const now = deps.clock.now();
      if (step === "assign") return { view: buildAssignComplaintModal({ card }) };
      if (step === "respond") return { view: buildRespondComplaintModal({ card, now }) };
      if (step === "resolve") return { view: buildResolveComplaintModal({ card }) };
      return { view: buildInformComplaintModal({ card, now }) };
    });
  };
}

/** R21: Close, refused (privately, saying why) until the customer was told the outcome. */
export function complaintCloseButton(deps: HandlerDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    try {
      const actor = await deps.services.resolveActor(args.body.user.id);
      await deps.services.closeComplaint({ actor, complaintId: idOf(args.body) });
    } catch (error) {
      await respondWithFailure(args, error, deps.log, { action: "complaint.close", user: args.body.user.id });
    }
  };
}

export function complaintAcknowledgeButton(deps: HandlerDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    try {
      const actor = await deps.services.resolveActor(args.body.user.id);
      await deps.services.acknowledgeComplaintEscalation({ actor, escalationId: idOf(args.body) });
    } catch (error) {
      await respondWithFailure(args, error, deps.log, { action: "complaint.acknowledge", user: args.body.user.id });
    }
  };
}
