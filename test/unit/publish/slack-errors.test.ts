// How the outbox reads Slack's failures: wait (Retry-After), try later, or give up.
import { WebAPIPlatformError, WebAPIHTTPError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { callSlack, classifySlackError, PermanentSlackFailure } from "../../../src/publish/slack-errors";

const platform = (error: string) => new WebAPIPlatformError({ ok: false, error });

describe("classifySlackError", () => {
  it.each(["channel_not_found", "not_in_channel", "is_archived", "user_not_found", "invalid_blocks"])("%s can never pass: permanent", (error) => {
    expect(classifySlackError(platform(error))).toEqual({ kind: "permanent", reason: error });
  });

  it.each(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "something_new"])("%s may pass later: transient", (error) => {
    expect(classifySlackError(platform(error))).toEqual({ kind: "transient", reason: error });
  });

  it("reads Retry-After from a rate limit, and 5xx and network errors as transient", () => {
    expect(classifySlackError(new WebAPIRateLimitedError(7))).toEqual({ kind: "rate-limited", retryAfterSeconds: 7 });
    expect(classifySlackError(new WebAPIHTTPError(503, "Service Unavailable", {}))).toEqual({ kind: "transient", reason: "http_503" });
    expect(classifySlackError(new WebAPIRequestError(new Error("ECONNRESET")))).toEqual({ kind: "transient", reason: "request_error" });
  });
});

describe("callSlack", () => {
  it("waits Retry-After and calls again", async () => {
    const slept: number[] = [];
    let calls = 0;
    const result = await callSlack(
      async () => {
        calls += 1;
        if (calls === 1) throw new WebAPIRateLimitedError(2);
        return "posted";
      },
      async (ms) => void slept.push(ms),
    );
    expect(result).toBe("posted");
    expect(slept).toEqual([2000]);
  });

  it("hands a long Retry-After back to the queue instead of holding a worker", async () => {
    await expect(callSlack(() => Promise.reject(new WebAPIRateLimitedError(600)), async () => undefined)).rejects.toBeInstanceOf(WebAPIRateLimitedError);
  });

  it("turns a permanent refusal into PermanentSlackFailure", async () => {
    await expect(callSlack(() => Promise.reject(platform("is_archived")))).rejects.toEqual(new PermanentSlackFailure("is_archived"));
  });
});
