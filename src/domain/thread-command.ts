// What a technician's short reply in a ticket's thread means. One command per line; lines that
// are no command are free text (kept as a note). A line that starts with a command word but does
// not follow its form is "malformed", so the bot can say what it understands instead of guessing.

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
  const unformatted = line.replace(/^[*_~]+|[*_~]+$/g, "").trim();
  const match = /^(\S+)\s*(.*)$/s.exec(unformatted);
  const rest = (match?.[2] ?? "").trim();
  // "Done." / "arrived!" alone are the command; "Done, waiting for parts" is free text.
  const word = (match?.[1] ?? "").toLowerCase().replace(rest ? /$^/ : /[.!]+$/, "");
  if (!isCommandWord(word)) return { kind: "free-text", text: line.slice(0, MAX_NOTE) };
  const malformed = (reason: MalformedReason): ThreadCommand => ({ kind: "malformed", command: word, reason, line });
  switch (word) {
    case "arrived":
      return rest && !/^[.!]+$/.test(rest) ? malformed("extra-words") : { kind: "arrived" };
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
  const match = /^(\d+(?:[.,]\d+)?|[.,]\d+)\s*(?:h|hrs?|hours?)?(?:\s+(\S+))?$/i.exec(rest);
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
    const match = /^[x×]?(\d+)$/i.exec(quantityWord);
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

/** "done", "done signed Kim Minsu", "done signed by Kim Minsu". */
function parseDone(rest: string, malformed: (reason: MalformedReason) => ThreadCommand): ThreadCommand {
  if (!rest || /^[.!]+$/.test(rest)) return { kind: "done", signedBy: null };
  const match = /^signed\b\s*(?:by\b\s*)?(.*)$/is.exec(rest);
  if (!match) return malformed("extra-words");
  const name = match[1]!.replace(/^[:\-–]\s*/, "").trim();
  if (!name) return malformed("done-signed-missing-name");
  return { kind: "done", signedBy: name.slice(0, 200) };
}
