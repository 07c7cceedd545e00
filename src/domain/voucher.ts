// R4: human-readable numbers that customers, technicians and accountants quote.

/** SV-2026-000123: at least six sequence digits, more once the year passes 999999. */
export const VOUCHER_PATTERN = /^SV-(\d{4})-(\d{6}|[1-9]\d{6,})$/i;
/** CR-2026-000042: the custody receipt of R11, numbered the same way. */
export const CUSTODY_RECEIPT_PATTERN = /^CR-(\d{4})-(\d{6}|[1-9]\d{6,})$/i;

export interface NumberParts {
  year: number;
  sequence: number;
}

function formatNumber(prefix: string, year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must have 4 digits, got ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  return `${prefix}-${year}-${String(sequence).padStart(6, "0")}`;
}

function parseNumber(pattern: RegExp, text: string): NumberParts | null {
  const match = pattern.exec(text.trim());
  if (!match) return null;
  const sequence = Number(match[2]);
  // Only canonical numbers parse, so format(parse(x)) gives x back (upper-cased).
  if (sequence < 1 || !Number.isSafeInteger(sequence)) return null;
  return { year: Number(match[1]), sequence };
}

export function formatVoucherNumber(year: number, sequence: number): string {
  return formatNumber("SV", year, sequence);
}

/** Accepts what people type: any case, surrounding spaces. Null if it is not a voucher number. */
export function parseVoucherNumber(text: string): NumberParts | null {
  return parseNumber(VOUCHER_PATTERN, text);
}

export function formatCustodyReceiptNumber(year: number, sequence: number): string {
  return formatNumber("CR", year, sequence);
}

export function parseCustodyReceiptNumber(text: string): NumberParts | null {
  return parseNumber(CUSTODY_RECEIPT_PATTERN, text);
}
