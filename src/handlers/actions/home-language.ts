import type { AllMiddlewareArgs, BlockStaticSelectAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { LOCALES } from "../../i18n/locale";
import { SLACK_LANGUAGE_VALUE } from "../../views/home";
import { describeFailure } from "../support/failures";
import { publishHome } from "../events/app-home-opened";
import type { HandlerDeps } from "../types";

const choice = z.enum([...LOCALES, SLACK_LANGUAGE_VALUE]);

/** Issue 14: a person chooses the bot's language in App Home ("Slack's language" clears the choice); the home is published again in it. */
export function setLanguage(deps: HandlerDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs) => {
    await ack();
    const parsed = choice.safeParse(action.selected_option?.value);
    // Only a forged payload carries another value: nothing to change, nothing to tell.
    if (!parsed.success) return void deps.log.info("ignored an unknown language choice", { user: body.user.id, value: action.selected_option?.value });
    const value = parsed.data;
    try {
      const actor = await deps.services.resolveActor(body.user.id);
      await deps.services.setStaffLocale({ actor, locale: value === SLACK_LANGUAGE_VALUE ? null : value });
      await publishHome(deps, client, body.user.id);
    } catch (error) {
      // The Home tab cannot show an ephemeral message: the answer comes as a direct message.
      const { text } = describeFailure(error, deps.log, { action: "home.language", user: body.user.id });
      await client.chat.postMessage({ channel: body.user.id, text }).catch(() => undefined);
    }
  };
}
