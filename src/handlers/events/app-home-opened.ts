import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { parseStoredLocale } from "../../i18n/locale";
import { buildHomeView } from "../../views/home";
import type { HandlerDeps } from "../types";

export function appHomeOpened(deps: HandlerDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs) => {
    if (event.tab && event.tab !== "home") return;
    await publishHome(deps, client, event.user);
  };
}

export async function publishHome(deps: HandlerDeps, client: AllMiddlewareArgs["client"], userId: string): Promise<void> {
  const actor = await deps.services.resolveActor(userId);
  const admin = actor.roles.includes("ADMIN");
  const missingRoles = admin ? await deps.services.listMissingRoles({ actor }) : null;
  const slackFailures = admin ? await deps.services.listSlackFailures({ actor, limit: 5 }) : null;
  // Issue 14: the home speaks the reader's language, and a registered person chooses it here.
  const locale = await deps.services.readerLocale({ slackUserId: userId });
  const view = buildHomeView(
    {
      missingRoles,
      slackFailures,
      timeZone: actor.branchTimeZone ?? undefined,
      displayName: actor.name ?? `<@${userId}>`,
      registered: actor.staffId !== null,
      roles: actor.roles,
      branchName: actor.branchName ?? undefined,
      isTechnician: actor.roles.includes("TECHNICIAN"),
      available: actor.available,
      language: actor.staffId !== null ? (parseStoredLocale(actor.locale) ?? null) : undefined,
    },
    locale,
  );
  await client.views.publish({ user_id: userId, view });
}
