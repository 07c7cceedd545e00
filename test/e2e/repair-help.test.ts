import { useTestApp } from "../support/app-harness";

const app = useTestApp();

describe("/repair help (end to end)", () => {
  it("answers with an ephemeral usage message in the ack", async () => {
    const result = await app.current.slack.driver.sendCommand({ command: "/repair", text: "help", userId: "U0FAKEUSER" });
    expect(result.status).toBe(200);
    expect(result.problems).toEqual([]);
    expect(result.body).toMatchObject({ response_type: "ephemeral", text: "How to use /repair" });
    expect(JSON.stringify(result.body)).toContain("`/repair help`");
    expect(JSON.stringify(result.body)).toContain("*Customer called at*"); // R6: the deadline counts from the customer's call
    expect(result.durationMs).toBeLessThan(3000);
  });

  it("answers words it does not know with help, not silence", async () => {
    const result = await app.current.slack.driver.sendCommand({ text: "please fix my fridge" });
    expect(result.body).toMatchObject({ response_type: "ephemeral" });
    expect(JSON.stringify(result.body)).toContain("I don't know `/repair please fix my fridge`");
  });

  it("refuses a request with a bad signature (401) and runs nothing", async () => {
    const body = "command=%2Frepair&text=help&user_id=U0FAKEUSER";
    const headers = app.current.slack.driver.signedHeaders(body, { signingSecret: "not-the-secret" });
    const result = await app.current.slack.driver.sendRawRequest(body, { ...headers, "content-type": "application/x-www-form-urlencoded" });
    expect(result.status).toBe(401);
  });

  it("refuses a replayed request older than five minutes (401)", async () => {
    const body = "command=%2Frepair&text=help&user_id=U0FAKEUSER";
    const headers = app.current.slack.driver.signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    const result = await app.current.slack.driver.sendRawRequest(body, { ...headers, "content-type": "application/x-www-form-urlencoded" });
    expect(result.status).toBe(401);
  });
});

describe("GET /healthz", () => {
  it("answers with the database's state", async () => {
    const response = await fetch(`${app.current.url}/healthz`);
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toMatchObject({ status: "ok", database: { ok: true, latencyMs: expect.any(Number) } });
  });
});
