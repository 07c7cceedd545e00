import { ErrorCode, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from "@slack/web-api";
import { silentLogger, startSlackFake, type SlackFake } from "../../../src/sandbox/slack";

const CHANNEL = "C0FAKECHAN";
const TECHNICIAN = "U0TECH";

let fake: SlackFake;
let client: WebClient;

beforeAll(async () => {
  fake = await startSlackFake({ users: { [TECHNICIAN]: { name: "camille", realName: "Camille Martin", tz: "Europe/Paris" } } });
  client = new WebClient(fake.config.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silentLogger() });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

/** The Slack error code a WebClient call was refused with. */
async function slackError(call: Promise<unknown>): Promise<WebAPIPlatformError["data"]> {
  const error = (await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )) as WebAPIPlatformError | undefined;
  if (error?.code !== ErrorCode.PlatformError) throw new Error(`expected a Slack platform error, got ${String(error)}`);
  return error.data;
}

const blocks = [{ type: "section", block_id: "summary", text: { type: "mrkdwn", text: "*Boiler* leaking" } }];

describe("chat", () => {
  it("posts a message as the bot and records it in the channel", async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: "Boiler leaking", blocks });

    expect(posted).toMatchObject({ ok: true, channel: CHANNEL, message: { text: "Boiler leaking", user: "U0FAKEBOT", bot_id: "B0FAKEBOT", blocks } });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(fake.messagesIn(CHANNEL)).toEqual([expect.objectContaining({ ts: posted.ts, text: "Boiler leaking" })]);
    expect(fake.lastCall("chat.postMessage")?.args).toMatchObject({ channel: CHANNEL, text: "Boiler leaking", blocks });
  });

  it("gives increasing timestamps and threads replies under their parent", async () => {
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: "Ticket #42" });
    const reply = await client.chat.postMessage({ channel: CHANNEL, text: "Assigned", thread_ts: parent.ts });

    expect(Number(reply.ts)).toBeGreaterThan(Number(parent.ts));
    expect(reply.message?.thread_ts).toBe(parent.ts);
    const thread = await client.conversations.replies({ channel: CHANNEL, ts: parent.ts! });
    expect(thread.messages?.map((message) => message.text)).toEqual(["Ticket #42", "Assigned"]);
    expect(thread.messages?.[0]).toMatchObject({ reply_count: 1, latest_reply: reply.ts });
    const history = await client.conversations.history({ channel: CHANNEL });
    expect(history.messages?.map((message) => message.text)).toEqual(["Ticket #42"]);
  });

  it("posts to a user id in the app's DM with them", async () => {
    const opened = await client.conversations.open({ users: TECHNICIAN });
    const posted = await client.chat.postMessage({ channel: TECHNICIAN, text: "You have a new repair" });

    expect(opened.channel?.id).toMatch(/^D/);
    expect(posted.channel).toBe(opened.channel?.id);
    expect((await client.conversations.open({ users: TECHNICIAN })).channel?.id).toBe(opened.channel?.id);
  });

  it("updates, links to and deletes the bot's messages", async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: "Open", blocks });
    const updated = await client.chat.update({ channel: CHANNEL, ts: posted.ts!, text: "Closed" });

    expect(updated.message).toMatchObject({ text: "Closed", blocks, edited: { user: "U0FAKEBOT" } });
    const link = await client.chat.getPermalink({ channel: CHANNEL, message_ts: posted.ts! });
    expect(link.permalink).toBe(`https://fake-service-desk.slack.com/archives/${CHANNEL}/p${posted.ts!.replace(".", "")}`);
    await client.chat.delete({ channel: CHANNEL, ts: posted.ts! });
    expect(fake.messagesIn(CHANNEL)).toEqual([]);
  });

  it("refuses to update a message that does not exist, or with text over 4000 characters", async () => {
    expect(await slackError(client.chat.update({ channel: CHANNEL, ts: "1.000001", text: "x" }))).toMatchObject({ error: "message_not_found" });
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: "Open" });
    expect(await slackError(client.chat.update({ channel: CHANNEL, ts: posted.ts!, text: "x".repeat(4001) }))).toMatchObject({ error: "msg_too_long" });
  });

  it("truncates chat.postMessage text past 40,000 characters", async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: "x".repeat(40_010) });
    expect(posted.message?.text).toHaveLength(40_000);
  });

  it("refuses blocks without a text fallback (project policy, Slack only warns)", async () => {
    const noText = { channel: CHANNEL, blocks } as unknown as Parameters<WebClient["chat"]["postMessage"]>[0];
    expect(await slackError(client.chat.postMessage(noText))).toMatchObject({ error: "missing_text_fallback" });
    expect(await slackError(client.chat.postEphemeral({ ...noText, user: TECHNICIAN } as never))).toMatchObject({ error: "missing_text_fallback" });
  });

  it("refuses invalid blocks with Slack's error and the paths at fault", async () => {
    const tooLong = [{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }];
    expect(await slackError(client.chat.postMessage({ channel: CHANNEL, text: "t", blocks: tooLong }))).toMatchObject({
      error: "invalid_blocks",
      errors: ["must be less than 3001 characters [json-pointer:/blocks/0/text/text]"],
    });
  });

  it("refuses messages whose blocks carry more than ~13,000 characters", async () => {
    const heavy = Array.from({ length: 5 }, () => ({ type: "section", text: { type: "mrkdwn", text: "x".repeat(2900) } }));
    expect(await slackError(client.chat.postMessage({ channel: CHANNEL, text: "t", blocks: heavy }))).toMatchObject({ error: "msg_blocks_too_long" });
  });

  it("refuses unknown channels", async () => {
    expect(await slackError(client.chat.postMessage({ channel: "C0NOWHERE", text: "t" }))).toMatchObject({ error: "channel_not_found" });
  });

  it("shows ephemeral messages to one user only, never in history", async () => {
    const posted = await client.chat.postEphemeral({ channel: CHANNEL, user: TECHNICIAN, text: "Only you can see this" });

    expect(posted.message_ts).toBeDefined();
    expect(fake.ephemeralsFor(TECHNICIAN)).toEqual([expect.objectContaining({ text: "Only you can see this", channel: CHANNEL })]);
    expect(fake.messagesIn(CHANNEL)).toEqual([]);
  });
});

describe("reactions, users and conversations", () => {
  it("adds a reaction once, then answers already_reacted", async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: "Reply" });
    await client.reactions.add({ channel: CHANNEL, timestamp: posted.ts!, name: "white_check_mark" });

    expect(fake.messagesIn(CHANNEL)[0].reactions).toEqual([{ name: "white_check_mark", users: ["U0FAKEBOT"], count: 1 }]);
    expect(await slackError(client.reactions.add({ channel: CHANNEL, timestamp: posted.ts!, name: "white_check_mark" }))).toMatchObject({
      error: "already_reacted",
    });
    expect(await slackError(client.reactions.add({ channel: CHANNEL, timestamp: posted.ts!, name: ":tada:" }))).toMatchObject({ error: "invalid_name" });
  });

  it("describes configured users and refuses unknown ones", async () => {
    const { user } = await client.users.info({ user: TECHNICIAN });

    expect(user).toMatchObject({ id: TECHNICIAN, name: "camille", real_name: "Camille Martin", tz: "Europe/Paris", is_bot: false });
    expect([3600, 7200]).toContain(user?.tz_offset);
    expect(await slackError(client.users.info({ user: "U0NOBODY" }))).toMatchObject({ error: "user_not_found" });
  });

  it("tells a user's language only with include_locale, as Slack does", async () => {
    fake.addUser("U0KOREAN", { name: "minji", locale: "ko-KR" });

    expect((await client.users.info({ user: "U0KOREAN", include_locale: true })).user).toMatchObject({ id: "U0KOREAN", locale: "ko-KR" });
    expect((await client.users.info({ user: TECHNICIAN, include_locale: true })).user?.locale).toBe("en-US");
    expect((await client.users.info({ user: "U0KOREAN" })).user).not.toHaveProperty("locale");
  });

  it("describes channels and DMs", async () => {
    expect((await client.conversations.info({ channel: CHANNEL })).channel).toMatchObject({ id: CHANNEL, name: "service-desk", is_channel: true });
    const dm = (await client.conversations.open({ users: TECHNICIAN })).channel!.id!;
    expect((await client.conversations.info({ channel: dm })).channel).toMatchObject({ id: dm, is_im: true, user: TECHNICIAN });
  });

  it("pages conversations.history with Slack cursors", async () => {
    for (const text of ["one", "two", "three"]) await client.chat.postMessage({ channel: CHANNEL, text });
    const first = await client.conversations.history({ channel: CHANNEL, limit: 2 });
    const second = await client.conversations.history({ channel: CHANNEL, limit: 2, cursor: first.response_metadata?.next_cursor });

    expect(first.messages?.map((message) => message.text)).toEqual(["three", "two"]);
    expect(first.has_more).toBe(true);
    expect(second.messages?.map((message) => message.text)).toEqual(["one"]);
    expect(second.has_more).toBe(false);
  });
});

describe("authentication and failures", () => {
  it("answers auth.test with the bot's identity", async () => {
    expect(await client.auth.test()).toMatchObject({ ok: true, team_id: "T0FAKE", user_id: "U0FAKEBOT", bot_id: "B0FAKEBOT" });
  });

  it("refuses a wrong token and a missing one", async () => {
    const stranger = new WebClient("xoxb-wrong", { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
    expect(await slackError(stranger.auth.test())).toMatchObject({ error: "invalid_auth" });
    const anonymous = new WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
    expect(await slackError(anonymous.auth.test())).toMatchObject({ error: "not_authed" });
  });

  it("accepts JSON bodies with the token in the Authorization header", async () => {
    const response = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.config.botToken}`, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ channel: CHANNEL, text: "from JSON", blocks }),
    });
    expect(await response.json()).toMatchObject({ ok: true, message: { text: "from JSON", blocks } });
  });

  it("answers unknown_method for methods it does not know", async () => {
    expect(await slackError(client.apiCall("tickets.explode"))).toMatchObject({ error: "unknown_method" });
  });

  it("fails the next call once with failNext", async () => {
    fake.failNext("chat.postMessage", "channel_not_found");

    expect(await slackError(client.chat.postMessage({ channel: CHANNEL, text: "lost" }))).toMatchObject({ error: "channel_not_found" });
    expect(await client.chat.postMessage({ channel: CHANNEL, text: "kept" })).toMatchObject({ ok: true });
    expect(fake.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("rate-limits the next call with rateLimitNext: HTTP 429 and Retry-After", async () => {
    fake.rateLimitNext("chat.postMessage", 30);

    const error = (await client.chat.postMessage({ channel: CHANNEL, text: "too fast" }).catch((thrown: unknown) => thrown)) as WebAPIRateLimitedError;
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(30);
    expect(fake.lastCall("chat.postMessage")).toMatchObject({ status: 429, response: { ok: false, error: "ratelimited" } });
    expect(await client.chat.postMessage({ channel: CHANNEL, text: "later" })).toMatchObject({ ok: true });
  });
});

describe("waitFor", () => {
  it("resolves once the expected calls arrive", async () => {
    const waiting = fake.waitFor({ method: "chat.postMessage", count: 2 });
    setTimeout(() => void client.chat.postMessage({ channel: CHANNEL, text: "one" }).then(() => client.chat.postMessage({ channel: CHANNEL, text: "two" })), 10);

    const calls = await waiting;
    expect(calls.map((call) => call.args.text)).toEqual(["one", "two"]);
  });

  it("resolves with what a probe finds", async () => {
    setTimeout(() => void client.chat.postMessage({ channel: CHANNEL, text: "found me" }), 10);
    const message = await fake.waitFor((f) => f.messagesIn(CHANNEL).find((m) => m.text === "found me"));
    expect(message.user).toBe("U0FAKEBOT");
  });

  it("times out with the calls seen so far", async () => {
    await client.auth.test();
    await expect(fake.waitFor({ method: "views.open" }, 50)).rejects.toThrow("waitFor(1 × views.open) timed out after 50 ms; Web API calls so far: auth.test");
  });
});
