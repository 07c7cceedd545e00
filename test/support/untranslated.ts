/**
 * Finds English left in what the bot sent while it spoke the en-XA pseudo-locale. Every catalogue
 * text then has no plain ASCII letter (src/i18n/pseudo.ts accents them all), so a run of three
 * ASCII letters is either data — Slack tokens, `code`, :emoji:, URLs, or what the test itself
 * typed (the allow-list) — or a text some view wrote without the catalogues.
 */

/** A person-readable string of a payload, with the JSON pointer it was found at. */
export interface HumanText {
  path: string;
  text: string;
}

export interface UntranslatedText extends HumanText {
  /** The English-looking words, in order of appearance. */
  words: string[];
}

export interface UntranslatedOptions {
  /**
   * Data the test put in (customer names, models, a time zone), matched exactly; a RegExp for
   * families of values such as voucher numbers (`/SV-\d{4}-\d{6}/`).
   */
  allow?: readonly (string | RegExp)[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Ids, values and stored state: data for the app, never shown as written. */
const NOT_SHOWN = new Set(["state", "private_metadata", "metadata", "value", "action_id", "block_id", "callback_id", "external_id", "url", "image_url", "initial_value", "hash"]);
/** Slack shows no title, submit or close on a Home tab; the fake reports a placeholder title there. */
const HOME_IGNORED = new Set(["title", "submit", "close"]);

/**
 * Every person-readable string in a payload: message `text` fallbacks and blocks, views (title,
 * submit, close, labels, hints, placeholders), option and button texts, confirm dialogs, context
 * elements and image alt texts; bare strings (a thread reply's text) as they are. `payload` may be
 * a message, an ephemeral, a view, an options response, blocks, a string or an array of those.
 */
export function humanTexts(payload: unknown, path = ""): HumanText[] {
  if (typeof payload === "string") return payload === "" ? [] : [{ path, text: payload }];
  if (Array.isArray(payload)) return payload.flatMap((item, i) => humanTexts(item, `${path}/${i}`));
  if (!isObject(payload)) return [];
  const found: HumanText[] = [];
  const home = payload.type === "home";
  for (const [key, value] of Object.entries(payload)) {
    if (NOT_SHOWN.has(key) || (home && HOME_IGNORED.has(key))) continue;
    const at = `${path}/${key}`;
    if (key === "text" || key === "alt_text") {
      if (typeof value === "string") {
        if (value !== "") found.push({ path: at, text: value });
        continue;
      }
    }
    if (typeof value === "object" && value !== null) found.push(...humanTexts(value, at));
  }
  return found;
}

/** What any language writes as it is: the same tokens src/i18n/pseudo.ts leaves alone (a link's label is text, and checked). */
const PROTECTED = /```[\s\S]*?```|`[^`\n]*`|<https?:\/\/[^<>|\n]*\||<[^<>\n]*>|&(?:amp|lt|gt|quot);|https?:\/\/[^\s<>|`]+|:[a-z0-9_+-]+:/g;
const ENGLISH_WORD = /[A-Za-z]{3,}/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The words of `text` that look English once protected tokens and allowed data are set aside. */
export function englishWords(text: string, options: UntranslatedOptions = {}): string[] {
  let rest = text.replace(PROTECTED, " ");
  // Longest first, so "Hanil Foods 12" is taken whole before "Hanil".
  const allow = [...(options.allow ?? [])].sort((a, b) => (typeof b === "string" ? b.length : 0) - (typeof a === "string" ? a.length : 0));
  for (const entry of allow) {
    const pattern = typeof entry === "string" ? new RegExp(escapeRegExp(entry), "g") : new RegExp(entry.source, entry.flags.includes("g") ? entry.flags : `${entry.flags}g`);
    rest = rest.replace(pattern, " ");
  }
  return rest.match(ENGLISH_WORD) ?? [];
}

/** The person-readable strings of `payload` that still hold English words, with those words. */
export function findUntranslated(payload: unknown, options: UntranslatedOptions = {}): UntranslatedText[] {
  return humanTexts(payload).flatMap((found) => {
    const words = englishWords(found.text, options);
    return words.length ? [{ ...found, words }] : [];
  });
}

/** One line per finding, for a failing test's message. */
export function describeUntranslated(findings: readonly UntranslatedText[]): string {
  return findings.map((f) => `${f.path}: ${f.words.join(", ")} in ${JSON.stringify(f.text)}`).join("\n");
}

/**
 * The findings over everything a run showed (`slack.shownByBot()` of the Slack fake), each with
 * where it was shown: for an e2e run in the en-XA pseudo-locale.
 */
export function findUntranslatedShown(
  source: { shownByBot(): { where: string; payload: unknown }[] },
  options: UntranslatedOptions = {},
): (UntranslatedText & { where: string })[] {
  return source.shownByBot().flatMap(({ where, payload }) => findUntranslated(payload, options).map((finding) => ({ where, ...finding })));
}
