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
  const staff = await deps.db.staff.findUnique({ where: { slackUserId: options.slackUserId }, select: PERSON });
  return personLocale(deps, options.slackUserId, staff);
}

/** The same, for a person known by their staff id (a DM the outbox sends to a technician). */
export async function staffLocale(deps: LocaleDeps, staffId: number): Promise<Locale> {
  const staff = await deps.db.staff.findUnique({ where: { id: staffId }, select: { ...PERSON, slackUserId: true } });
  return staff ? personLocale(deps, staff.slackUserId, staff) : DEFAULT_LOCALE;
}

const PERSON = { locale: true, branch: { select: { locale: true } } } as const;

async function personLocale(deps: LocaleDeps, slackUserId: string, staff: { locale: string | null; branch: { locale: string } } | null): Promise<Locale> {
  const chosen = parseLocale(staff?.locale);
  if (chosen) return chosen;
  const slack = deps.slackUserLocale ? parseLocale(await deps.slackUserLocale(slackUserId)) : undefined;
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

/**
 * What a channel reads: the language of the branch whose dispatch, directors' or survey channel it
 * is (the first by code when branches share one), else English.
 */
export async function channelLocale(deps: Pick<LocaleDeps, "db">, channelId: string): Promise<Locale> {
  const branch = await deps.db.branch.findFirst({
    where: { OR: [{ dispatchChannelId: channelId }, { directorsChannelId: channelId }, { surveyChannelId: channelId }] },
    orderBy: { code: "asc" },
    select: { locale: true },
  });
  return parseLocale(branch?.locale) ?? DEFAULT_LOCALE;
}

/** How long an answer is kept: every Slack request asks for its sender's, so it must not cost a query each. */
export const LOCALE_CACHE_MS = 30_000;
const LOCALE_CACHE_ENTRIES = 5_000;

/** Answers remembered for a short while, at most `LOCALE_CACHE_ENTRIES`, the oldest dropped first. */
function remembered<K>(ask: (key: K) => Promise<Locale>, now: () => number) {
  const answers = new Map<K, { locale: Locale; until: number }>();
  const get = async (key: K): Promise<Locale> => {
    const known = answers.get(key);
    if (known && known.until > now()) return known.locale;
    const locale = await ask(key);
    answers.delete(key);
    answers.set(key, { locale, until: now() + LOCALE_CACHE_MS });
    if (answers.size > LOCALE_CACHE_ENTRIES) answers.delete(answers.keys().next().value as K);
    return locale;
  };
  return { get, forget: (key: K) => answers.delete(key), clear: () => answers.clear() };
}

/**
 * The three questions the handlers' middleware and the outbox ask (the shape of i18n's
 * LocaleSource), each answer kept for `LOCALE_CACHE_MS`. A person's own change (App Home) is
 * forgotten at once in this process; other processes see it within that time.
 */
export function localeSource(deps: LocaleDeps & { now?: () => number }) {
  const now = deps.now ?? Date.now;
  const people = remembered((slackUserId: string) => readerLocale(deps, { slackUserId }), now);
  const staff = remembered((staffId: number) => staffLocale(deps, staffId), now);
  const channels = remembered((channelId: string) => channelLocale(deps, channelId), now);
  const customers = remembered((customerId: number) => customerLocale(deps, customerId), now);
  return {
    ofPerson: people.get,
    ofStaff: staff.get,
    ofChannel: channels.get,
    ofCustomer: customers.get,
    /** After a person changed their language. */
    forgetPerson: (slackUserId: string) => {
      people.forget(slackUserId);
      // Staff ids are not known here: a change is rare, so the staff answers start again.
      staff.clear();
    },
  };
}
