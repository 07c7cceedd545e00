// R23: Open file (the `/repair customer` pick list) and Customer's file (the intake modal's
// customer context); value = customer id. From a message the file opens in a modal of its own;
// from inside a modal it is pushed on top, so closing it goes back to the form as it was typed.
import type { AllMiddlewareArgs, BlockAction, BlockButtonAction, ExternalSelectAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { buildCustomerFileModal, buildCustomerFinderModal } from "../../views/customer-file";
import { buildNoticeModal } from "../../views/notice-modal";
import { describeFailure, tellPrivately } from "../support/failures";
import { openModal, viewsClient } from "../support/open-modal";
import type { HandlerDeps } from "../types";

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const customerIdSchema = z.coerce.number().int().positive();

export function customerFileButton(deps: HandlerDeps) {
  return async (args: Args) => {
    await args.ack();
    const { body } = args;
    const context = { action: "customer.view-file", user: body.user.id };
    const parsed = customerIdSchema.safeParse(body.actions[0]?.value);
    const load = async () => {
      if (!parsed.success) throw parsed.error;
      const actor = await deps.services.resolveActor(body.user.id);
      return { view: buildCustomerFileModal(await deps.services.getCustomerFile({ actor, customerId: parsed.data })) };
    };
    if (!body.view) {
      const tell = (reply: { text: string }) => tellPrivately(args, reply, deps.log, context);
      return openModal({ client: viewsClient(deps, args.client), triggerId: body.trigger_id, modal: "customerFile", tell, log: deps.log, context }, load);
    }
    // Inside a modal there is no response_url: a refusal or failure is pushed as a notice instead.
    const view = await load().then(
      (content) => content.view,
      (error: unknown) => buildNoticeModal(describeFailure(error, deps.log, context)),
    );
    await args.client.views.push({ trigger_id: body.trigger_id, view }).catch((error: unknown) => deps.log.warn("could not push the customer's file", { ...context, error }));
  };
}

type SelectArgs = SlackActionMiddlewareArgs<BlockAction<ExternalSelectAction>> & AllMiddlewareArgs;

/** The file modal's type-ahead: the customer picked replaces the file shown (views.update, in place). */
export function customerFileChosen(deps: HandlerDeps) {
  return async (args: SelectArgs) => {
    await args.ack();
    const { body } = args;
    const view = body.view;
    const parsed = customerIdSchema.safeParse(body.actions[0]?.selected_option?.value);
    // "No customer matches" is an option too; picking it changes nothing.
    if (!view || !parsed.success) return;
    const context = { action: "customer.view-file", user: body.user.id };
    const next = await (async () => {
      const actor = await deps.services.resolveActor(body.user.id);
      return buildCustomerFileModal(await deps.services.getCustomerFile({ actor, customerId: parsed.data }));
    })().catch((error: unknown) => buildCustomerFinderModal({ notice: describeFailure(error, deps.log, context).text }));
    await args.client.views.update({ view_id: view.id, hash: view.hash, view: next }).catch((error: unknown) => {
      // A stale hash means a newer pick already showed.
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code !== "hash_conflict") deps.log.warn("could not show the customer's file", { ...context, error });
    });
  };
}
