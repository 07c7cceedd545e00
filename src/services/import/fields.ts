// Zod schemas for the cells of an import row. Cells arrive trimmed, and blank cells arrive as
// undefined, so `.optional()` means "may be left empty". Messages say what was expected; the
// runner prefixes them with the column name.
import { z } from "zod";
import { hasPhoneDigitCount, PHONE_CHARACTERS, PHONE_MAX_DIGITS, PHONE_MIN_DIGITS } from "../../domain/phone";
import { Prisma } from "../../generated/prisma/client";
import { parseStoredLocale } from "../../i18n/locale";
import type { Parsed } from "./calendar-syntax";
import { toUtcDate } from "./dates";

const LIST_SEPARATOR = "|";

export function text(max = 200) {
  return z.string().max(max, `at most ${max} characters`);
}

/** Natural keys people type: customer numbers, part numbers, contract numbers. */
export function code(max = 40) {
  return z
    .string()
    .max(max, `at most ${max} characters`)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u, "letters, digits and . _ / - only, without spaces");
}

export function isoDate() {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
    .refine((value) => toUtcDate(value) !== null, "not a date in the calendar")
    .transform((value) => toUtcDate(value)!);
}

/**
 * For row-level date comparisons. Zod still runs a row's refinements when a cell failed, with the
 * raw text in it, so only two parsed dates are compared.
 */
export function notBefore(later: unknown, earlier: unknown): boolean {
  return !(later instanceof Date && earlier instanceof Date && later < earlier);
}

export function phone() {
  return z
    .string()
    .regex(PHONE_CHARACTERS, "a phone number: digits, spaces, + - and parentheses only")
    .refine(hasPhoneDigitCount, `a phone number with ${PHONE_MIN_DIGITS} to ${PHONE_MAX_DIGITS} digits`);
}

export function email() {
  return z.email("an email address such as name@example.com");
}

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, y: true, n: false, "1": true, "0": false };

export function flag() {
  return z
    .string()
    .toLowerCase()
    .refine((value) => value in BOOLEAN_WORDS, "true or false (yes/no and 1/0 also work)")
    .transform((value) => BOOLEAN_WORDS[value]!);
}

/** Money with at most two decimals, as Decimal(12, 2) holds it; no thousands separators. */
export function money() {
  return z
    .string()
    .regex(/^\d{1,10}(\.\d{1,2})?$/, "an amount such as 1250 or 1250.50 (no thousands separators)")
    .transform((value) => new Prisma.Decimal(value));
}

export function quantity() {
  return z
    .string()
    .regex(/^\d{1,9}$/, "a whole number, 0 or more")
    .transform(Number);
}

export function timeZone() {
  return z
    .string()
    .refine(isTimeZone, "an IANA time zone such as Asia/Seoul or Europe/Berlin")
    .transform((zone) => new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function slackUserId() {
  return z.string().regex(/^[UW][A-Z0-9]{2,}$/, "a Slack user id such as U012ABCDEF");
}

export function slackChannelId() {
  return z.string().regex(/^[CG][A-Z0-9]{2,}$/, "a Slack channel id such as C012ABCDEF");
}

/** `Parts clerk`, `parts-clerk` and `PARTS_CLERK` all name the same enum value. */
export function normaliseWord(value: string): string {
  return value.trim().toUpperCase().replace(/[\s-]+/g, "_");
}

function describeChoices(values: readonly string[]): string {
  const words = values.map((value) => value.toLowerCase());
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : words.join("");
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform(normaliseWord)
    .pipe(z.enum(values, { error: describeChoices(values) }));
}

export function splitList(cell: string): string[] {
  return cell
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Free-text list such as skills: `compressor|chiller`; repeats are dropped. */
export function list(maxItem = 60) {
  return z
    .string()
    .transform(splitList)
    .pipe(z.array(z.string().max(maxItem, `each item at most ${maxItem} characters`)))
    .transform((items) => [...new Set(items)]);
}

/** `dispatcher|technician`: each item must be one of `values`, case-insensitively. */
export function listOf<const T extends readonly [string, ...string[]]>(values: T, noun: string) {
  return z.string().transform((cell, ctx) => {
    const items = splitList(cell);
    const unknown = items.filter((item) => !values.includes(normaliseWord(item)));
    if (unknown.length > 0) {
      ctx.issues.push({
        code: "custom",
        input: cell,
        message: `unknown ${noun} ${unknown.map((item) => `"${item}"`).join(", ")} (expected ${describeChoices(values)})`,
      });
      return z.NEVER;
    }
    return [...new Set(items.map(normaliseWord))] as T[number][];
  });
}

/** A cell in a small syntax of its own (working hours, holidays), parsed by `parse`. */
export function parsedBy<T>(parse: (cell: string) => Parsed<T>) {
  return z.string().transform((cell, ctx) => {
    const parsed = parse(cell);
    if (parsed.ok) return parsed.value;
    ctx.issues.push({ code: "custom", input: cell, message: parsed.error });
    return z.NEVER;
  });
}

/** A language the bot speaks, stored normalized: `ko`, `ko-KR` and `ko_KR` are all `ko`; Traditional Chinese is refused. */
export function locale() {
  return z.string().transform((cell, ctx) => {
    const parsed = parseStoredLocale(cell);
    if (parsed) return parsed;
    ctx.issues.push({ code: "custom", input: cell, message: `unknown language "${cell}" (expected en, ko or zh-CN)` });
    return z.NEVER;
  });
}
