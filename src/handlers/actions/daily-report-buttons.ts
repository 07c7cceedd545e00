// R15: "Daily report" (App Home) and "Open daily report" (the reminder DM) open the technician's
// daily report modal; value = the day (YYYY-MM-DD) or "today". The Home tab cannot show an
// ephemeral message, so a refusal comes as a direct message.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { buildDailyReportModal } from "../../views/daily-report-modal";
import { openModal, viewsClient } from "../support/open-modal";
import type { HandlerDeps } from "../types";

export function dailyReportOpenButton(deps: HandlerDeps) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const value = body.actions[0]?.value ?? "";
    const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
    const tell = async ({ text }: { text: string }) => void (await client.chat.postMessage({ channel: body.user.id, text }).catch(() => undefined));
    const context = { action: "daily-report.open", user: body.user.id };
    await openModal({ client: viewsClient(deps, client), triggerId: body.trigger_id, modal: "dailyReport", tell, log: deps.log, context }, async () => {
      const actor = await deps.services.resolveActor(body.user.id);
      return { view: buildDailyReportModal({ day: await deps.services.getDailyWork({ actor, date }) }) };
    });
  };
}
