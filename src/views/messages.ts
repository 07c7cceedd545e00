// Everything a person reads that is not laid out by a view builder lives here, one catalogue per
// language, so the bot can learn Korean and Chinese by adding catalogues rather than hunting strings.
import type { Role } from "../domain/permissions";
import type { ErrorCode } from "../errors";

export type Locale = "en";

const en = {
  roleNames: {
    DISPATCHER: "Dispatcher",
    TECHNICIAN: "Technician",
    DIRECTOR: "Service director",
    MANAGER: "Manager",
    PARTS_CLERK: "Parts clerk",
    ADMIN: "Admin",
  } satisfies Record<Role, string>,
  help: {
    title: "Repair desk: what /repair does",
    fallback: "How to use /repair",
    usage: [
      "`/repair help` shows this message.",
      "More commands arrive as the service desk moves into Slack: registering calls, listing the queue and reporting work.",
    ],
    unknownCommand: (text: string) => `I don't know \`/repair ${text}\`. Here is what I understand:`,
  },
  home: {
    fallback: "Service desk home",
    title: "Service desk",
    greeting: (name: string) => `Hello ${name}.`,
    rolesLine: (roles: string[], branch?: string) =>
      roles.length ? `Your roles${branch ? ` at *${branch}*` : ""}: ${roles.join(", ")}.` : "You have no roles yet.",
    notRegistered:
      "You are not registered with the service desk yet. Ask an admin to add you (staff import), then reopen this tab.",
    refresh: "Refresh",
  },
  errors: {
    NOT_REGISTERED: "You are not registered with the service desk. Ask an admin to add you.",
    FORBIDDEN: "You are not allowed to do that.",
    NOT_FOUND: "I could not find that.",
    VALIDATION: "Some of what you entered is not valid.",
    CONFLICT: "Someone changed this at the same time. Please try again.",
    ALREADY_DONE: "That was already done.",
    SLACK_UNAVAILABLE: "Slack did not answer in time. Nothing was changed; please try again.",
    INTERNAL: "Something went wrong on our side and it was logged. Nothing was changed; please try again.",
  } satisfies Record<ErrorCode, string>,
  forbiddenWho: (roles: string[]) => `Only ${roles.join(", ")} can do that.`,
};

export type Messages = typeof en;

const catalogues: Record<Locale, Messages> = { en };

export function messagesFor(locale: Locale = "en"): Messages {
  return catalogues[locale] ?? en;
}
