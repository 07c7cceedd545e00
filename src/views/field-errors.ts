import { messagesFor, type Locale } from "./messages";

/** A service's field problem (`"phone" → "invalid"`) as the sentence shown on the field. */
export function describeServiceFieldError(_field: string, key: string, locale?: Locale): string {
  const m = messagesFor(locale);
  return m.serviceFieldErrors[key] ?? m.serviceFieldErrors.invalid;
}
