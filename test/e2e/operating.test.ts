// Operating the bot: GET /metrics after real requests, one request id on every log line of a
// request (after its ack too), no secrets in the logs, and the graceful stop that lets requests in
// flight finish — over HTTP and Socket Mode, against the Slack fake.
import { createLogger } from "../../src/logger";
import { startTestApp, TEST_APP_TOKEN, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, useTestApp, type TestApp } from "../support/app-harness";
import { eventually } from "../support/eventually";
import { createBranch, createTicket } from "../support/factories/data";

type Line = Record<string, unknown> & { message: string; requestId?: string };

function recordingLog() {
  const raw: string[] = [];
  // As main.ts builds it: the signing secret is scrubbed wherever it appears.
  const log = createLogger("debug", (line) => raw.push(line), { secrets: [TEST_SIGNING_SECRET] });
  return { log, raw, lines: () => raw.map((line) => JSON.parse(line) as Line) };
}

async function scrape(app: TestApp): Promise<string> {
  const response = await fetch(`${app.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** One series' value in the exposition; 0 when the series is not there yet. */
function value(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

const NOW = "2026-11-23T05:00:00Z";

describe("over HTTP", () => {
  const recorded = recordingLog();
  const app = useTestApp({ log: recorded.log, now: NOW });

  it("GET /metrics: requests and acks per listener, Web API calls by method and result, refusals, the pool, the outbox, open escalations and overdue calls", async () => {
    const { slack, database, url } = app.current;
    const branch = await createBranch(database.prisma, { code: "SEOUL" });
    const overdue = await createTicket(database.prisma, { branchId: branch.id, arrivalDeadline: new Date("2026-11-23T04:00:00Z") });
    await createTicket(database.prisma, { branchId: branch.id, arrivalDeadline: new Date("2026-11-23T06:00:00Z") });
    await createTicket(database.prisma, { branchId: branch.id, arrivalDeadline: new Date("2026-11-23T03:00:00Z"), status: "ON_SITE", arrivedAt: new Date("2026-11-23T03:30:00Z") });
    await database.prisma.escalation.create({ data: { kind: "OVERDUE", branchId: branch.id, ticketId: overdue.id, raisedAt: new Date("2026-11-23T04:01:00Z") } });
    await database.prisma.escalation.create({ data: { kind: "OVERDUE", branchId: branch.id, raisedAt: new Date("2026-11-23T02:00:00Z"), acknowledgedAt: new Date("2026-11-23T02:10:00Z") } });
    const before = await scrape(app.current);

    expect((await slack.driver.sendCommand({ text: "help" })).status).toBe(200);
    expect((await slack.driver.sendCommand({ text: "help" })).status).toBe(200);
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0FAKEUSER", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    slack.rateLimitNext("views.publish", 1);
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0FAKEUSER", tab: "home" });
    await slack.waitFor({ method: "views.publish", count: 2 });
    expect((await slack.driver.sendBlockActions({ actions: [{ action_id: "no_such_button" }] })).status).toBe(200);
    const body = "command=%2Frepair&text=help&user_id=U0FAKEUSER";
    expect((await slack.driver.sendRawRequest(body, { ...slack.driver.signedHeaders(body, { signingSecret: "not-the-secret" }), "content-type": "application/x-www-form-urlencoded" })).status).toBe(401);

    // Requests are counted when their post-ack work ends.
    let after = "";
    const moved = (series: string) => value(after, series) - value(before, series);
    await eventually(async () => {
      after = await scrape(app.current);
      return value(after, "servicedesk_slack_requests_in_flight") === 0 && moved('servicedesk_slack_requests_total{kind="event",listener="app_home_opened"}') === 2 && moved('servicedesk_slack_requests_total{kind="action",listener="unknown"}') === 1;
    }, 5_000, "every request to be counted");
    expect(moved('servicedesk_slack_requests_total{kind="command",listener="/repair"}')).toBe(2);
    expect(moved('servicedesk_slack_ack_seconds_count{kind="command",listener="/repair"}')).toBe(2);
    expect(moved('servicedesk_slack_ack_seconds_bucket{le="3",kind="command",listener="/repair"}')).toBe(2);
    expect(moved('servicedesk_slack_requests_total{kind="event",listener="app_home_opened"}')).toBe(2);
    expect(moved('servicedesk_slack_requests_not_acked_total{kind="command",listener="/repair"}')).toBe(0);
    expect(moved('servicedesk_slack_api_calls_total{method="views.publish",result="ok"}')).toBe(1);
    expect(moved('servicedesk_slack_api_calls_total{method="views.publish",result="ratelimited"}')).toBe(1);
    expect(moved('servicedesk_slack_api_calls_total{method="response_url",result="ok"}')).toBe(1);
    expect(moved('servicedesk_slack_requests_refused_total{status="401"}')).toBe(1);
    expect(value(after, "servicedesk_slack_requests_in_flight")).toBe(0);

    expect(value(after, "servicedesk_db_pool_max")).toBe(20);
    expect(after).toMatch(/^servicedesk_db_pool_connections\{state="in_use"\} \d+$/m);
    expect(after).toMatch(/^servicedesk_outbox_depth \d+$/m);
    expect(after).toMatch(/^servicedesk_thread_replies_queued \d+$/m);
    expect(after).toMatch(/^servicedesk_outbox_oldest_age_seconds [\d.e+-]+$/m);
    // R7: the call past its deadline without an arrival, not the one still in time nor the one arrived.
    expect(value(after, 'servicedesk_calls_overdue{branch="SEOUL"}')).toBe(1);
    expect(value(after, 'servicedesk_escalations_open{branch="SEOUL",kind="OVERDUE"}')).toBe(1);
    expect(after).toContain('servicedesk_escalations_open{branch="SEOUL",kind="CANNOT_FINISH"} 0');
    expect(value(after, 'servicedesk_metrics_read_errors_total{source="calls"}')).toBe(0);
    expect(url).toMatch(/^http:/);
  });

  it("every log line of one request carries its id, after the ack too; other requests' lines carry theirs", async () => {
    const { slack } = app.current;
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0FAKEUSER", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    recorded.raw.length = 0;

    // The refresh fails after its ack: the failure's line is written long after Slack was answered.
    slack.failNext("views.publish", "invalid_arguments");
    const [click, help] = await Promise.all([
      slack.driver.sendBlockActions({ userId: "U0FAKEUSER", view: slack.homeView("U0FAKEUSER")!, actions: [{ action_id: "home_refresh" }] }),
      slack.driver.sendCommand({ text: "help" }),
    ]);
    const clickId = String(click.headers["x-request-id"]);
    const helpId = String(help.headers["x-request-id"]);
    expect(clickId).toMatch(/^[0-9a-f-]{36}$/);
    expect(helpId).not.toBe(clickId);
    const ended = (id: string) => recorded.lines().some((line) => line.message === "slack request" && line.requestId === id);
    await eventually(() => ended(clickId) && ended(helpId), 5_000, "both requests to end");

    const ofClick = recorded.lines().filter((line) => line.requestId === clickId);
    expect(ofClick.map((line) => line.message)).toEqual(expect.arrayContaining(["request failed", "slack request"]));
    expect(ofClick.find((line) => line.message === "slack request")).toMatchObject({ kind: "action", listener: "home_refresh", acked: true });
    // Even the Web API client's own lines for the failed call name the request.
    expect(ofClick.some((line) => line.source === "bolt" && /views\.publish/.test(line.message))).toBe(true);
    expect(recorded.lines().filter((line) => line.message === "request failed").map((line) => line.requestId)).toEqual([clickId]);
    expect(recorded.lines().find((line) => line.message === "slack request" && line.listener === "/repair")?.requestId).toBe(helpId);
  });

  it("no secrets in the logs: neither the bot token nor the signing secret appears in any line, debug included", async () => {
    const { slack } = app.current;
    slack.failNext("chat.postMessage", "invalid_auth");
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0FAKEUSER", tab: "home" });
    await slack.driver.sendCommand({ text: "help" });
    await slack.waitFor({ method: "views.publish" });
    const all = recorded.raw.join("\n");
    expect(recorded.raw.length).toBeGreaterThan(10);
    expect(all).not.toContain(TEST_BOT_TOKEN);
    expect(all).not.toContain(TEST_SIGNING_SECRET);
    expect(all).not.toContain(app.current.database.url);
  });
});

describe("over Socket Mode", () => {
  const recorded = recordingLog();
  const app = useTestApp({ transport: "socket", log: recorded.log, now: NOW });

  it("names each request by Slack's envelope id, and serves /metrics beside /healthz", async () => {
    const { slack } = app.current;
    const help = await slack.driver.sendCommand({ text: "help" });
    expect(help.status).toBe(200);
    expect(help.envelopeId).toBeDefined();
    await eventually(() => recorded.lines().some((line) => line.message === "slack request" && line.requestId === help.envelopeId), 3_000, "the command's line");

    const text = await scrape(app.current);
    expect(value(text, 'servicedesk_slack_requests_total{kind="command",listener="/repair"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'servicedesk_slack_api_calls_total{method="apps.connections.open",result="ok"}')).toBeGreaterThanOrEqual(1);
    expect(recorded.raw.join("\n")).not.toContain(TEST_APP_TOKEN);
  });
});

describe("stopping", () => {
  it("over HTTP: the port closes at once, a request in flight finishes its post-ack work, and the stop returns within its bound", async () => {
    const app = await startTestApp({ now: NOW });
    try {
      const { slack } = app;
      slack.delayNext("views.publish", 1_500);
      const opened = await slack.driver.sendEvent({ type: "app_home_opened", user: "U0FAKEUSER", tab: "home" });
      expect(opened.status).toBe(200);
      await slack.waitFor({ method: "views.publish" });
      expect(slack.callsTo("views.publish")[0].status).toBeUndefined(); // still waiting for Slack

      const started = performance.now();
      const stopped = app.app.stop(5_000);
      await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
      await stopped;
      const tookMs = performance.now() - started;

      expect(slack.callsTo("views.publish")[0].status).toBe(200);
      expect(tookMs).toBeGreaterThan(1_000);
      expect(tookMs).toBeLessThan(5_000);
    } finally {
      await app.stop();
    }
  });

  it("over HTTP: the bound holds when the work in flight outlasts it", async () => {
    const app = await startTestApp({ now: NOW });
    try {
      app.slack.delayNext("views.publish", 4_000);
      await app.slack.driver.sendEvent({ type: "app_home_opened", user: "U0FAKEUSER", tab: "home" });
      await app.slack.waitFor({ method: "views.publish" });
      const started = performance.now();
      await app.app.stop(500);
      expect(performance.now() - started).toBeLessThan(2_500);
    } finally {
      await app.stop();
    }
  });

  it("over Socket Mode: envelopes arriving are left unacked, the work in flight finishes, then the connection closes", async () => {
    const app = await startTestApp({ transport: "socket", now: NOW });
    try {
      const { slack } = app;
      slack.delayNext("views.publish", 1_500);
      expect((await slack.driver.sendEvent({ type: "app_home_opened", user: "U0FAKEUSER", tab: "home" })).status).toBe(200);
      await slack.waitFor({ method: "views.publish" });

      const stopped = app.app.stop(5_000);
      // Slack keeps an unacked envelope and delivers it again later (to another replica, or to this bot restarted).
      const late = await slack.driver.sendCommand({ text: "help" }).catch((error: Error) => ({ status: 0, problems: [error.message] }));
      expect(late.status).toBe(0);
      await stopped;

      expect(slack.callsTo("views.publish")[0].status).toBe(200);
      expect(slack.socketConnections).toBe(0);
      expect(slack.ephemeralsFor("U0FAKEUSER")).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
