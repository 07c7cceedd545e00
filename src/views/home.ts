import type { HomeView, KnownBlock } from "@slack/types";
import type { Role } from "../domain/permissions";
import { ACTIONS, BLOCKS } from "./ids";
import { messagesFor, type Locale } from "./messages";

export interface HomeViewModel {
  displayName: string;
  registered: boolean;
  roles: Role[];
  branchName?: string;
}

export function buildHomeView(model: HomeViewModel, locale?: Locale): HomeView {
  const m = messagesFor(locale);
  const blocks: KnownBlock[] = [
    { type: "header", block_id: BLOCKS.homeHeader, text: { type: "plain_text", text: m.home.title } },
    {
      type: "section",
      block_id: BLOCKS.homeRoles,
      text: {
        type: "mrkdwn",
        text: model.registered
          ? `${m.home.greeting(model.displayName)} ${m.home.rolesLine(model.roles.map((r) => m.roleNames[r]), model.branchName)}`
          : `${m.home.greeting(model.displayName)} ${model.roles.length ? m.home.rolesLine(model.roles.map((r) => m.roleNames[r])) + " " : ""}${m.home.notRegistered}`,
      },
    },
    {
      type: "actions",
      block_id: BLOCKS.homeActions,
      elements: [{ type: "button", action_id: ACTIONS.homeRefresh, text: { type: "plain_text", text: m.home.refresh } }],
    },
  ];
  return { type: "home", blocks };
}
