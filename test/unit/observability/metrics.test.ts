import { WebClient, type FetchFunction } from "@slack/web-api";
import { createMetrics, slackMethodOf } from "../../../src/observability/metrics";
import { labelsOf } from "../../../src/transport/requests";

/** One value of the text exposition, e.g. sample(text, 'servicedesk_slack_api_calls_total{method="chat.postMessage",result="ok"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

describe("metrics", () => {
  it("counts each Web API call by method and result, and the client still reads Slack's answer", async () => {
    const metrics = createMetrics();
    const answers: Response[] = [
      json({ ok: true, channel: "C1", ts: "1.2" }),
      json({ ok: false, error: "channel_not_found" }),
      json({ ok: false, error: "ratelimited" }, 429, { "retry-after": "3" }),
      new Response("<html>oops</html>", { status: 503 }),
    ];
    const base: FetchFunction = async () => answers.shift()!;
    const client = new WebClient("xoxb-test", { slackApiUrl: "http://slack.test/api/", fetch: metrics.slackFetch(base), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });

    await expect(client.chat.postMessage({ channel: "C1", text: "hi" })).resolves.toMatchObject({ ok: true, ts: "1.2" });
    await expect(client.chat.postMessage({ channel: "C404", text: "hi" })).rejects.toMatchObject({ data: { error: "channel_not_found" } });
    await expect(client.views.open({ trigger_id: "t", view: { type: "modal", title: { type: "plain_text", text: "x" }, blocks: [] } })).rejects.toThrow();
    await expect(client.chat.update({ channel: "C1", ts: "1.2", text: "x" })).rejects.toThrow();

    const { body } = await metrics.render();
    expect(sample(body, 'servicedesk_slack_api_calls_total{method="chat.postMessage",result="ok"}')).toBe(1);
    expect(sample(body, 'servicedesk_slack_api_calls_total{method="chat.postMessage",result="channel_not_found"}')).toBe(1);
    expect(sample(body, 'servicedesk_slack_api_calls_total{method="views.open",result="ratelimited"}')).toBe(1);
    expect(sample(body, 'servicedesk_slack_api_calls_total{method="chat.update",result="http_503"}')).toBe(1);
    expect(sample(body, 'servicedesk_slack_api_call_seconds_count{method="chat.postMessage"}')).toBe(2);
  });

  it("counts a call that never got an answer as a network error or a timeout", async () => {
    const metrics = createMetrics();
    const refused = metrics.slackFetch(async () => Promise.reject(new TypeError("fetch failed")));
    const slow = metrics.slackFetch(async () => Promise.reject(Object.assign(new Error("timed out"), { name: "TimeoutError" })));
    await expect(refused("http://slack.test/api/chat.postMessage")).rejects.toThrow("fetch failed");
    await expect(slow("http://slack.test/api/views.publish")).rejects.toThrow("timed out");
    const { body } = await metrics.render();
    expect(sample(body, 'servicedesk_slack_api_calls_total{method="chat.postMessage",result="network_error"}')).toBe(1);
    expect(sample(body, 'servicedesk_slack_api_calls_total{method="views.publish",result="timeout"}')).toBe(1);
  });

  it("names Web API methods, response_urls and anything else", () => {
    expect(slackMethodOf("https://slack.com/api/chat.postMessage")).toBe("chat.postMessage");
    expect(slackMethodOf("http://127.0.0.1:4000/api/views.open?x=1")).toBe("views.open");
    expect(slackMethodOf("https://hooks.slack.com/actions/T1/123/abc")).toBe("response_url");
    expect(slackMethodOf("https://hooks.slack.com/commands/T1/123/abc")).toBe("response_url");
    expect(slackMethodOf("https://files.slack.com/upload/v1/abc")).toBe("other");
  });

  it("labels a request by its listener, and ids no listener answers as unknown", () => {
    const known = { actions: new Set(["ticket_assign"]), views: new Set(["intake"]), shortcuts: new Set(["create_repair_call"]), options: new Set(["customer_select"]) };
    expect(labelsOf({ command: "/repair", user_id: "U1" }, known)).toEqual({ kind: "command", listener: "/repair" });
    expect(labelsOf({ type: "block_actions", actions: [{ action_id: "ticket_assign" }] }, known)).toEqual({ kind: "action", listener: "ticket_assign" });
    expect(labelsOf({ type: "block_actions", actions: [{ action_id: "forged_" + "x".repeat(10) }] }, known)).toEqual({ kind: "action", listener: "unknown" });
    expect(labelsOf({ type: "view_submission", view: { callback_id: "intake" } }, known)).toEqual({ kind: "view_submission", listener: "intake" });
    expect(labelsOf({ type: "view_closed", view: { callback_id: "nope" } }, known)).toEqual({ kind: "view_closed", listener: "unknown" });
    expect(labelsOf({ type: "block_suggestion", action_id: "customer_select" }, known)).toEqual({ kind: "options", listener: "customer_select" });
    expect(labelsOf({ type: "message_action", callback_id: "create_repair_call" }, known)).toEqual({ kind: "shortcut", listener: "create_repair_call" });
    expect(labelsOf({ type: "event_callback", event: { type: "app_home_opened" } }, known)).toEqual({ kind: "event", listener: "app_home_opened" });
    expect(labelsOf({ type: "event_callback", event: { type: "Robert'); DROP TABLE" } }, known)).toEqual({ kind: "event", listener: "unknown" });
    expect(labelsOf({ type: "mystery" }, known)).toEqual({ kind: "other", listener: "other" });
  });

  it("counts job runs by job and outcome, with their duration and the last success", async () => {
    const metrics = createMetrics();
    metrics.jobRun("overdue-scan", "ran", 0.02);
    metrics.jobRun("overdue-scan", "ran", 0.03);
    metrics.jobRun("carry-over", "failed", 1.5);
    const { body, contentType } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain/);
    expect(sample(body, 'servicedesk_job_runs_total{job="overdue-scan",outcome="ran"}')).toBe(2);
    expect(sample(body, 'servicedesk_job_runs_total{job="carry-over",outcome="failed"}')).toBe(1);
    expect(sample(body, 'servicedesk_job_run_seconds_sum{job="carry-over",outcome="failed"}')).toBe(1.5);
    expect(sample(body, 'servicedesk_job_last_success_timestamp_seconds{job="overdue-scan"}')).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(sample(body, 'servicedesk_job_last_success_timestamp_seconds{job="carry-over"}')).toBeUndefined();
  });

  it("reports the pool, and a gauge read that fails as a read error rather than a failed scrape", async () => {
    const metrics = createMetrics({
      pool: () => ({ max: 10, total: 4, idle: 1, waiting: 2 }),
      query: async () => Promise.reject(new Error("canceling statement due to statement timeout")),
    });
    const { body } = await metrics.render();
    expect(sample(body, 'servicedesk_db_pool_connections{state="in_use"}')).toBe(3);
    expect(sample(body, 'servicedesk_db_pool_connections{state="idle"}')).toBe(1);
    expect(sample(body, "servicedesk_db_pool_waiting")).toBe(2);
    expect(sample(body, "servicedesk_db_pool_max")).toBe(10);
    expect(sample(body, 'servicedesk_metrics_read_errors_total{source="outbox"}')).toBe(1);
    expect(sample(body, 'servicedesk_metrics_read_errors_total{source="calls"}')).toBe(1);
    expect(sample(body, "servicedesk_outbox_depth")).toBeNaN();
    expect(sample(body, "servicedesk_outbox_oldest_age_seconds")).toBeNaN();
    expect(sample(body, "servicedesk_thread_replies_queued")).toBeNaN();
  });
});
