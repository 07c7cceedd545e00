// What a technician's short reply in a ticket's thread means. One command per line; lines that
// are no command are free text (kept as a note). A line that starts with a command word but does
// not follow its form is "malformed", so the bot can say what it understands instead of guessing.
// The words may be English, Korean or Chinese (`도착`, `工时 1.5`, `완료 서명 김민수`), with
// full-width digits and punctuation (`１．５`, `，`) and the units 시간 / 小时.

export type CategoryLetter = "A" | "B" | "C" | "D";

export const THREAD_COMMAND_WORDS = ["arrived", "hours", "part", "done", "note"] as const;
export type ThreadCommandWord = (typeof THREAD_COMMAND_WORDS)[number];

/** R13: one entry is at most a working day and a half of one person; more is a typo. */
export const MAX_HOURS_PER_ENTRY = 16;
export const MAX_PART_QUANTITY = 99;

export type MalformedReason =
  | "extra-words"
  | "hours-missing"
  | "hours-not-a-number"
  | "hours-out-of-range"
  | "hours-bad-category"
  | "part-missing"
  | "part-bad-quantity"
  | "part-bad-serials"
  | "done-signed-missing-name"
  | "note-empty";

export type ThreadCommand =
  | { kind: "arrived" }
  | { kind: "hours"; hours: number; category: CategoryLetter | null }
  | { kind: "part"; partNo: string; quantity: number; serialOut: string | null; serialIn: string | null }
  | { kind: "done"; signedBy: string | null }
  | { kind: "note"; text: string }
  | { kind: "free-text"; text: string }
  | { kind: "malformed"; command: ThreadCommandWord; reason: MalformedReason; line: string };

const MAX_NOTE = 2000;

/**
 * Each command's words in Korean and Chinese, as the seeds' paper forms and people in the field say
 * them. Korean and Chinese words may be followed directly by what they take (`工时1.5`, `부품P-1001`).
 */
export const LOCAL_COMMAND_WORDS: Readonly<Record<ThreadCommandWord, readonly string[]>> = {
  arrived: ["도착", "도착함", "도착했습니다", "到达", "已到达", "到了"],
  hours: ["시간", "작업시간", "工时", "小时"],
  part: ["부품", "配件", "零件"],
  done: ["완료", "完成", "完工"],
  note: ["메모", "备注"],
};
/** "signed (by)" after done: 서명 (Korean), 签字 / 签名 (Chinese). */
const SIGNED_WORDS = ["서명", "签字", "签名"];
/** Units after the hours: h, hrs, hours; 시간; 小时 / 个小时. */
const HOUR_UNITS = String.raw`(?:h|hrs?|hours?|시간|个?小时)`;
/** Counters after a part's quantity: 개 (Korean), 个 / 件 (Chinese). */
const PART_COUNTERS = "(?:개|个|件)";
/** Sentence ends after a bare command: English and CJK. */
const END_MARKS = /^[.!。！]+$/;

const LOCAL_WORDS = Object.entries(LOCAL_COMMAND_WORDS)
  .flatMap(([command, words]) => words.map((word) => ({ word, command: command as ThreadCommandWord })))
  // Longest first: 도착함 before 도착.
  .sort((a, b) => b.word.length - a.word.length);
const HANGUL_OR_HAN = /^[\p{Script=Hangul}\p{Script=Han}]/u;

/**
 * The command word a line starts with and the rest: an English word (case-insensitive), or a Korean
 * or Chinese one, alone, before a space, or directly followed by what it takes — but not glued to
 * more Hangul or Han (`도착했어요` is a sentence, kept as free text).
 */
function commandOf(line: string): { word: ThreadCommandWord; rest: string } | null {
  const match = /^(\S+)\s*(.*)$/s.exec(line);
  const first = (match?.[1] ?? "").toLowerCase();
  const rest = (match?.[2] ?? "").trim();
  // "Done." / "arrived!" alone are the command; "Done, waiting for parts" is free text.
  const english = rest ? first : first.replace(/[.!]+$/, "");
  if (isCommandWord(english)) return { word: english, rest };
  for (const { word, command } of LOCAL_WORDS) {
    if (!line.startsWith(word)) continue;
    const glued = line.slice(word.length);
    if (HANGUL_OR_HAN.test(glued) && !SIGNED_WORDS.some((signed) => glued.startsWith(signed))) continue;
    return { word: command, rest: glued.trim().replace(/^[,:、]\s*/, "") };
  }
  return null;
}

/**
 * Every line of the reply, in order. Consecutive free-text lines are one free-text entry (a
 * paragraph is one note); blank lines are skipped; Slack's formatting markers around a command
 * (`*done*`) are ignored.
 */
export function parseThreadReply(text: string): ThreadCommand[] {
  const commands: ThreadCommand[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const parsed = parseLine(line);
    const last = commands[commands.length - 1];
    if (parsed.kind === "free-text" && last?.kind === "free-text") last.text = `${last.text}\n${parsed.text}`.slice(0, MAX_NOTE);
    else commands.push(parsed);
  }
  return commands;
}

/** One line (already trimmed). */
export function parseLine(line: string): ThreadCommand {
  // NFKC: full-width digits, letters and punctuation (１．５, Ｐ－１００１, ，) read as their ASCII forms.
  const unformatted = line.normalize("NFKC").replace(/^[*_~]+|[*_~]+$/g, "").trim();
  const command = commandOf(unformatted);
  if (!command) return { kind: "free-text", text: line.slice(0, MAX_NOTE) };
  const { word, rest } = command;
  const malformed = (reason: MalformedReason): ThreadCommand => ({ kind: "malformed", command: word, reason, line });
  switch (word) {
    case "arrived":
      return rest && !END_MARKS.test(rest) ? malformed("extra-words") : { kind: "arrived" };
    case "hours":
      return parseHours(rest, malformed);
    case "part":
      return parsePart(rest, malformed);
    case "done":
      return parseDone(rest, malformed);
    case "note":
      return rest ? { kind: "note", text: rest.slice(0, MAX_NOTE) } : malformed("note-empty");
  }
}

function isCommandWord(word: string): word is ThreadCommandWord {
  return (THREAD_COMMAND_WORDS as readonly string[]).includes(word);
}

/** "1.5", "1,5", "2h", "2 h", optionally followed by a category letter A–D. */
function parseHours(rest: string, malformed: (reason: MalformedReason) => ThreadCommand): ThreadCommand {
  if (!rest) return malformed("hours-missing");
  const match = new RegExp(String.raw`^(\d+(?:[.,]\d+)?|[.,]\d+)\s*${HOUR_UNITS}?(?:\s+(\S+))?$`, "iu").exec(rest);
  if (!match) return malformed(/^[\d.,]/.test(rest) ? "hours-bad-category" : "hours-not-a-number");
  const hours = Number(match[1]!.replace(",", "."));
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_HOURS_PER_ENTRY) return malformed("hours-out-of-range");
  // Stored with two decimals (WorkLog.hours Decimal(5,2)); finer input is a typo, not a quarter.
  if (Math.round(hours * 100) !== hours * 100) return malformed("hours-not-a-number");
  let category: CategoryLetter | null = null;
  if (match[2] !== undefined) {
    const letter = match[2].toUpperCase();
    if (!["A", "B", "C", "D"].includes(letter)) return malformed("hours-bad-category");
    category = letter as CategoryLetter;
  }
  return { kind: "hours", hours, category };
}

/** "P-1001", "P-1001 2", "P-1001 x2", "P-1001 x1 out SN1 in SN2". */
function parsePart(rest: string, malformed: (reason: MalformedReason) => ThreadCommand): ThreadCommand {
  const words = rest.split(/\s+/).filter(Boolean);
  const partNo = words.shift();
  if (!partNo || !/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(partNo)) return malformed("part-missing");
  let quantity = 1;
  const quantityWord = words[0];
  if (quantityWord !== undefined && !/^(out|in)$/i.test(quantityWord)) {
    const match = new RegExp(String.raw`^[x×]?(\d+)${PART_COUNTERS}?$`, "iu").exec(quantityWord);
    if (!match) return malformed("part-bad-quantity");
    quantity = Number(match[1]);
    words.shift();
    if (quantity < 1 || quantity > MAX_PART_QUANTITY) return malformed("part-bad-quantity");
  }
  let serialOut: string | null = null;
  let serialIn: string | null = null;
  while (words.length) {
    const key = words.shift()!.toLowerCase();
    const value = words.shift();
    if (!value || /^(out|in)$/i.test(value)) return malformed("part-bad-serials");
    if (key === "out" && serialOut === null) serialOut = value;
    else if (key === "in" && serialIn === null) serialIn = value;
    else return malformed("part-bad-serials");
  }
  if ((serialOut === null) !== (serialIn === null)) return malformed("part-bad-serials");
  return { kind: "part", partNo: partNo.toUpperCase(), quantity, serialOut, serialIn };
}

/** "done", "done signed Kim Minsu", "done signed by Kim Minsu", "완료 서명 김민수", "完成 签字 王伟". */
function parseDone(rest: string, malformed: (reason: MalformedReason) => ThreadCommand): ThreadCommand {
  if (!rest || END_MARKS.test(rest)) return { kind: "done", signedBy: null };
  const match = /^signed\b\s*(?:by\b\s*)?(.*)$/is.exec(rest) ?? new RegExp(String.raw`^(?:${SIGNED_WORDS.join("|")})\s*(.*)$`, "su").exec(rest);
  if (!match) return malformed("extra-words");
  const name = match[1]!.replace(/^[:\-–]\s*/, "").trim();
  if (!name) return malformed("done-signed-missing-name");
  return { kind: "done", signedBy: name.slice(0, 200) };
}
