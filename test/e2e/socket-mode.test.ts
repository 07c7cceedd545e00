// The real app in Socket Mode: it connects to the fake with its app-level token, and the same
// deliveries as over HTTP arrive as envelopes on its WebSocket.
import { startTestApp, useTestApp } from "../support/app-harness";

const app = useTestApp({ transport: "socket", fake: { users: { U0FAKEUSER: { name: "fake.user" }, U0DISP: { name: "park.jisoo" } } } });

async function registerDispatcher() {
  const prisma = app.current.database.prisma;
  const branch = await prisma.branch.create({ data: { code: "SEL", name: "Seoul service centre", timeZone: "Asia/Seoul" } });
  await prisma.staff.create({ data: { slackUserId: "U0DISP", name: "Park Jisoo", branchId: branch.id, roles: ["DISPATCHER", "DIRECTOR"] } });
}

describe("the app in Socket Mode (end to end)", () => {
  it("holds one connection to Slack once started", () => {
    expect(app.current.slack.socketConnections).toBe(1);
  });

  it("answers /repair help with the ephemeral usage in the ack", async () => {
    const { slack } = app.current;
    const result = await slack.driver.sendCommand({ command: "/repair", text: "help", userId: "U0FAKEUSER" });
    expect(result.problems).toEqual([]);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ response_type: "ephemeral", text: "How to use /repair" });
    expect(JSON.stringify(result.body)).toContain("`/repair help`");
    expect(slack.ephemeralsFor("U0FAKEUSER").map((message) => message.text)).toEqual(["How to use /repair"]);
  });

  it("publishes the home view when the tab is opened", async () => {
    await registerDispatcher();
    const { slack } = app.current;
    const delivery = await slack.driver.sendEvent({ type: "app_home_opened", user: "U0DISP", tab: "home" });
    expect(delivery.status).toBe(200);
    expect(delivery.problems).toEqual([]);
    await slack.waitFor({ method: "views.publish" });
    expect(JSON.stringify(slack.homeView("U0DISP"))).toContain("Your roles at *Seoul service centre*: Dispatcher, Service director.");
  });

  it("handles an event once when Slack redelivers it with retry_attempt 1", async () => {
    await registerDispatcher();
    const { slack } = app.current;
    const first = await slack.driver.sendEvent({ type: "app_home_opened", user: "U0DISP", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    const retry = await slack.driver.redeliverEvent(first, { retryNum: 1, retryReason: "timeout" });
    expect(retry.status).toBe(200);
    expect(retry.eventId).toBe(first.eventId);
    // Give a wrongly repeated listener the time to show itself before counting.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.callsTo("views.publish")).toHaveLength(1);
  });

  it("refreshes the home view from its button", async () => {
    await registerDispatcher();
    const { slack } = app.current;
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0DISP", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    const click = await slack.driver.sendBlockActions({ userId: "U0DISP", view: slack.homeView("U0DISP")!, actions: [{ action_id: "home_refresh" }] });
    expect(click.status).toBe(200);
    await slack.waitFor({ method: "views.publish", count: 2 });
  });

  it("serves GET /healthz on the configured port", async () => {
    expect(app.current.port).toBeGreaterThan(0);
    const response = await fetch(`${app.current.url}/healthz`);
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toMatchObject({ status: "ok", database: { ok: true } });
  });
});

describe("stopping the app in Socket Mode", () => {
  it("closes its connection and its health server before the fake goes away", async () => {
    const other = await startTestApp({ transport: "socket" });
    expect(other.slack.socketConnections).toBe(1);
    // Cancelled with an error if the fake closes while the app is still connected.
    const closedByApp = other.slack.waitFor((fake) => fake.socketConnections === 0, 5_000);
    await other.stop();
    await expect(closedByApp).resolves.toBe(true);
    await expect(fetch(`${other.url}/healthz`)).rejects.toThrow();
  });
});
