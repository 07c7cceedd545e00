// Small text helpers shared by the view builders: Slack date tokens, escaping, safe truncation.
import type { Coverage, PersonRef } from "../services/tickets/models";
import type { FeePolicy } from "../domain/fees";
import type { Messages } from "./messages";
import { currentLocale, intlTag, type Locale } from "../i18n/locale";

/** Cuts text to `max` characters (ellipsis included) without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Slack mrkdwn needs &, < and > escaped in text people typed, or it reads them as links/mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes, then truncates so that no escape sequence is cut in half. */
export function safeText(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, Math.max(0, max - 1));
  const amp = cut.lastIndexOf("&");
  if (amp >= 0 && !cut.slice(amp).includes(";")) cut = cut.slice(0, amp);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** One line for plain_text (option texts, headers): no newlines, trimmed, at most `max`. */
export function oneLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, " ").trim(), max);
}

const fallbackFormats = new Map<string, Intl.DateTimeFormat>();

// Making an Intl formatter costs far more than using one (a report renders dozens of amounts): each
// is made once per language and currency. Currencies come from the branches, so the map stays small.
const formatters = new Map<string, Intl.NumberFormat | Intl.ListFormat>();

function memoized<T extends Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

function fallbackFormat(timeZone: string, locale: Locale): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let format = fallbackFormats.get(key);
  if (!format) {
    // English readers keep the unambiguous ISO order; Korean and Chinese get their own (2026. 03. 02. / 2026/03/02).
    const tag = locale === "en" || locale === "en-XA" ? "en-CA" : intlTag(locale);
    format = new Intl.DateTimeFormat(tag, { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    fallbackFormats.set(key, format);
  }
  return format;
}

/**
 * "2026-03-02 14:05 Asia/Seoul" (in Korean "2026. 03. 02. 14:05 Asia/Seoul"): what clients that
 * cannot render Slack's date token show, in the reader's locale.
 */
export function fallbackDate(date: Date, timeZone: string, locale: Locale = currentLocale()): string {
  let format: Intl.DateTimeFormat;
  try {
    format = fallbackFormat(timeZone, locale);
  } catch {
    return fallbackDate(date, "UTC", locale);
  }
  if (locale === "en" || locale === "en-XA") {
    const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${timeZone}`;
  }
  return `${format.format(date)} ${timeZone}`;
}

/** An amount with its currency as the reader writes it (₩120,000 · ¥1,200.00 · €45.50); the code alone when Intl does not know it. */
export function formatMoney(amount: number | string, currency: string, locale: Locale = currentLocale()): string {
  const value = typeof amount === "number" ? amount : Number(amount);
  try {
    return memoized(`money|${locale}|${currency}`, () => new Intl.NumberFormat(intlTag(locale), { style: "currency", currency, maximumFractionDigits: 2 })).format(value);
  } catch {
    return `${Number.isFinite(value) ? value.toFixed(2) : amount} ${currency}`;
  }
}

/** Hours as the reader writes numbers: 1.5, 2, 0.25 (never more than two decimals). */
export function formatHours(hours: number, locale: Locale = currentLocale()): string {
  return memoized(`hours|${locale}`, () => new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 2, useGrouping: false })).format(hours);
}

/** A list joined as the reader's language joins it ("A, B and C", "A, B 및 C", "A、B和C"). */
export function formatList(items: readonly string[], locale: Locale = currentLocale()): string {
  return memoized(`list|${locale}`, () => new Intl.ListFormat(intlTag(locale), { style: "long", type: "conjunction" })).format(items);
}

/**
 * Slack's date token: every reader sees the instant in their own time zone; the fallback (in the
 * branch's zone) is for clients that cannot.
 */
export function slackDate(date: Date, timeZone: string, format = "{date_short_pretty} {time}"): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^${format}|${fallbackDate(date, timeZone)}>`;
}

export function slackDateRange(start: Date, end: Date, timeZone: string, m: Messages): string {
  return m.ticket.appointmentRange(slackDate(start, timeZone), slackDate(end, timeZone, "{time}"));
}

/** R6/R7: a lateness in minutes as people read it ("40 min", "15 h 30 min"), alike on the card, the history and the alert. */
export function lateText(minutes: number, m: Messages): string {
  return m.overdue.duration(Math.floor(minutes / 60), minutes % 60);
}

export function mention(person: PersonRef): string {
  return `<@${person.slackUserId}>`;
}

/** A link to a message that works in any workspace the reader belongs to. */
export function messageLink(message: { channelId: string; ts: string }): string {
  return `https://slack.com/archives/${message.channelId}/p${message.ts.replace(".", "")}`;
}

export function coverageText(coverage: Coverage, m: Messages): string {
  switch (coverage.kind) {
    case "WARRANTY":
      return m.coverage.warranty(coverage.until);
    case "CONTRACT":
      return m.coverage.contract(escapeMrkdwn(coverage.contractNumber), coverage.until);
    default:
      return m.coverage.none;
  }
}

export function coverageShort(coverage: Coverage, m: Messages): string {
  switch (coverage.kind) {
    case "WARRANTY":
      return m.coverage.warrantyShort(coverage.until);
    case "CONTRACT":
      return m.coverage.contractShort(coverage.until);
    default:
      return m.coverage.noneShort;
  }
}

/** Names a missing/invalid semantic field for people; unknown names are shown as they are. */
export function fieldName(field: string, m: Messages): string {
  return (m.fieldNames as Record<string, string>)[field] ?? field;
}

/** Only safe web links go into `<url|label>`: nothing that could break out of the token. */
export function safeLink(link: string | null | undefined): string | null {
  if (!link || link.length > 2000 || !/^https:\/\/[^\s<>|]+$/.test(link)) return null;
  return link;
}

/** R10: the costs a call charges beyond its cover ("labour, travel, meals and lodging"). */
export function chargedCosts(fees: FeePolicy, m: Messages): string[] {
  const t = m.workReport.modal.feeParts;
  return [fees.labour ? t.labour : null, fees.parts ? t.parts : null, fees.travel ? t.travel : null].filter((name): name is string => name !== null);
}
