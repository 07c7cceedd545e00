// Phone numbers as people type them: digits with spaces, + - and parentheses. Shared by the
// importer and the intake modal, so a number accepted in one place is accepted in the other.

export const PHONE_CHARACTERS = /^[0-9+\-() ]+$/;
export const PHONE_MIN_DIGITS = 6;
export const PHONE_MAX_DIGITS = 20;

/** Only the digits: "010-1234 5678" → "01012345678"; used to compare and search numbers. */
export function phoneDigits(text: string): string {
  return text.replace(/\D/g, "");
}

export function hasPhoneDigitCount(text: string): boolean {
  const digits = phoneDigits(text).length;
  return digits >= PHONE_MIN_DIGITS && digits <= PHONE_MAX_DIGITS;
}

export function isPhoneNumber(text: string): boolean {
  const trimmed = text.trim();
  return PHONE_CHARACTERS.test(trimmed) && hasPhoneDigitCount(trimmed);
}
