// The customer's own survey link (R20): what state a link is in, its token and how it is kept.
import { createHash, randomBytes } from "node:crypto";
import { isFinalOutcome, type SurveyOutcome } from "./surveys";

export type SurveyLinkState = "open" | "used" | "expired";

/** Where the page lives on the bot's HTTP server: PUBLIC_URL + this + the token. */
export const SURVEY_PATH_PREFIX = "/survey/";

/**
 * A link is used once its survey is done, whoever recorded it (the page or a phone call): a
 * customer cannot overwrite what was recorded. A customer who was unreachable by phone may still
 * answer. Expiry is checked after, so a done survey says "already answered" rather than "expired".
 */
export function surveyLinkState(link: { expiresAt: Date; usedAt: Date | null }, surveyOutcome: SurveyOutcome | null, now: Date): SurveyLinkState {
  if (link.usedAt || isFinalOutcome(surveyOutcome)) return "used";
  return now.getTime() >= link.expiresAt.getTime() ? "expired" : "open";
}

/** 256 random bits, URL-safe: unguessable, and short enough to paste into a text message. */
export function newSurveyToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only the hash is stored: someone who reads the database cannot answer for the customer. */
export function hashSurveyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What a well-formed token looks like; anything else is not looked up. */
export function isSurveyTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The name the customer knew the technician by: the first word of a Latin name, a CJK name as written. */
export function technicianFirstName(name: string): string {
  const trimmed = name.trim();
  return trimmed.split(/\s+/)[0] ?? trimmed;
}
