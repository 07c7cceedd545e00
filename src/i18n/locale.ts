// The languages the bot speaks, how a locale written anywhere (a CSV column, Slack's user locale,
// an App Home choice) is read, and which reader the running code is writing for.
import { AsyncLocalStorage } from "node:async_hooks";

/** English, Korean, Simplified Chinese; `en-XA` is the pseudo-locale the tests use to find text left outside the catalogues. */
export const LOCALES = ["en", "ko", "zh-CN"] as const;
export const PSEUDO_LOCALE = "en-XA";
export type Locale = (typeof LOCALES)[number] | typeof PSEUDO_LOCALE;

export const DEFAULT_LOCALE: Locale = "en";

/**
 * A locale as people and Slack write it ("ko", "ko-KR", "ko_KR", "zh-Hans-CN", "zh_CN", "en-US")
 * mapped to one the bot speaks; undefined when it speaks none of it, so the caller falls back.
 */
export function parseLocale(value: string | null | undefined): Locale | undefined {
  if (!value) return undefined;
  const tag = value.trim().replace(/_/g, "-").toLowerCase();
  if (tag === "") return undefined;
  if (tag === PSEUDO_LOCALE.toLowerCase()) return PSEUDO_LOCALE;
  const [language, ...rest] = tag.split("-");
  if (language === "en") return "en";
  if (language === "ko") return "ko";
  // Traditional Chinese (zh-TW, zh-HK, zh-Hant) is not Simplified: falling back beats a wrong script.
  if (language === "zh") return rest.some((part) => part === "hant" || part === "tw" || part === "hk" || part === "mo") ? undefined : "zh-CN";
  return undefined;
}

/** The Intl/BCP 47 tag for formatting numbers, dates and lists in `locale`. */
export function intlTag(locale: Locale): string {
  return locale === PSEUDO_LOCALE ? "en" : locale;
}

const reader = new AsyncLocalStorage<Locale>();

/**
 * The locale of whoever the running code is writing for: set once where that is known (a Slack
 * request from a person, an outbox effect for a channel or a DM, a job's branch), read by
 * `messagesFor()` when a view is given no locale of its own.
 */
export function currentLocale(): Locale {
  return reader.getStore() ?? DEFAULT_LOCALE;
}

export function runInLocale<T>(locale: Locale, work: () => T): T {
  return reader.run(locale, work);
}

/** A locale the database stores (Staff/Branch/Customer.locale): one the bot speaks, never the tests' pseudo-locale. */
export type StoredLocale = (typeof LOCALES)[number];

/** `parseLocale` for values that will be stored (a CSV cell, the App Home choice): normalized, pseudo-locale refused. */
export function parseStoredLocale(value: string | null | undefined): StoredLocale | undefined {
  const locale = parseLocale(value);
  return locale === PSEUDO_LOCALE ? undefined : locale;
}
