import { verifySlackRequest } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import { signSlackRequest, silentLogger, startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { startRecordingApp, type RecordingApp } from "./recording-app";

const CHANNEL = "C0FAKECHAN";
const USER = "U0FAKEUSER";
const START = Date.UTC(2024, 10, 23, 9, 0, 0);

let now = START;
let fake: SlackFake;
let app: RecordingApp;
let client: WebClient;

beforeAll(async () => {
  fake = await startSlackFake({ now: () => now });
  app = await startRecordingApp();
  fake.setAppUrl(app.url);
  client = new WebClient(fake.config.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
});
afterEach(() => {
  fake.reset();
  app.answer = () => ({});
  app.requests.length = 0;
  now = START;
});
afterAll(async () => {
  await fake.close();
  await app.close();
});

/** What Bolt's respond() does: a JSON POST to the response_url. */
function respond(responseUrl: string, message: Record<string, unknown>): Promise<Response> {
  return fetch(responseUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(message) });
}

const ticketBlocks = [
  { type: "section", block_id: "summary", text: { type: "mrkdwn", text: "*Boiler* leaking" } },
  {
    type: "actions",
    block_id: "ticket_actions",
    elements: [
      { type: "button", action_id: "ticket.take", text: { type: "plain_text", text: "Take it" }, value: "ticket-42" },
      {
        type: "static_select",
        action_id: "ticket.priority",
        options: [
          { text: { type: "plain_text", text: "Low" }, value: "low" },
          { text: { type: "plain_text", text: "High" }, value: "high" },
        ],
      },
    ],
  },
];

describe("signing", () => {
  it("signs requests the way Bolt's verifySlackRequest accepts", async () => {
    await fake.driver.sendCommand({ text: "boiler" });
    const { headers, body } = app.requests[0];

    expect(() =>
      verifySlackRequest({
        signingSecret: fake.config.signingSecret,
        body,
        headers: {
          "x-slack-signature": String(headers["x-slack-signature"]),
          "x-slack-request-timestamp": Number(headers["x-slack-request-timestamp"]),
        },
      }),
    ).not.toThrow();
  });

  it("computes Slack's v0 HMAC-SHA256 signature", () => {
    // Slack's documented example.
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    expect(signSlackRequest("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, body)).toBe(
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    );
  });
});

describe("slash commands", () => {
  it("sends Slack's form fields with a fresh trigger_id and a response_url the fake serves", async () => {
    const result = await fake.driver.sendCommand({ command: "/repair", text: "boiler leaking" });

    expect(app.requests[0].headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(app.requests[0].payload).toEqual({
      token: "fake-verification-token",
      team_id: "T0FAKE",
      team_domain: "fake-service-desk",
      channel_id: CHANNEL,
      channel_name: "service-desk",
      user_id: USER,
      user_name: "fake.user",
      command: "/repair",
      text: "boiler leaking",
      api_app_id: "A0FAKEAPP",
      is_enterprise_install: "false",
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
    });
    expect(result.responseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/commands\/T0FAKE\//);
    expect(result.triggerId).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    expect(result).toMatchObject({ status: 200, body: "", problems: [] });
  });

  it("shows an ack body to the user as Slack does: ephemeral unless in_channel", async () => {
    app.answer = () => ({ body: { text: "Working on it" } });
    await fake.driver.sendCommand();
    app.answer = () => ({ body: { response_type: "in_channel", text: "Repair #42 opened" } });
    await fake.driver.sendCommand();

    expect(fake.ephemeralsFor(USER).map((message) => message.text)).toEqual(["Working on it"]);
    expect(fake.messagesIn(CHANNEL).map((message) => message.text)).toEqual(["Repair #42 opened"]);
  });

  it("reports a late or failed ack as a problem", async () => {
    app.answer = () => ({ status: 500 });
    const result = await fake.driver.sendCommand();

    expect(result.problems).toEqual(["the app answered HTTP 500: Slack shows the user an error (or retries an event)"]);
  });
});

describe("response_url", () => {
  it("records what the app posted and shows it ephemerally by default", async () => {
    const { responseUrl } = await fake.driver.sendCommand();
    const answer = await respond(responseUrl!, { text: "Repair created" });

    expect(answer.status).toBe(200);
    expect(fake.responsesTo(responseUrl!)).toEqual([expect.objectContaining({ body: { text: "Repair created" }, status: 200 })]);
    expect(fake.ephemeralsFor(USER)).toEqual([expect.objectContaining({ text: "Repair created", channel: CHANNEL })]);
  });

  it("works 5 times, then answers used_url", async () => {
    const { responseUrl } = await fake.driver.sendCommand();
    for (let use = 1; use <= 5; use += 1) expect((await respond(responseUrl!, { text: `update ${use}` })).status).toBe(200);

    const sixth = await respond(responseUrl!, { text: "one too many" });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: "used_url" });
  });

  it("expires after 30 minutes", async () => {
    const { responseUrl } = await fake.driver.sendCommand();
    now += 30 * 60_000 + 1;

    const late = await respond(responseUrl!, { text: "too late" });
    expect(late.status).toBe(404);
    expect(fake.responsesTo(responseUrl!)).toEqual([expect.objectContaining({ status: 404, error: "expired_url" })]);
  });

  it("replaces and deletes the message an action came from", async () => {
    const { ts } = await client.chat.postMessage({ channel: CHANNEL, text: "Ticket #42", blocks: ticketBlocks });
    const first = await fake.driver.sendBlockActions({ message: { channel: CHANNEL, ts: ts! }, actions: [{ action_id: "ticket.take" }] });

    await respond(first.responseUrl!, { replace_original: true, text: "Taken by Camille" });
    expect(fake.messagesIn(CHANNEL)).toEqual([expect.objectContaining({ ts, text: "Taken by Camille" })]);
    expect(fake.messagesIn(CHANNEL)[0].blocks).toBeUndefined();

    // The replaced message has no button left to click.
    await expect(fake.driver.sendBlockActions({ message: fake.messagesIn(CHANNEL)[0], actions: [{ action_id: "ticket.take" }] })).rejects.toThrow("no element");
    await respond(first.responseUrl!, { delete_original: true });
    expect(fake.messagesIn(CHANNEL)).toEqual([]);
  });

  it("refuses invalid blocks posted to it with HTTP 400", async () => {
    const { responseUrl } = await fake.driver.sendCommand();
    const answer = await respond(responseUrl!, { text: "t", blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }] });

    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: "invalid_blocks", errors: ["must be less than 151 characters [json-pointer:/blocks/0/text/text]"] });
  });
});

describe("block actions", () => {
  it("fills the action from the element the app rendered, with the message and its response_url", async () => {
    const { ts } = await client.chat.postMessage({ channel: CHANNEL, text: "Ticket #42", blocks: ticketBlocks });
    const result = await fake.driver.sendBlockActions({ message: fake.messagesIn(CHANNEL)[0], actions: [{ action_id: "ticket.take" }] });

    expect(app.requests[0].payload).toMatchObject({
      type: "block_actions",
      user: { id: USER, username: "fake.user" },
      container: { type: "message", message_ts: ts, channel_id: CHANNEL, is_ephemeral: false },
      channel: { id: CHANNEL, name: "service-desk" },
      message: { ts, text: "Ticket #42", user: "U0FAKEBOT", bot_id: "B0FAKEBOT" },
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
      actions: [{ type: "button", action_id: "ticket.take", block_id: "ticket_actions", value: "ticket-42", text: { type: "plain_text", text: "Take it" } }],
    });
  });

  it("picks select options by value, and refuses options or elements the message lacks", async () => {
    await client.chat.postMessage({ channel: CHANNEL, text: "Ticket #42", blocks: ticketBlocks });
    const message = fake.messagesIn(CHANNEL)[0];
    await fake.driver.sendBlockActions({ message, actions: [{ action_id: "ticket.priority", value: "high" }] });

    expect(app.requests[0].payload.actions).toEqual([
      expect.objectContaining({ type: "static_select", selected_option: { text: { type: "plain_text", text: "High" }, value: "high" } }),
    ]);
    await expect(fake.driver.sendBlockActions({ message, actions: [{ action_id: "ticket.priority", value: "urgent" }] })).rejects.toThrow("not an option");
    await expect(fake.driver.sendBlockActions({ message, actions: [{ action_id: "ticket.delete" }] })).rejects.toThrow('no element with action_id "ticket.delete"');
  });
});

describe("events", () => {
  it("wraps events in Slack's envelope and stores a user's thread reply in history", async () => {
    const { ts: parent } = await client.chat.postMessage({ channel: CHANNEL, text: "Ticket #42" });
    const result = await fake.driver.sendEvent({ type: "message", channel: CHANNEL, thread_ts: parent, text: "On my way" });

    expect(app.requests[0].headers["content-type"]).toBe("application/json");
    expect(result.payload).toMatchObject({
      type: "event_callback",
      team_id: "T0FAKE",
      api_app_id: "A0FAKEAPP",
      event_id: result.eventId,
      authorizations: [{ team_id: "T0FAKE", user_id: "U0FAKEBOT", is_bot: true }],
      event: { type: "message", user: USER, channel: CHANNEL, channel_type: "channel", thread_ts: parent, text: "On my way" },
    });
    const replies = await client.conversations.replies({ channel: CHANNEL, ts: parent! });
    expect(replies.messages?.map((message) => message.text)).toEqual(["Ticket #42", "On my way"]);
  });

  it("redelivers the same event with Slack's retry headers", async () => {
    const first = await fake.driver.sendEvent({ type: "app_home_opened" });
    const retry = await fake.driver.redeliverEvent(first, { retryNum: 1, retryReason: "http_timeout" });

    expect(retry.eventId).toBe(first.eventId);
    expect(app.requests[1].body).toBe(app.requests[0].body);
    expect(app.requests[1].headers).toMatchObject({ "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    expect(app.requests[0].payload.event).toMatchObject({ type: "app_home_opened", user: USER, tab: "home" });
  });
});

describe("block suggestions", () => {
  it("reports options over Slack's limits", async () => {
    app.answer = () => ({ body: { options: [{ text: { type: "plain_text", text: "x".repeat(80) }, value: "x" }] } });
    const result = await fake.driver.sendBlockSuggestion({ actionId: "customer", value: "dup" });

    expect(app.requests[0].payload).toMatchObject({ type: "block_suggestion", action_id: "customer", value: "dup" });
    expect(result.problems).toEqual(["Slack refuses the options: must be less than 76 characters [json-pointer:/options/0/text/text]"]);
  });
});

describe("raw requests", () => {
  it("sends exactly what the test gives, for signature tests", async () => {
    const body = JSON.stringify({ type: "event_callback" });
    await fake.driver.sendRawRequest(body, { "content-type": "application/json", ...fake.driver.signedHeaders(body, { timestamp: 1 }) });

    expect(app.requests[0].headers["x-slack-request-timestamp"]).toBe("1");
  });
});

describe("echo of the bot's own messages", () => {
  it("delivers them as message events carrying the bot's user and bot_id", async () => {
    const echoing = await startSlackFake({ echoBotMessages: true, appUrl: app.url });
    const bot = new WebClient(echoing.config.botToken, { slackApiUrl: echoing.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
    try {
      const { ts } = await bot.chat.postMessage({ channel: CHANNEL, text: "Ticket #42" });
      await echoing.driver.settle();

      expect(app.requests.map((request) => request.payload.event)).toEqual([
        expect.objectContaining({ type: "message", ts, user: "U0FAKEBOT", bot_id: "B0FAKEBOT", text: "Ticket #42" }),
      ]);
    } finally {
      await echoing.close();
    }
  });
});
