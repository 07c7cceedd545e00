import { randomBytes } from "node:crypto";
import diagnosticsChannel from "node:diagnostics_channel";
import { request } from "node:http";
import { SocketModeReceiver } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import { silentLogger, startSlackFake, type SlackFake } from "../../../src/sandbox/slack";

const USER = "U0FAKEUSER";
/** Short, so that ping checks and reconnect delays (one ping timeout per attempt) take a moment. */
const PING_TIMEOUT_MS = 500;

type Json = Record<string, unknown>;
type SocketClient = SocketModeReceiver["client"];

/** What the SocketModeClient emits as `slack_event` for each envelope. */
interface Delivered {
  ack: (response?: Json) => Promise<void>;
  envelope_id: string;
  type: string;
  body: Json;
  retry_num?: number;
  retry_reason?: string;
  accepts_response_payload: boolean;
}

let fake: SlackFake;
const clients: SocketClient[] = [];

beforeEach(async () => {
  fake = await startSlackFake({ transport: "socket" });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.disconnect()));
  await fake.close();
});

/**
 * Bolt's own SocketModeClient, as its SocketModeReceiver builds it (@slack/socket-mode is not a
 * direct dependency), pointed at the fake. Not started.
 */
function socketClient(): SocketClient {
  const { client } = new SocketModeReceiver({
    appToken: fake.config.appToken,
    logger: silentLogger(),
    clientPingTimeout: PING_TIMEOUT_MS,
    installerOptions: { clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } } },
  });
  clients.push(client);
  return client;
}

/** Every message Slack sends on the client's connections, parsed. */
function recordMessages(client: SocketClient): Json[] {
  const messages: Json[] = [];
  client.on("ws_message", (data: string) => messages.push(JSON.parse(data) as Json));
  return messages;
}

/** Acks each envelope with what `answer` returns (a bare ack for undefined). */
function answerWith(client: SocketClient, answer: (delivered: Delivered) => Json | undefined = () => undefined): Delivered[] {
  const delivered: Delivered[] = [];
  client.on("slack_event", async (envelope: Delivered) => {
    delivered.push(envelope);
    await envelope.ack(answer(envelope));
  });
  return delivered;
}

function webClient(token: string): WebClient {
  return new WebClient(token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
}

/** The status a raw WebSocket upgrade request gets: 101 when the fake accepts it. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Key": randomBytes(16).toString("base64"), "Sec-WebSocket-Version": "13" };
    const upgrade = request(url.replace(/^ws/, "http"), { headers, agent: false });
    upgrade.on("upgrade", (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    upgrade.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    upgrade.on("error", reject);
    upgrade.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("apps.connections.open", () => {
  it("gives the app-level token a WebSocket URL on the fake, good for one connection", async () => {
    const { url } = await webClient(fake.config.appToken).apps.connections.open();

    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[\w-]+&app_id=A0FAKEAPP$/);
    expect(await upgradeStatus(url!)).toBe(101);
    expect(await upgradeStatus(url!)).toBe(401);
  });

  it("refuses the bot token (not_allowed_token_type) and an unknown token (invalid_auth), as Slack does", async () => {
    await expect(webClient(fake.config.botToken).apps.connections.open()).rejects.toMatchObject({ data: { ok: false, error: "not_allowed_token_type" } });
    await expect(webClient("xapp-1-unknown").apps.connections.open()).rejects.toMatchObject({ data: { ok: false, error: "invalid_auth" } });
  });

  it("is the only method the app-level token may call", async () => {
    await expect(webClient(fake.config.appToken).chat.postMessage({ channel: "C0FAKECHAN", text: "hi" })).rejects.toMatchObject({
      data: { error: "not_allowed_token_type" },
    });
  });
});

describe("a SocketModeClient connected to the fake", () => {
  it("is greeted with Slack's hello", async () => {
    const client = socketClient();
    const messages = recordMessages(client);
    await client.start();

    expect(messages).toEqual([
      { type: "hello", num_connections: 1, debug_info: expect.objectContaining({ host: expect.any(String) }), connection_info: { app_id: "A0FAKEAPP" } },
    ]);
    expect(fake.socketConnections).toBe(1);
  });

  it("receives a slash command as a slash_commands envelope, and the ack's payload is the answer Slack shows", async () => {
    const client = socketClient();
    const messages = recordMessages(client);
    answerWith(client, ({ body }) => ({ response_type: "ephemeral", text: `Noted: ${String(body.text)}` }));
    await client.start();

    const result = await fake.driver.sendCommand({ text: "boiler leaking" });

    expect(result).toMatchObject({ status: 200, problems: [], body: { response_type: "ephemeral", text: "Noted: boiler leaking" } });
    expect(messages[1]).toEqual({ envelope_id: expect.any(String), type: "slash_commands", payload: result.payload, accepts_response_payload: true });
    expect(fake.ephemeralsFor(USER).map((message) => message.text)).toEqual(["Noted: boiler leaking"]);
  });

  it("receives events as events_api envelopes, a redelivery with Slack's retry_attempt and retry_reason", async () => {
    const client = socketClient();
    const delivered = answerWith(client);
    await client.start();

    const first = await fake.driver.sendEvent({ type: "app_home_opened", user: USER });
    const retry = await fake.driver.redeliverEvent(first);

    expect(first).toMatchObject({ status: 200, body: "", problems: [] });
    expect(retry.status).toBe(200);
    expect(delivered.map(({ type, retry_num, retry_reason, accepts_response_payload, body }) => ({ type, retry_num, retry_reason, accepts_response_payload, eventId: body.event_id }))).toEqual([
      { type: "events_api", retry_num: 0, retry_reason: "", accepts_response_payload: false, eventId: first.eventId },
      { type: "events_api", retry_num: 1, retry_reason: "timeout", accepts_response_payload: false, eventId: first.eventId },
    ]);
  });

  it("receives interactions as interactive envelopes; a bare ack reads like an empty HTTP 200", async () => {
    const client = socketClient();
    const delivered = answerWith(client);
    await client.start();

    const result = await fake.driver.sendShortcut({ callbackId: "repair.new" });

    expect(result).toMatchObject({ status: 200, body: "", problems: [] });
    expect(delivered[0]).toMatchObject({ type: "interactive", body: { type: "shortcut", callback_id: "repair.new" } });
  });

  it("reports an envelope the app never acks as a problem after Slack's 3 seconds", async () => {
    const client = socketClient();
    client.on("slash_commands", () => undefined);
    await client.start();

    const result = await fake.driver.sendCommand({ text: "help" });

    expect(result.status).toBe(0);
    expect(result.problems).toEqual([expect.stringContaining("did not ack the slash_commands envelope within 3000 ms")]);
    expect(result.durationMs).toBeGreaterThanOrEqual(2_990);
  });

  it("reports a connection that closes before the ack", async () => {
    const client = socketClient();
    client.on("slash_commands", () => void client.disconnect());
    await client.start();

    const result = await fake.driver.sendCommand({ text: "help" });

    expect(result.status).toBe(0);
    expect(result.problems).toEqual(["the connection closed before the app acked the slash_commands envelope"]);
  });

  it("refuses to deliver when no app is connected", async () => {
    await expect(fake.driver.sendCommand()).rejects.toThrow("no Socket Mode connection");
  });

  it("stays connected: the fake answers the client's pings", async () => {
    const client = socketClient();
    let reconnects = 0;
    let pongs = 0;
    const countPong = () => (pongs += 1);
    client.on("reconnecting", () => (reconnects += 1));
    diagnosticsChannel.subscribe("undici:websocket:pong", countPong);
    await client.start();

    // The client pings every third of its timeout and drops a connection whose pongs stop.
    await sleep(3 * PING_TIMEOUT_MS);
    diagnosticsChannel.unsubscribe("undici:websocket:pong", countPong);

    expect(pongs).toBeGreaterThanOrEqual(5);
    expect(reconnects).toBe(0);
    expect(fake.socketConnections).toBe(1);
    expect(fake.callsTo("apps.connections.open")).toHaveLength(1);
  });

  it("reconnects with a new URL when Slack sends disconnect, and deliveries go on", async () => {
    const client = socketClient();
    answerWith(client, () => ({ text: "still here" }));
    await client.start();

    const reconnected = new Promise((resolve) => client.once("connected", resolve));
    fake.requestReconnect("refresh_requested");
    await reconnected;

    expect(fake.callsTo("apps.connections.open")).toHaveLength(2);
    expect(fake.socketConnections).toBe(1);
    expect((await fake.driver.sendCommand()).body).toEqual({ text: "still here" });
  });
});

describe("stopping", () => {
  it("disconnect() closes the connection for good: no reconnect follows", async () => {
    const client = socketClient();
    let reconnects = 0;
    client.on("reconnecting", () => (reconnects += 1));
    await client.start();

    await client.disconnect();
    await fake.waitFor((f) => f.socketConnections === 0);
    await sleep(2 * PING_TIMEOUT_MS);

    expect(reconnects).toBe(0);
    expect(fake.callsTo("apps.connections.open")).toHaveLength(1);
  });

  it("when Slack closes first, the client's disconnect() cancels the reconnect it had scheduled", async () => {
    const client = socketClient();
    let reconnects = 0;
    client.on("reconnecting", () => (reconnects += 1));
    await client.start();
    const lost = new Promise((resolve) => client.once("close", resolve));

    await fake.close();
    await lost;
    await client.disconnect();
    await sleep(2 * PING_TIMEOUT_MS);

    expect(reconnects).toBe(0);
  });
});
