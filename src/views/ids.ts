// Every id Slack sends back to us. Handlers listen on these, views render them, and the manifest
// test checks the manifest declares what needs declaring.

export const COMMANDS = {
  repair: "/repair",
} as const;

export const SHORTCUTS = {} as const;

export const ACTIONS = {
  homeRefresh: "home_refresh",
} as const;

export const VIEWS = {} as const;

export const BLOCKS = {
  homeHeader: "home_header",
  homeRoles: "home_roles",
  homeActions: "home_actions",
  helpUsage: "help_usage",
} as const;

/** Events API event types the app listens to. */
export const EVENTS = {
  appHomeOpened: "app_home_opened",
} as const;
