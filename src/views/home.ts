import type { Button, HomeView, KnownBlock, PlainTextOption } from "@slack/types";
import type { Role } from "../domain/permissions";
import type { MissingRoles } from "../services/staff/missing-roles";
import { missingRolesBlocks } from "./missing-roles";
import { ACTIONS, BLOCKS } from "./ids";
import { messagesFor, type Locale, type Messages } from "./messages";
import { LOCALES, type StoredLocale } from "../i18n/locale";
import { slackFailureBlocks, type SlackFailureList } from "./slack-failures";

/** Failed Slack posts on an admin's home: fewer than in `/repair jobs`, which lists more. */
const FAILURES_SHOWN = 5;

export interface HomeViewModel {
  displayName: string;
  registered: boolean;
  roles: Role[];
  branchName?: string;
  /** Technicians get an Available / Away toggle (R5: away technicians are listed last, marked). */
  isTechnician?: boolean;
  /** The technician's current state; treated as available when not given. */
  available?: boolean;
  /** Admins: roles nobody active holds, so escalations go to the admins (R7/R12). */
  missingRoles?: MissingRoles | null;
  /** Admins: Slack posts that failed for good, each with Resend. */
  slackFailures?: SlackFailureList | null;
  /** The zone of dates for clients that cannot render Slack's date token (the branch's). */
  timeZone?: string;
  /** Registered people choose their language (issue 14): their choice, null = Slack's language. Not shown when undefined. */
  language?: StoredLocale | null;
}

/** The Language select's value for "no choice of my own". */
export const SLACK_LANGUAGE_VALUE = "slack";

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
  ];
  blocks.push(...missingRolesBlocks(model.missingRoles, BLOCKS.homeMissingRoles, locale));
  if (model.slackFailures) blocks.push(...slackFailureBlocks(model.slackFailures, { max: FAILURES_SHOWN, timeZone: model.timeZone, locale }));
  const buttons: Button[] = [];
  const technician = model.registered && (model.isTechnician ?? model.roles.includes("TECHNICIAN"));
  if (technician) {
    const available = model.available !== false;
    blocks.push({ type: "section", block_id: BLOCKS.homeAvailability, text: { type: "mrkdwn", text: available ? m.home.availableNow : m.home.awayNow } });
    buttons.push(
      available
        ? { type: "button", action_id: ACTIONS.homeSetAway, text: { type: "plain_text", text: m.home.markAway }, value: "away" }
        : { type: "button", action_id: ACTIONS.homeSetAvailable, text: { type: "plain_text", text: m.home.markAvailable }, value: "available", style: "primary" },
    );
    // R15: the technician's daily work report for today.
    buttons.push({ type: "button", action_id: ACTIONS.dailyReportOpen, text: { type: "plain_text", text: m.dailyReport.openButton }, value: "today" });
    // R14: borrow parts from the branch stock (the modal of `/repair parts`).
    buttons.push({ type: "button", action_id: ACTIONS.partsBorrowOpen, text: { type: "plain_text", text: m.partsWorkshop.parts.borrowButton }, value: "borrow" });
  }
  if (model.registered && model.language !== undefined) blocks.push(languageBlock(m, model.language));
  buttons.push({ type: "button", action_id: ACTIONS.homeRefresh, text: { type: "plain_text", text: m.home.refresh } });
  blocks.push({ type: "actions", block_id: BLOCKS.homeActions, elements: buttons });
  return { type: "home", blocks };
}

function languageBlock(m: Messages, chosen: StoredLocale | null): KnownBlock {
  const options: PlainTextOption[] = [
    ...LOCALES.map((locale): PlainTextOption => ({ text: { type: "plain_text", text: m.home.languageNames[locale] }, value: locale })),
    { text: { type: "plain_text", text: m.home.languageSlack }, value: SLACK_LANGUAGE_VALUE },
  ];
  const initial = options.find((option) => option.value === (chosen ?? SLACK_LANGUAGE_VALUE))!;
  return {
    type: "section",
    block_id: BLOCKS.homeLanguage,
    text: { type: "mrkdwn", text: m.home.languageLine },
    accessory: { type: "static_select", action_id: ACTIONS.homeSetLanguage, placeholder: { type: "plain_text", text: m.home.languagePlaceholder }, options, initial_option: initial },
  };
}
