// R17 and R20: a manager's Sign off on a stored report (the directors' daily summary, the monthly
// evaluation), one way for both: sign off, re-render the message without the button, naming who
// signed and when; a refusal or a second click is answered privately in the report's own words.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import { z } from "zod";
import { isAppError } from "../../errors";
import { slackDate } from "../../views/format";
import type { HandlerDeps } from "../types";
import { respondWithFailure, tellPrivately } from "./failures";
import { renderFor } from "../../i18n/locale-source";

type Actor = Awaited<ReturnType<HandlerDeps["services"]["resolveActor"]>>;

export interface SignedReport {
  id: number;
  channelId: string | null;
  messageTs: string | null;
  signedOffAt: Date | null;
  signedOffBy: { slackUserId: string } | null;
}

export interface SignOffTexts {
  alreadySignedOff: (who: string, when: string) => string;
  signOffRefused: string;
  signOffOwnReport: string;
}

const reportIdSchema = z.coerce.number().int().positive();
const slackUser = /^[UW][A-Z0-9]+$/;

export function signOffButton<R extends SignedReport>(
  deps: HandlerDeps,
  report: {
    /** The permission's name, for the logs. */
    action: string;
    /** What the report is called in the logs ("daily summary"). */
    what: string;
    texts: () => SignOffTexts;
    signOff: (actor: Actor, reportId: number) => Promise<R>;
    render: (signed: R, state: { kind: "signed-off"; by: string; at: Date }) => { text: string; blocks: KnownBlock[] };
  },
) {
  return async (args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const { ack, body, client } = args;
    await ack();
    const m = report.texts();
    const context = { action: report.action, user: body.user.id };
    try {
      const reportId = reportIdSchema.parse(body.actions[0]?.value);
      const actor = await deps.services.resolveActor(body.user.id);
      const signed = await report.signOff(actor, reportId);
      if (signed.channelId && signed.messageTs && signed.signedOffAt && signed.signedOffBy) {
        const state = { kind: "signed-off" as const, by: signed.signedOffBy.slackUserId, at: signed.signedOffAt };
        // The report is the channel's: it stays in the branch's language, whoever signed it.
        const message = await renderFor(deps.locales, { channel: signed.channelId }, () => report.render(signed, state));
        await client.chat
          .update({ channel: signed.channelId, ts: signed.messageTs, text: message.text, blocks: message.blocks })
          .catch((cause: unknown) => deps.log.warn(`could not update the ${report.what} message`, { reportId, cause }));
      }
    } catch (error) {
      if (isAppError(error) && error.code === "FORBIDDEN") {
        deps.log.info("request refused", { ...context, code: error.code });
        await tellPrivately(args, error.details.reason === "own-report" ? m.signOffOwnReport : m.signOffRefused, deps.log, context);
        return;
      }
      const details = isAppError(error) ? (error.details ?? {}) : {};
      if (isAppError(error) && error.code === "ALREADY_DONE" && typeof details.by === "string" && slackUser.test(details.by) && typeof details.at === "string") {
        const timeZone = typeof details.timeZone === "string" ? details.timeZone : "UTC";
        await tellPrivately(args, m.alreadySignedOff(`<@${details.by}>`, slackDate(new Date(details.at), timeZone)), deps.log, context);
        return;
      }
      await respondWithFailure(args, error, deps.log, context);
    }
  };
}
