import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import { silentLogger, startSlackFake, type SlackFake, type Transport } from "../../../src/sandbox/slack";

const CHANNEL = "C0FAKECHAN";
const USER = "U0FAKEUSER";

let fake: SlackFake;
let app: App;
/** Messages the app's message listener saw, with Bolt's retry number. */
const seen: { text?: string; retryNum?: number }[] = [];

/** A minimal app on Bolt's default receiver for the transport, talking to the fake as it would to Slack. */
function buildApp(transport: Transport): App {
  const clientOptions = { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true };
  const bolt = new App({
    token: fake.config.botToken,
    // Socket Mode: the SocketModeClient takes its WebClient options from installerOptions, not clientOptions.
    ...(transport === "socket"
      ? { socketMode: true, appToken: fake.config.appToken, installerOptions: { clientOptions } }
      : { signingSecret: fake.config.signingSecret }),
    logger: silentLogger(),
    clientOptions,
  });

  bolt.command("/repair", async ({ ack, command, respond, client }) => {
    await ack();
    await respond({ text: `Noted: ${command.text}` });
    await client.chat.postMessage({
      channel: command.channel_id,
      text: `New repair: ${command.text}`,
      blocks: [{ type: "section", block_id: "summary", text: { type: "mrkdwn", text: `*New repair:* ${command.text}` } }],
    });
  });

  bolt.command("/repair-form", async ({ ack, body, client }) => {
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: {
        type: "modal",
        callback_id: "repair.create",
        title: { type: "plain_text", text: "New repair" },
        submit: { type: "plain_text", text: "Create" },
        blocks: [
          {
            type: "input",
            block_id: "description",
            label: { type: "plain_text", text: "What is broken?" },
            element: { type: "plain_text_input", action_id: "value" },
          },
        ],
      },
    });
  });

  bolt.view("repair.create", async ({ ack, view }) => {
    const description = view.state.values.description.value.value ?? "";
    if (description.length < 5) {
      await ack({ response_action: "errors", errors: { description: "Describe the problem in a few words" } });
      return;
    }
    await ack();
  });

  bolt.message(async ({ message, context, client }) => {
    const text = "text" in message ? message.text : undefined;
    seen.push({ text, retryNum: context.retryNum });
    if ("thread_ts" in message && message.thread_ts && message.thread_ts !== message.ts) {
      await client.reactions.add({ channel: message.channel, timestamp: message.ts, name: "eyes" });
    }
  });

  return bolt;
}

// The same tests over both transports: the driver hides which one carries Slack's deliveries.
describe.each<Transport>(["http", "socket"])("a Bolt app against the fake (%s)", (transport) => {
  beforeAll(async () => {
    fake = await startSlackFake({ echoBotMessages: true, transport });
    app = buildApp(transport);
    if (transport === "socket") {
      await app.start();
    } else {
      const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
      fake.setAppUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
  });
  afterEach(async () => {
    await fake.driver.settle();
    fake.reset();
    seen.length = 0;
  });
  afterAll(async () => {
    await fake.driver.settle();
    await app.stop();
    await fake.close();
  });

  it("acks /repair, answers through respond() and posts in the channel", async () => {
    const result = await fake.driver.sendCommand({ command: "/repair", text: "boiler leaking" });

    expect(result).toMatchObject({ status: 200, problems: [] });
    const [posted] = await fake.waitFor({ method: "chat.postMessage" });
    expect(posted.args).toMatchObject({ channel: CHANNEL, text: "New repair: boiler leaking" });
    expect(fake.responsesTo(result.responseUrl!)).toEqual([expect.objectContaining({ body: { text: "Noted: boiler leaking" }, status: 200 })]);
    expect(fake.ephemeralsFor(USER).map((message) => message.text)).toEqual(["Noted: boiler leaking"]);
    expect(fake.messagesIn(CHANNEL).map((message) => message.text)).toEqual(["New repair: boiler leaking"]);
  });

  it("does not hear its own messages: the echo carries the bot's user and bot_id, so ignoreSelf drops it", async () => {
    await fake.driver.sendCommand({ command: "/repair", text: "boiler leaking" });
    await fake.waitFor({ method: "chat.postMessage" });
    await fake.driver.settle();

    expect(seen).toEqual([]);
  });

  it("reacts to a thread reply, and sees Slack's retry number on a redelivery", async () => {
    await fake.driver.sendCommand({ command: "/repair", text: "boiler" });
    const parent = await fake.waitFor((f) => f.messagesIn(CHANNEL)[0]);
    const reply = await fake.driver.sendEvent({ type: "message", channel: CHANNEL, thread_ts: parent.ts, text: "On my way" });
    await fake.waitFor({ method: "reactions.add" });
    await fake.driver.redeliverEvent(reply, { retryNum: 1 });
    await fake.waitFor(() => seen.length === 2);

    expect(seen).toEqual([
      // Slack's first delivery has no X-Slack-Retry-Num header, but `retry_attempt: 0` in its envelope.
      { text: "On my way", retryNum: transport === "socket" ? 0 : undefined },
      { text: "On my way", retryNum: 1 },
    ]);
    expect(fake.messagesIn(CHANNEL, parent.ts).at(-1)?.reactions).toEqual([{ name: "eyes", users: ["U0FAKEBOT"], count: 1 }]);
  });

  it("opens a modal with the command's trigger_id and answers field errors on submission", async () => {
    await fake.driver.sendCommand({ command: "/repair-form" });
    const modal = await fake.waitFor((f) => f.openModal(USER));

    const refused = await fake.driver.sendViewSubmission({ view: modal, values: { description: { value: "hot" } } });
    expect(refused.body).toEqual({ response_action: "errors", errors: { description: "Describe the problem in a few words" } });
    expect(refused.problems).toEqual([]);
    expect(fake.openModal(USER)?.id).toBe(modal.id);

    const accepted = await fake.driver.sendViewSubmission({ values: { description: { value: "the boiler leaks" } } });
    expect(accepted).toMatchObject({ status: 200, body: "" });
    expect(fake.openModal(USER)).toBeUndefined();
  });

  // Socket Mode has no signatures: the app-level token authenticates the connection.
  if (transport === "http") it("is refused with 401 when the signature is wrong or the timestamp is stale", async () => {
    const body = "command=%2Frepair&text=x";
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const forged = await fake.driver.sendRawRequest(body, { ...form, ...fake.driver.signedHeaders(body, { signingSecret: "not-the-secret" }) });
    const stale = await fake.driver.sendRawRequest(body, { ...form, ...fake.driver.signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 301 }) });

    expect(forged.status).toBe(401);
    expect(stale.status).toBe(401);
  });
});
