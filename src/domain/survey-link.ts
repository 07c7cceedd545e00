// The customer's own survey link: what state a link is in, and the answers the page may send (R20).
import { createHash, randomBytes } from "node:crypto";

export const SURVEY_ITEMS = ["attitude", "skill", "arrivalTime", "promiseKeeping"] as const;
export type SurveyItem = (typeof SURVEY_ITEMS)[number];
export const RATINGS = ["VERY_SATISFIED", "SATISFIED", "DISSATISFIED", "VERY_DISSATISFIED"] as const;
export type SurveyRating = (typeof RATINGS)[number];
export type SurveyRatings = Record<SurveyItem, SurveyRating>;

/** Comments longer than this are refused on the page (a text message's worth several times over). */
export const SURVEY_COMMENT_MAX = 2000;

export type SurveyLinkState = "open" | "used" | "expired";

/**
 * A link is used once its survey has an outcome, whoever recorded it (the page or a phone call):
 * a customer cannot overwrite what was recorded. Expiry is checked after, so an answered survey
 * says "already answered" rather than "expired".
 */
export function surveyLinkState(link: { expiresAt: Date; usedAt: Date | null }, surveyRecorded: boolean, now: Date): SurveyLinkState {
  if (link.usedAt || surveyRecorded) return "used";
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
