import { ErrorCode } from "@slack/web-api";
import { createSlackUserLocales, type UserLocaleSlackClient } from "../../../src/publish/slack-user-locales";

const HOUR = 3_600_000;

/** A users.info that answers from `locales` (no entry: Slack gives no locale) and records who was asked. */
function slackWith(locales: Record<string, string | Error>) {
  const asked: string[] = [];
  const includeLocale: unknown[] = [];
  const slack = {
    users: {
      info: async (args: { user: string; include_locale?: boolean }) => {
        asked.push(args.user);
        includeLocale.push(args.include_locale);
        const answer = locales[args.user];
        if (answer instanceof Error) throw answer;
        return { ok: true, user: { id: args.user, ...(answer ? { locale: answer } : {}) } };
      },
    },
  } as unknown as UserLocaleSlackClient;
  return { slack, asked, includeLocale };
}

function platformError(error: string): Error {
  return Object.assign(new Error(`An API error occurred: ${error}`), { code: ErrorCode.PlatformError, data: { ok: false, error } });
}

function rateLimited(retryAfter: number): Error {
  return Object.assign(new Error("rate limited"), { code: ErrorCode.RateLimitedError, retryAfter });
}

function clock() {
  let at = Date.parse("2026-11-23T01:00:00Z");
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

describe("the Slack user locale lookup", () => {
  it("asks users.info with include_locale once, then answers from memory until the TTL passes", async () => {
    const time = clock();
    const { slack, asked, includeLocale } = slackWith({ U1: "ko-KR" });
    const lookup = createSlackUserLocales(slack, { now: time.now, ttlMs: 6 * HOUR });

    expect(await lookup("U1")).toBe("ko-KR");
    time.advance(6 * HOUR - 1);
    expect(await lookup("U1")).toBe("ko-KR");
    expect(asked).toEqual(["U1"]);
    expect(includeLocale).toEqual([true]);

    time.advance(1);
    expect(await lookup("U1")).toBe("ko-KR");
    expect(asked).toEqual(["U1", "U1"]);
  });

  it("shares one call between requests of the same person at the same time", async () => {
    const { slack, asked } = slackWith({ U1: "zh-CN" });
    const lookup = createSlackUserLocales(slack);

    expect(await Promise.all([lookup("U1"), lookup("U1"), lookup("U1")])).toEqual(["zh-CN", "zh-CN", "zh-CN"]);
    expect(asked).toEqual(["U1"]);
  });

  it("answers unknown when Slack is slower than waitMs, and keeps the late answer for the next request", async () => {
    let answer: (value: unknown) => void = () => undefined;
    const asked: string[] = [];
    const slack = {
      users: {
        info: (args: { user: string }) => {
          asked.push(args.user);
          return new Promise((resolve) => (answer = resolve));
        },
      },
    } as unknown as UserLocaleSlackClient;
    const lookup = createSlackUserLocales(slack, { waitMs: 20 });

    const started = Date.now();
    expect(await lookup("U1")).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
    answer({ ok: true, user: { id: "U1", locale: "ko-KR" } });
    await new Promise((resolve) => setImmediate(resolve));

    expect(await lookup("U1")).toBe("ko-KR");
    expect(asked).toEqual(["U1"]);
  });

  it("keeps at most maxEntries people, dropping the least recently asked first", async () => {
    const { slack, asked } = slackWith({ U1: "en-US", U2: "ko-KR", U3: "zh-CN" });
    const lookup = createSlackUserLocales(slack, { maxEntries: 2 });

    await lookup("U1");
    await lookup("U2");
    await lookup("U1"); // U1 is now the most recent: U2 goes when U3 comes
    await lookup("U3");

    expect(lookup.size).toBe(2);
    asked.length = 0;
    await lookup("U1");
    await lookup("U3");
    expect(asked).toEqual([]);
    await lookup("U2");
    expect(asked).toEqual(["U2"]);
  });

  it("remembers 'no locale' (no field, user_not_found) for the shorter negative TTL", async () => {
    const time = clock();
    const { slack, asked } = slackWith({ U0GONE: platformError("user_not_found") });
    const lookup = createSlackUserLocales(slack, { now: time.now, negativeTtlMs: HOUR });

    expect(await lookup("U0NOLOCALE")).toBeUndefined();
    expect(await lookup("U0GONE")).toBeUndefined();
    time.advance(HOUR - 1);
    await lookup("U0NOLOCALE");
    await lookup("U0GONE");
    expect(asked).toEqual(["U0NOLOCALE", "U0GONE"]);

    time.advance(1);
    await lookup("U0NOLOCALE");
    expect(asked).toEqual(["U0NOLOCALE", "U0GONE", "U0NOLOCALE"]);
  });

  it("answers undefined on a passing failure and asks again soon after, not hours later", async () => {
    const time = clock();
    const locales: Record<string, string | Error> = { U1: platformError("internal_error") };
    const { slack, asked } = slackWith(locales);
    const lookup = createSlackUserLocales(slack, { now: time.now, errorTtlMs: 30_000 });

    expect(await lookup("U1")).toBeUndefined();
    expect(await lookup("U1")).toBeUndefined();
    expect(asked).toHaveLength(1);

    locales.U1 = "ko-KR";
    time.advance(30_000);
    expect(await lookup("U1")).toBe("ko-KR");
    expect(asked).toHaveLength(2);
  });

  it("on a rate limit asks nobody until Slack's Retry-After has passed, and caches nothing for it", async () => {
    const time = clock();
    const locales: Record<string, string | Error> = { U1: rateLimited(20), U2: "ko-KR" };
    const { slack, asked } = slackWith(locales);
    const lookup = createSlackUserLocales(slack, { now: time.now });

    expect(await lookup("U1")).toBeUndefined();
    expect(await lookup("U2")).toBeUndefined();
    expect(asked).toEqual(["U1"]);

    locales.U1 = "zh-CN";
    time.advance(20_000);
    expect(await lookup("U1")).toBe("zh-CN");
    expect(await lookup("U2")).toBe("ko-KR");
    expect(asked).toEqual(["U1", "U1", "U2"]);
  });
});
