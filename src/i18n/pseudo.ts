// The en-XA pseudo-locale: English made visibly foreign (accented, bracketed, 30% longer), so a test
// can tell text that came through the catalogues from text hard-coded in a view, and can prove that
// longer translations still fit Slack's limits. Slack syntax and data pass through untouched.
// Only the catalogue's TYPE is imported: messages.ts imports this file to register the locale.
import type { Messages } from "../views/messages";

export const PSEUDO_OPEN = "⟦";
export const PSEUDO_CLOSE = "⟧";
export const PSEUDO_PAD = "·";
/** Translations run longer than English; 30% is the usual allowance (German, Finnish…). */
export const PSEUDO_GROWTH = 1.3;

// Every replacement is one UTF-16 unit, so a pseudo text's layout (and its arithmetic) matches English.
const ACCENTS: Record<string, string> = Object.fromEntries(
  [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"].map((letter, i) => [letter, [..."ÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŦÛṼŴẊÝŽáƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýž"][i]]),
);

/**
 * What must reach Slack as written: code blocks and `code` (commands people type), `<…>` tokens
 * (mentions, links, `<!date^…|…>`; a link's label after `|` is text, and translated), escapes
 * (&amp;), URLs, :emoji_codes:, {date_format} placeholders and rule ids (R6), which every language
 * writes alike.
 */
const PROTECTED = /```[\s\S]*?```|`[^`\n]*`|<https?:\/\/[^<>|\n]*\||<[^<>\n]*>|&(?:amp|lt|gt);|https?:\/\/[^\s<>|`]+|:[a-z0-9_+-]+:|\{[a-z_]+\}|\bR\d{1,2}\b/g;

const accent = (text: string) => text.replace(/[A-Za-z]/g, (letter) => ACCENTS[letter]);

/**
 * `text` in en-XA. `keep` are substrings that came from a function's arguments (names, numbers,
 * already translated pieces): data, left as they are. Text with nothing to translate (a bare emoji,
 * "–", " · ${name}") is returned unchanged.
 */
export function pseudoText(text: string, keep: readonly string[] = []): string {
  // Both are found in the whole text, so an argument never splits a `code` span's pair of backticks.
  const kept = new Array<boolean>(text.length).fill(false);
  const mark = (index: number, length: number) => kept.fill(true, index, index + length);
  for (const value of new Set(keep)) {
    for (let index = value ? text.indexOf(value) : -1; index >= 0; index = text.indexOf(value, index + value.length)) mark(index, value.length);
  }
  for (const match of text.matchAll(PROTECTED)) mark(match.index, match[0].length);
  const segments: { text: string; keep: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = segments[segments.length - 1];
    if (last && last.keep === kept[i]) last.text += text[i];
    else segments.push({ text: text[i], keep: kept[i] });
  }
  if (!segments.some((segment) => !segment.keep && /\p{L}/u.test(segment.text))) return text;

  const body = segments.map((segment) => (segment.keep ? segment.text : accent(segment.text))).join("");
  // Leading whitespace and a quote's ">" stay first on the line; trailing whitespace stays last.
  const lead = /^[\s>]*/.exec(text)![0].length;
  const trail = /\s*$/.exec(text.slice(lead))![0].length;
  const target = Math.max(text.length + PSEUDO_OPEN.length + PSEUDO_CLOSE.length, Math.ceil((text.length * Math.round(PSEUDO_GROWTH * 10)) / 10));
  const pad = PSEUDO_PAD.repeat(Math.max(0, target - text.length - PSEUDO_OPEN.length - PSEUDO_CLOSE.length));
  return `${body.slice(0, lead)}${PSEUDO_OPEN}${body.slice(lead, body.length - trail)}${pad}${PSEUDO_CLOSE}${body.slice(body.length - trail)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Every string and number inside a function's arguments: what its output quotes rather than says. */
export function argumentValues(args: readonly unknown[]): string[] {
  const values: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === "string") values.push(value);
    else if (typeof value === "number" || typeof value === "bigint") values.push(String(value));
    else if (Array.isArray(value)) value.forEach(collect);
    else if (isPlainObject(value)) Object.values(value).forEach(collect);
  };
  args.forEach(collect);
  return values;
}

function pseudoOutput(value: unknown, keep: readonly string[]): unknown {
  if (typeof value === "string") return pseudoText(value, keep);
  if (Array.isArray(value)) return value.map((item) => pseudoOutput(item, keep));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, pseudoOutput(item, keep)]));
  return value;
}

function pseudoValue(value: unknown): unknown {
  if (typeof value === "string") return pseudoText(value);
  if (Array.isArray(value)) return value.map(pseudoValue);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, pseudoValue(item)]));
  if (typeof value === "function") {
    const english = value as (...args: unknown[]) => unknown;
    // The English function decides the wording (plurals, optional parts); only its own words change.
    const wrapped = (...args: unknown[]) => pseudoOutput(english(...args), argumentValues(args));
    Object.defineProperty(wrapped, "length", { value: english.length });
    Object.defineProperty(wrapped, "name", { value: english.name });
    return wrapped;
  }
  return value;
}

/** The en-XA catalogue: the English one, every text accented, marked ⟦…⟧ and padded to 30% longer. */
export function pseudoCatalogue(en: Messages): Messages {
  return pseudoValue(en) as Messages;
}
