// CSV in and out. Reading keeps the file line each record starts on, so every problem can be
// reported against the line a person sees in their editor or spreadsheet.
import { CsvError, parse } from "csv-parse/sync";
import { AppError } from "../../errors";

export interface CsvLine {
  /** 1-based line of the file where the record starts (the header is normally line 1). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: CsvLine;
  rows: CsvLine[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

interface ParsedRecord {
  record: string[];
  /** Bytes of the input consumed once the record and its line ending were read. */
  info: { bytes: number };
}

/** Parses the whole text; blank lines are skipped, a UTF-8 BOM is dropped, cells are trimmed. */
export function readCsv(text: string): CsvTable | null {
  const bytes = Buffer.from(text, "utf8");
  let records: ParsedRecord[];
  try {
    // `info: true` changes the result's shape, which csv-parse's overloads do not express.
    records = parse(bytes, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      // Listed explicitly: auto-detection locks onto the first ending seen and misreads files
      // whose lines were edited on different systems.
      record_delimiter: ["\r\n", "\n"],
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw new CsvSyntaxError(describeCsvError(error), Number(error.lines) || 1);
    throw error;
  }
  const startLines = recordStartLines(bytes, records.map((record) => record.info.bytes));
  const lines = records.map(({ record }, index) => ({ line: startLines[index]!, cells: record }));
  const [header, ...rows] = lines;
  return header ? { header, rows } : null;
}

const NEWLINE = 0x0a;
const BLANK = new Set([NEWLINE, 0x0d, 0x20, 0x09]);

/**
 * The line each record starts on, counted from the byte offsets where records end. csv-parse's
 * own line count is off after a quoted cell holding a CRLF line break, and it gives the last line.
 */
function recordStartLines(bytes: Buffer, recordEnds: number[]): number[] {
  const starts: number[] = [];
  let line = 1;
  let offset = 0;
  for (const end of recordEnds) {
    // Skipped blank lines sit between the previous record's end and this one's first character.
    for (; offset < end && BLANK.has(bytes[offset]!); offset++) if (bytes[offset] === NEWLINE) line++;
    starts.push(line);
    for (; offset < end; offset++) if (bytes[offset] === NEWLINE) line++;
  }
  return starts;
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return "a quoted cell must end with a quote followed by a comma or the end of the line";
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted cell opened on or before this line is never closed (missing \")";
    default:
      return `unreadable CSV: ${error.message}`;
  }
}

/**
 * Decodes an uploaded file. Korean and Chinese spreadsheets are often saved in a legacy code page
 * (CP949, GBK), which would silently garble every name, so anything but UTF-8 is refused.
 */
export function decodeCsvFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("VALIDATION", {
      message: "the file is not UTF-8 text: save it as \"CSV UTF-8\" (Excel) or with UTF-8 encoding, then import it again",
    });
  }
}

/** Writes records as CSV (header from the first record's keys), quoting cells only where needed. */
export function formatCsv(records: Record<string, string>[]): string {
  const columns = Object.keys(records[0] ?? {});
  const lines = [columns, ...records.map((record) => columns.map((column) => record[column] ?? ""))];
  return lines.map((cells) => cells.map(quoteCell).join(",")).join("\n") + "\n";
}

function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}
