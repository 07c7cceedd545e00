// One place that says which listener answers which Slack id. The manifest test reads it
// through a recording registry, so the manifest and the code cannot drift apart.
import type { App } from "@slack/bolt";
import { ACTIONS, COMMANDS, EVENTS } from "../views/ids";
import { homeRefresh } from "./actions/home-refresh";
import { repairCommand } from "./commands/repair";
import { appHomeOpened } from "./events/app-home-opened";
import { dedupeEvents } from "./middleware/dedupe-events";
import type { HandlerDeps } from "./types";

export type HandlerRegistry = Pick<App, "use" | "command" | "action" | "view" | "event" | "shortcut" | "options" | "message">;

export function registerHandlers(app: HandlerRegistry, deps: HandlerDeps): void {
  app.use(dedupeEvents(deps));

  app.command(COMMANDS.repair, repairCommand(deps));
  app.action(ACTIONS.homeRefresh, homeRefresh(deps));
  app.event(EVENTS.appHomeOpened, appHomeOpened(deps));
}

export type { HandlerDeps } from "./types";
