// The language each person set in Slack (`users.info` with `include_locale`), for people who chose
// none in App Home. Asked on many requests, it changes rarely: kept in memory, bounded, and never
// allowed to slow or fail a request (any failure is "unknown", and the reader's branch decides).
import type { WebClient } from "@slack/web-api";
import type { Log } from "../logger";
import { classifySlackError } from "./slack-errors";

export interface UserLocaleSlackClient {
  users: Pick<WebClient["users"], "info">;
}

export interface SlackUserLocaleOptions {
  /** How long a known locale is kept; 6 hours by default. */
  ttlMs?: number;
  /** How long "Slack has no locale for this person" (no field, user_not_found) is kept; 1 hour by default. */
  negativeTtlMs?: number;
  /** How long a failed lookup (network, Slack's internal error) is remembered as unknown; 30 seconds by default. */
  errorTtlMs?: number;
  /**
   * How long one lookup waits for Slack before answering "unknown" (the branch's language then
   * decides); 400 ms by default. The call goes on and its answer is kept for the next request: a
   * request's ack must not wait on Slack.
   */
  waitMs?: number;
  /** People remembered at most, least recently asked dropped first; 5,000 by default. */
  maxEntries?: number;
  /** Milliseconds since the epoch; tests travel. */
  now?: () => number;
  log?: Log;
}

/** The person's Slack locale as Slack writes it ("ko-KR"), or undefined when it is not known. */
export type SlackUserLocales = ((slackUserId: string) => Promise<string | undefined>) & {
  /** How many people are remembered (for tests and metrics). */
  readonly size: number;
};

const HOUR_MS = 3_600_000;

interface Entry {
  locale: string | undefined;
  expiresAt: number;
}

export function createSlackUserLocales(slack: UserLocaleSlackClient, options: SlackUserLocaleOptions = {}): SlackUserLocales {
  const ttlMs = options.ttlMs ?? 6 * HOUR_MS;
  const negativeTtlMs = options.negativeTtlMs ?? HOUR_MS;
  const errorTtlMs = options.errorTtlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 5_000;
  const waitMs = options.waitMs ?? 400;
  const now = options.now ?? Date.now;
  // A Map keeps insertion order: re-inserting on each hit makes its first key the least recently used.
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<string | undefined>>();
  // Slack's Retry-After applies to the method, not to one person: nobody is asked about until it passes.
  let pausedUntil = 0;

  const remember = (slackUserId: string, locale: string | undefined, forMs: number) => {
    entries.delete(slackUserId);
    entries.set(slackUserId, { locale, expiresAt: now() + forMs });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };

  const ask = async (slackUserId: string): Promise<string | undefined> => {
    try {
      const { user } = await slack.users.info({ user: slackUserId, include_locale: true });
      const locale = typeof user?.locale === "string" && user.locale !== "" ? user.locale : undefined;
      remember(slackUserId, locale, locale ? ttlMs : negativeTtlMs);
      return locale;
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind === "rate-limited") {
        pausedUntil = Math.max(pausedUntil, now() + failure.retryAfterSeconds * 1000);
      } else {
        remember(slackUserId, undefined, failure.kind === "permanent" ? negativeTtlMs : errorTtlMs);
      }
      options.log?.warn("could not read a Slack user's locale", { slackUserId, failure });
      return undefined;
    }
  };

  const lookup = async (slackUserId: string): Promise<string | undefined> => {
    const entry = entries.get(slackUserId);
    if (entry && entry.expiresAt > now()) {
      entries.delete(slackUserId);
      entries.set(slackUserId, entry);
      return entry.locale;
    }
    if (entry) entries.delete(slackUserId);
    if (now() < pausedUntil) return undefined;
    // Several requests of one person at once share one call.
    let pending = inFlight.get(slackUserId);
    if (!pending) {
      pending = ask(slackUserId).finally(() => inFlight.delete(slackUserId));
      inFlight.set(slackUserId, pending);
    }
    return withinWait(pending, waitMs);
  };
  return Object.defineProperty(lookup, "size", { get: () => entries.size }) as SlackUserLocales;
}

/** The answer if it comes within `waitMs`, else undefined (the call itself goes on). */
function withinWait(pending: Promise<string | undefined>, waitMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, waitMs, undefined);
    timer.unref();
  });
  return Promise.race([pending, late]).finally(() => clearTimeout(timer));
}
