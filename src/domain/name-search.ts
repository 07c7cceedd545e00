// Customer names as people in Korea and China search them: Korean by initial consonants (초성 검색,
// "ㅅㅇㅅ" for 서울상사, "서ㅇ" for 서울), Chinese by pinyin initials ("bjkj" for 北京科技) or full
// pinyin ("beijing"). A customer's search key is computed here once per name and stored beside it
// (Customer.nameSearchKey), so the type-ahead matches it with a trigram index instead of per row.
import type * as PinyinPro from "pinyin-pro";

// pinyin-pro's dictionary costs about 25 MB of memory: loaded on the first Han name keyed, not at start.
let pinyinPro: typeof PinyinPro | undefined;
function toneLessPinyin(text: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pinyinPro ??= require("pinyin-pro") as typeof PinyinPro;
  return pinyinPro.pinyin(text, { toneType: "none", type: "array", v: true });
}

/** The 19 initial consonants in Unicode's order, as the compatibility jamo a keyboard types. */
export const HANGUL_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
/**
 * How the key stores each initial: one upper-case ASCII letter (ㄱ → A … ㅅ → J, ㅇ → L … ㅎ → S).
 * pg_trgm makes trigrams only of letters its database's LC_CTYPE calls alphanumeric, and the
 * embedded server's is C (src/db/embedded.ts): jamo stored as such would never be indexed there.
 * Upper case keeps them apart from pinyin, which is lower case (LIKE compares case).
 */
export const HANGUL_KEY_LETTERS = "ABCDEFGHIJKLMNOPQRS";

/** Initial consonants as the key stores them: "ㅅㅇ" → "JL". */
export function encodeHangulInitials(initials: string): string {
  return [...initials].map((initial) => HANGUL_KEY_LETTERS[HANGUL_INITIALS.indexOf(initial)]).join("");
}

const SYLLABLE_FIRST = 0xac00; // 가
const SYLLABLE_LAST = 0xd7a3; // 힣
/** Syllables per initial consonant: 21 vowels × 28 finals. */
const SYLLABLES_PER_INITIAL = 21 * 28;
const CHOSEONG_FIRST = 0x1100; // conjoining ᄀ (to ᄒ, U+1112)
const HAN = /\p{Script=Han}/u;
const SPACE = /\s/u;
const LATIN_ONLY = /^[a-z]+$/;

function isSyllable(char: string): boolean {
  const code = char.codePointAt(0)!;
  return code >= SYLLABLE_FIRST && code <= SYLLABLE_LAST;
}

/** The initial consonant of a precomposed syllable: 서 → ㅅ. */
export function syllableInitial(syllable: string): string {
  return HANGUL_INITIALS[Math.floor((syllable.codePointAt(0)! - SYLLABLE_FIRST) / SYLLABLES_PER_INITIAL)];
}

/** The first and last syllable that start with an initial consonant: ㅇ → 아, 잏. */
export function syllablesStartingWith(initial: string): { first: string; last: string } {
  const first = SYLLABLE_FIRST + HANGUL_INITIALS.indexOf(initial) * SYLLABLES_PER_INITIAL;
  return { first: String.fromCodePoint(first), last: String.fromCodePoint(first + SYLLABLES_PER_INITIAL - 1) };
}

/**
 * One form for names and queries alike: NFKC (full-width letters, decomposed NFD syllables and
 * odd spaces become plain), then the conjoining initials NFKC leaves (it turns the keyboard's
 * compatibility ㄱ into conjoining ᄀ) back to the compatibility jamo people type.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize("NFKC").replace(/[\u1100-\u1112]/gu, (char) => HANGUL_INITIALS[char.codePointAt(0)! - CHOSEONG_FIRST]);
}

function isInitialJamo(char: string): boolean {
  return char.length === 1 && HANGUL_INITIALS.includes(char);
}

/** Runs of consecutive matching characters; spaces are skipped (서울 상사 is one run), anything else ends a run. */
function runs(chars: string[], belongs: (char: string) => boolean): string[][] {
  const found: string[][] = [];
  let current: string[] = [];
  for (const char of chars) {
    if (SPACE.test(char)) continue;
    if (belongs(char)) {
      current.push(char);
    } else if (current.length > 0) {
      found.push(current);
      current = [];
    }
  }
  if (current.length > 0) found.push(current);
  return found;
}

/** Pinyin without tones, ü written v as pinyin keyboards type it; null for a character without a reading. */
function pinyinOf(run: string[]): { initials: string; full: string } | null {
  const full = toneLessPinyin(run.join(""));
  if (full.length !== run.length || !full.every((syllable) => LATIN_ONLY.test(syllable))) return null;
  return { initials: full.map((syllable) => syllable[0]).join(""), full: full.join("") };
}

/**
 * A customer's search key: the Hangul initials of each run of Korean syllables (서울상사 →
 * ㅅㅇㅅㅅ, stored "JLJJ"), then for each run of Han characters its pinyin initials and its full pinyin
 * (北京科技 → "bjkj beijingkeji"), separated by single spaces; "" for a name with neither. A
 * query (never containing a space) therefore matches inside one run, never across two.
 * Polyphonic characters get pinyin-pro's reading in context (银行 → yinhang).
 */
export function nameSearchKey(name: string): string {
  const chars = [...normalizeForSearch(name)];
  const hangul = runs(chars, (char) => isSyllable(char) || isInitialJamo(char)).map((run) =>
    encodeHangulInitials(run.map((char) => (isSyllable(char) ? syllableInitial(char) : char)).join("")),
  );
  const han = runs(chars, (char) => HAN.test(char))
    .flatMap((run) => splitUnreadable(run))
    .map(pinyinOf)
    .filter((reading): reading is { initials: string; full: string } => reading !== null);
  return [...hangul, ...han.map((reading) => reading.initials), ...han.map((reading) => reading.full)].join(" ");
}

/** A Han run split around characters pinyin-pro has no reading for (rare extension characters). */
function splitUnreadable(run: string[]): string[][] {
  if (pinyinOf(run) !== null) return [run];
  const parts: string[][] = [[]];
  for (const char of run) {
    if (pinyinOf([char]) === null) parts.push([]);
    else parts[parts.length - 1].push(char);
  }
  return parts.filter((part) => part.length > 0);
}

/** One character of a Korean query: a complete syllable matches itself, a lone initial any syllable it starts. */
export type HangulQueryPart = { kind: "syllable"; char: string } | { kind: "initial"; char: string };

/**
 * How a type-ahead query is matched against the search key, or null when it is matched by name
 * and phone only (as before):
 * - "hangul": only syllables and initial consonants, at least one initial (ㅅㅇ, 서ㅇ); `key` is
 *   its initials as the key stores them ("JL", matched inside the stored key), `parts` checks each syllable typed in full. A
 *   double initial (ㄲ) matches exactly that initial.
 * - "latin": only Latin letters (bjkj, BJKJ, beijing); `key` in lower case.
 * Spaces in the query are ignored, as they are in the key.
 */
export function nameSearchQuery(
  query: string,
): { kind: "hangul"; key: string; parts: HangulQueryPart[] } | { kind: "latin"; key: string } | null {
  const chars = [...normalizeForSearch(query)].filter((char) => !SPACE.test(char));
  if (chars.length === 0) return null;
  if (chars.every((char) => isSyllable(char) || isInitialJamo(char)) && chars.some(isInitialJamo)) {
    const parts: HangulQueryPart[] = chars.map((char) => (isSyllable(char) ? { kind: "syllable", char } : { kind: "initial", char }));
    return { kind: "hangul", key: encodeHangulInitials(parts.map((part) => (part.kind === "syllable" ? syllableInitial(part.char) : part.char)).join("")), parts };
  }
  const letters = chars.join("").toLowerCase();
  return LATIN_ONLY.test(letters) ? { kind: "latin", key: letters } : null;
}
