// The sandbox keeps the Slack stand-in's workspace in a JSON file (issue 15): what is saved comes
// back after a restart, the counters go on without handing out a ts twice, and a file the sandbox
// cannot take up is set aside rather than crashing it.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { WebClient } from "@slack/web-api";
import { silentLogger, startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { keepSlackState, loadSlackState, SLACK_STATE_VERSION, writeSlackState } from "../../../src/sandbox/slack-state-file";

const CHANNEL = "C0DISPATCH";
const DISPATCHER = "U0DISP";
const TECHNICIAN = "U0TECH";
const options = {
  users: { [DISPATCHER]: { name: "seo-yeon" }, [TECHNICIAN]: { name: "camille" } },
  channels: { [CHANNEL]: { name: "seoul-dispatch" } },
  // A fixed clock: a restarted stand-in must not reuse a ts even when the time has not moved.
  now: () => Date.parse("2026-11-28T02:00:00Z"),
};

let dir: string;
let file: string;
const fakes: SlackFake[] = [];

async function fake(): Promise<{ slack: SlackFake; client: WebClient }> {
  const slack = await startSlackFake(options);
  fakes.push(slack);
  return { slack, client: new WebClient(slack.config.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() }) };
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "sandbox-slack-state-"));
  file = path.join(dir, "slack-workspace.json");
});

afterEach(async () => {
  for (const slack of fakes.splice(0)) await slack.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => Promise<unknown>, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await sleep(20);
    }
  }
}

const home = { type: "home" as const, blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "*Your calls*" } }] };

describe("the stand-in's saved workspace", () => {
  it("comes back whole: messages, threads, reactions, ephemerals per user, Home tabs; the bot updates its old messages", async () => {
    const before = await fake();
    const parent = await before.client.chat.postMessage({ channel: CHANNEL, text: "Ticket #42 — boiler leaking" });
    const reply = await before.client.chat.postMessage({ channel: CHANNEL, text: "Assigned to Camille", thread_ts: parent.ts });
    const answer = before.slack.addUserMessage({ channel: CHANNEL, user: TECHNICIAN, text: "arrived", threadTs: parent.ts });
    await before.client.reactions.add({ channel: CHANNEL, timestamp: parent.ts!, name: "white_check_mark" });
    await before.client.chat.postEphemeral({ channel: CHANNEL, user: TECHNICIAN, text: "Only you: your hours are saved" });
    const dm = await before.client.chat.postMessage({ channel: DISPATCHER, text: "Your summary" });
    const published = await before.client.views.publish({ user_id: DISPATCHER, view: home });
    const modal = await before.client.views.open({ trigger_id: before.slack.issueTrigger(TECHNICIAN), view: { type: "modal", title: { type: "plain_text", text: "Report work" }, blocks: [] } });
    await writeSlackState(file, before.slack.snapshot());

    const after = await fake();
    expect(await loadSlackState(file, after.slack)).toEqual({ kind: "loaded", messages: 4 });
    expect(after.slack.messagesIn(CHANNEL)).toEqual(before.slack.messagesIn(CHANNEL));
    expect(after.slack.messagesIn(CHANNEL, parent.ts).map((message) => message.ts)).toEqual([parent.ts, reply.ts, answer]);
    expect(after.slack.messagesIn(CHANNEL)[0]).toMatchObject({ reply_count: 2, reactions: [{ name: "white_check_mark", count: 1 }] });
    expect(after.slack.messagesIn(dm.channel!)).toEqual([expect.objectContaining({ ts: dm.ts, text: "Your summary" })]);
    expect(after.slack.ephemeralsFor(TECHNICIAN)).toEqual([expect.objectContaining({ channel: CHANNEL, text: "Only you: your hours are saved" })]);
    expect(after.slack.ephemeralsFor(DISPATCHER)).toEqual([]);
    expect(after.slack.homeView(DISPATCHER)).toEqual(published.view);
    // A restart closes open modals, as Slack does for a restarted app.
    expect(after.slack.modalStack(TECHNICIAN)).toEqual([]);

    const updated = await after.client.chat.update({ channel: CHANNEL, ts: parent.ts!, text: "Ticket #42 — closed" });
    expect(updated.ok).toBe(true);
    expect(after.slack.messagesIn(CHANNEL)[0]).toMatchObject({ ts: parent.ts, text: "Ticket #42 — closed" });
    // Same clock second: the counters carry on, so no ts or view id is handed out again.
    const next = await after.client.chat.postMessage({ channel: CHANNEL, text: "Ticket #43" });
    const allTs = [parent.ts, reply.ts, answer, dm.ts, updated.message?.edited?.ts ?? "edit", ...before.slack.ephemeralsFor(TECHNICIAN).map((e) => e.ts)];
    expect(allTs).not.toContain(next.ts);
    expect(Number(next.ts)).toBeGreaterThan(Math.max(...allTs.map(Number)));
    const reopened = await after.client.views.open({ trigger_id: after.slack.issueTrigger(TECHNICIAN), view: { type: "modal", title: { type: "plain_text", text: "Report work" }, blocks: [] } });
    expect([published.view?.id, modal.view?.id]).not.toContain(reopened.view?.id);
  });

  it("is written a debounce after the first change, taking in every change since, by a rename, and once more at stop", async () => {
    const { slack, client } = await fake();
    const keeper = keepSlackState(file, slack, { debounceMs: 300 });
    await client.chat.postMessage({ channel: CHANNEL, text: "first" });
    await client.chat.postMessage({ channel: CHANNEL, text: "second" });
    // Not yet: the first change started the timer; the write then takes both.
    await expect(fs.access(file)).rejects.toThrow();
    await eventually(() => fs.access(file));
    const saved = JSON.parse(await fs.readFile(file, "utf8")) as { version: number; messages: Record<string, { text: string }[]> };
    expect(saved.version).toBe(SLACK_STATE_VERSION);
    expect(saved.messages[CHANNEL].map((message) => message.text)).toEqual(["first", "second"]);

    await client.chat.postMessage({ channel: CHANNEL, text: "third" });
    await keeper.stop();
    const final = JSON.parse(await fs.readFile(file, "utf8")) as { messages: Record<string, { text: string }[]> };
    expect(final.messages[CHANNEL].map((message) => message.text)).toEqual(["first", "second", "third"]);
    // Only the file itself remains: the temporary one was renamed over it.
    expect(await fs.readdir(dir)).toEqual(["slack-workspace.json"]);
    // Stopped: later changes are not written.
    await client.chat.postMessage({ channel: CHANNEL, text: "fourth" });
    await sleep(100);
    expect((JSON.parse(await fs.readFile(file, "utf8")) as { messages: Record<string, unknown[]> }).messages[CHANNEL]).toHaveLength(3);
  });

  it("is absent on a first start", async () => {
    const { slack } = await fake();
    expect(await loadSlackState(file, slack)).toEqual({ kind: "absent" });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it.each([
    ["not JSON", "{ truncated", /not valid JSON/],
    ["of an unknown version", JSON.stringify({ version: 99, messages: {} }), /version 99 is not 1/],
    ["without a version", JSON.stringify({ messages: {} }), /version null is not 1/],
    ["of the right version but the wrong shape", JSON.stringify({ version: 1, savedAt: "x", counters: { id: 1, ts: 1, lastTsSecond: 1 }, messages: { C1: [{ ts: 5 }] }, ephemerals: [], homes: {} }), /not a workspace \(messages\.C1\.0/],
  ])("is set aside as *.bad when %s, and the workspace starts empty", async (_what, content, reason) => {
    await fs.writeFile(file, content);
    const { slack, client } = await fake();
    const result = await loadSlackState(file, slack);
    expect(result).toEqual({ kind: "set-aside", setAsideAs: `${file}.bad`, reason: expect.stringMatching(reason) });
    expect(await fs.readFile(`${file}.bad`, "utf8")).toBe(content);
    expect(await fs.readdir(dir)).toEqual(["slack-workspace.json.bad"]);
    expect(slack.messagesIn(CHANNEL)).toEqual([]);
    expect((await client.chat.postMessage({ channel: CHANNEL, text: "still works" })).ok).toBe(true);
  });
});
