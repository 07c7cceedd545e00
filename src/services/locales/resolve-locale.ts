// Which language to write in, for a person, a branch's channels, or a customer. Knows nothing of
// views: callers pass the answer to the view builders (or to runInLocale).
import type { DbOrTx } from "../../db";
import { DEFAULT_LOCALE, parseLocale, type Locale } from "../../i18n/locale";

/** The person's Slack locale ("ko-KR"), undefined when unknown; cached by its provider (publish/slack-user-locales.ts). */
export type SlackUserLocaleLookup = (slackUserId: string) => Promise<string | undefined>;

export interface LocaleDeps {
  db: DbOrTx;
  /** Without it (the CLI, some tests), Slack's language is skipped. */
  slackUserLocale?: SlackUserLocaleLookup;
}

/**
 * A person's language: their own choice (App Home, staff CSV), else their Slack language when the
 * bot speaks it (zh-TW is not zh-CN), else their branch's, else English. One query; Slack is asked
 * only when the person chose nothing.
 */
export async function readerLocale(deps: LocaleDeps, options: { slackUserId: string }): Promise<Locale> {
  const staff = await deps.db.staff.findUnique({
    where: { slackUserId: options.slackUserId },
    select: { locale: true, branch: { select: { locale: true } } },
  });
  const chosen = parseLocale(staff?.locale);
  if (chosen) return chosen;
  const slack = deps.slackUserLocale ? parseLocale(await deps.slackUserLocale(options.slackUserId)) : undefined;
  return slack ?? parseLocale(staff?.branch.locale) ?? DEFAULT_LOCALE;
}

/** The language of a branch's channels (dispatch, directors', survey list). */
export async function branchLocale(deps: Pick<LocaleDeps, "db">, branchId: number): Promise<Locale> {
  const branch = await deps.db.branch.findUnique({ where: { id: branchId }, select: { locale: true } });
  return parseLocale(branch?.locale) ?? DEFAULT_LOCALE;
}

/** A customer's language (their survey page): their own, else their branch's. */
export async function customerLocale(deps: Pick<LocaleDeps, "db">, customerId: number): Promise<Locale> {
  const customer = await deps.db.customer.findUnique({ where: { id: customerId }, select: { locale: true, branch: { select: { locale: true } } } });
  return parseLocale(customer?.locale) ?? parseLocale(customer?.branch.locale) ?? DEFAULT_LOCALE;
}
