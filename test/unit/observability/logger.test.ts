import { Logger } from "graphile-worker";
import { createLogger, queueLogger, REDACTED } from "../../../src/logger";
import { runInRequest } from "../../../src/observability/request-context";

function recording(level: "debug" | "info" | "warn" | "error" = "debug", secrets: string[] = []) {
  const lines: string[] = [];
  const log = createLogger(level, (line) => lines.push(line), { secrets });
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("the logger (pino, JSON lines)", () => {
  it("writes one JSON line per event: level, ISO time, message and the fields in the order given", () => {
    const { log, lines, parsed } = recording("info");
    log.info("database ready", { applied: 0, alreadyApplied: 3 });
    log.debug("not written at info");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"applied":0,"alreadyApplied":3');
    expect(parsed()[0]).toMatchObject({ level: "info", message: "database ready", applied: 0, alreadyApplied: 3 });
    expect(new Date(parsed()[0].time as string).toISOString()).toBe(parsed()[0].time);
  });

  it("writes an error with its message, stack and cause", () => {
    const { log, parsed } = recording();
    log.error("job failed", { job: "carry-over", error: new Error("Slack is down", { cause: new Error("ECONNRESET") }) });
    expect(parsed()[0]).toMatchObject({ level: "error", job: "carry-over", error: { type: "Error", message: "Slack is down", cause: { message: "ECONNRESET" } } });
    expect((parsed()[0].error as { stack: string }).stack).toContain("Slack is down");
  });

  it("names the request on every line written while it is handled, and on no other", async () => {
    const { log, parsed } = recording();
    log.info("before");
    await runInRequest({ requestId: "req-1", receivedAt: 0 }, async () => {
      log.info("acked");
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.warn("after the ack");
    });
    await runInRequest({ requestId: "req-2", receivedAt: 0 }, async () => log.info("another request"));
    log.info("after");
    expect(parsed().map((line) => [line.message, line.requestId])).toEqual([
      ["before", undefined],
      ["acked", "req-1"],
      ["after the ack", "req-1"],
      ["another request", "req-2"],
      ["after", undefined],
    ]);
  });

  it("no secrets in the logs: secret fields are replaced, tokens, URL passwords and bearer credentials are scrubbed from any text", () => {
    const signingSecret = "8f14e45fceea167a5a36dedd4bea2543";
    const { log, lines } = recording("debug", [signingSecret, "s3cr3t-db-pw"]);
    log.info("config", {
      token: "xoxb-1111-2222-abcdef",
      signingSecret,
      password: "hunter22",
      config: { SLACK_APP_TOKEN: "xapp-1-A0-1-abc", databaseUrl: "postgresql://bot:s3cr3t-db-pw@db:5432/desk" },
      request: { headers: { authorization: "Bearer xoxb-3333-4444-zzz", "user-agent": "Slackbot 1.0" } },
    });
    log.warn("http request failed", { url: "postgresql://servicedesk:s3cr3t-db-pw@127.0.0.1:54329/postgres", detail: `sent xoxb-5555-6666-qqq with secret ${signingSecret}` });
    log.error("An API error occurred", { error: new Error("invalid_auth for xoxp-7777-8888-user and xapp-1-A0-2-def"), header: "Authorization: Bearer abc.def" });
    log.debug(`bolt: http request headers: {"Authorization":"Bearer xoxb-9999-0000-bolt"}`);

    const all = lines.join("\n");
    for (const secret of ["xoxb-", "xapp-", "xoxp-", "hunter22", "s3cr3t-db-pw", signingSecret, "abc.def"]) expect(all).not.toContain(secret);
    expect(all).toContain(REDACTED);
    // What is not secret stays readable.
    expect(all).toContain("Slackbot 1.0");
    expect(all).toContain("postgresql://servicedesk:[redacted]@127.0.0.1:54329/postgres");
    expect(all).toContain("invalid_auth for");
  });

  it("passes graphile-worker's lines through, without its debug chatter", () => {
    const { log, parsed } = recording();
    const queue: Logger = queueLogger(log);
    queue.debug("polling");
    queue.info("Worker connected");
    queue.warn("slow");
    queue.error("Failed task");
    expect(parsed().map((line) => [line.level, line.message, line.queue])).toEqual([
      ["info", "Worker connected", true],
      ["warn", "slow", true],
      ["error", "Failed task", true],
    ]);
  });
});
