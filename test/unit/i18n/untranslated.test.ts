// The pseudo-locale checker the e2e and view tests use: it must find English a view wrote by hand,
// and nothing else (Slack tokens, code, emoji, links, the test's own data).
import { pseudoText } from "../../../src/i18n/pseudo";
import { Workspace } from "../../../src/sandbox/slack/workspace";
import { describeUntranslated, englishWords, findUntranslated, findUntranslatedShown, humanTexts } from "../../support/untranslated";

const VOUCHER = /SV-\d{4}-\d{6}/;

describe("humanTexts", () => {
  it("collects every person-readable string of a message: the fallback, sections, fields, buttons, confirms, options, context", () => {
    const message = {
      text: "fallback",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "header" } },
        { type: "section", block_id: "b1", text: { type: "mrkdwn", text: "section" }, fields: [{ type: "mrkdwn", text: "field" }], accessory: { type: "overflow", action_id: "a", options: [{ text: { type: "plain_text", text: "overflow option" }, value: "v1" }] } },
        {
          type: "actions",
          elements: [
            { type: "button", action_id: "x", value: "123", text: { type: "plain_text", text: "button" }, confirm: { title: { type: "plain_text", text: "confirm title" }, text: { type: "mrkdwn", text: "confirm text" }, confirm: { type: "plain_text", text: "yes" }, deny: { type: "plain_text", text: "no" } } },
            { type: "static_select", action_id: "s", placeholder: { type: "plain_text", text: "placeholder" }, option_groups: [{ label: { type: "plain_text", text: "group" }, options: [{ text: { type: "plain_text", text: "option" }, description: { type: "plain_text", text: "description" }, value: "v2" }] }] },
          ],
        },
        { type: "context", elements: [{ type: "mrkdwn", text: "context" }, { type: "image", image_url: "https://example.com/x.png", alt_text: "alt" }] },
      ],
      metadata: { event_type: "ticket", event_payload: { text: "stored, not shown" } },
    };
    expect(humanTexts(message).map((found) => found.text)).toEqual([
      "fallback",
      "header",
      "section",
      "field",
      "overflow option",
      "button",
      "confirm title",
      "confirm text",
      "yes",
      "no",
      "placeholder",
      "group",
      "option",
      "description",
      "context",
      "alt",
    ]);
    expect(humanTexts(message)[1].path).toBe("/blocks/0/text/text");
  });

  it("collects a modal's title, submit, close, labels and hints, but not its state, metadata or typed values", () => {
    const view = {
      type: "modal",
      title: { type: "plain_text", text: "title" },
      submit: { type: "plain_text", text: "submit" },
      close: { type: "plain_text", text: "close" },
      private_metadata: '{"text":"metadata"}',
      blocks: [{ type: "input", block_id: "i", label: { type: "plain_text", text: "label" }, hint: { type: "plain_text", text: "hint" }, element: { type: "plain_text_input", action_id: "t", initial_value: "typed by a person" } }],
      state: { values: { i: { t: { type: "plain_text_input", value: "typed" } } } },
    };
    expect(humanTexts(view).map((found) => found.text)).toEqual(["title", "submit", "close", "label", "hint"]);
  });

  it("ignores the placeholder title Slack reports on a Home tab, and takes bare strings (thread replies) as they are", () => {
    expect(humanTexts({ type: "home", title: { type: "plain_text", text: "View Title" }, blocks: [] })).toEqual([]);
    expect(humanTexts(["reply one", ""])).toEqual([{ path: "/0", text: "reply one" }]);
  });
});

describe("englishWords", () => {
  it("finds runs of three or more ASCII letters", () => {
    expect(englishWords("Open the ticket")).toEqual(["Open", "the", "ticket"]);
    expect(englishWords("R6 · 1 h 30 min")).toEqual(["min"]);
  });

  it("passes pseudo-localised text, however it quotes Slack's syntax", () => {
    const text = pseudoText(":rotating_light: *Overdue* since <!date^1772434800^{date_short_pretty} {time}|2026-03-02 16:00 Asia/Seoul> by <@U0TECH1>: see <https://slack.com/archives/C1/p1|the message>, `/repair help`, https://example.com/page and &lt;tag&gt;.");
    expect(englishWords(text)).toEqual([]);
  });

  it("checks a link's label, not its address", () => {
    expect(englishWords("<https://slack.com/archives/C1/p1|Open the message> <https://example.com/path>")).toEqual(["Open", "the", "message"]);
  });

  it("takes the test's own data from the allow-list, exactly or by a pattern", () => {
    const text = pseudoText("Call for Hanil Foods 3 about SV-2026-000123", ["Hanil Foods 3", "SV-2026-000123"]);
    expect(englishWords(text)).toEqual(["Hanil", "Foods"]);
    expect(englishWords(text, { allow: ["Hanil Foods 3", VOUCHER] })).toEqual([]);
  });
});

describe("findUntranslated", () => {
  it("reports a text hard-coded next to catalogue text, with where it is and which words", () => {
    const message = {
      text: pseudoText("New repair call"),
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: `${pseudoText("Customer")}: Hanil Foods 3` } },
        { type: "section", text: { type: "mrkdwn", text: `Deadline: ${pseudoText("tomorrow")}` } },
      ],
    };
    const findings = findUntranslated(message, { allow: ["Hanil Foods 3"] });
    expect(findings).toEqual([{ path: "/blocks/1/text/text", text: expect.stringContaining("Deadline"), words: ["Deadline"] }]);
    expect(describeUntranslated(findings)).toContain("/blocks/1/text/text: Deadline in");
  });

  it("reports English passed into a catalogue function as if it were data", () => {
    const english = (reason: string) => pseudoText(`Cancelled: ${reason}`, [reason]);
    expect(findUntranslated({ text: english("no reason given") }).map((f) => f.words)).toEqual([["reason", "given"]]);
  });
});

describe("findUntranslatedShown", () => {
  it("checks everything the Slack fake recorded from the bot — messages, thread replies, ephemerals, modals, Home tabs — and not what people wrote", () => {
    const workspace = new Workspace({
      signingSecret: "s",
      botToken: "xoxb-t",
      appToken: "xapp-t",
      botUserId: "U0BOT",
      botId: "B0BOT",
      appId: "A0APP",
      teamId: "T0",
      teamDomain: "desk",
      verificationToken: "v",
      users: new Map([["U0KIM", { name: "kim" }]]),
      channels: new Map([["C0DESK", { name: "desk" }]]),
      now: () => Date.now(),
    });
    const parent = workspace.postBotMessage("C0DESK", { text: pseudoText("A new repair call") });
    workspace.postBotMessage("C0DESK", { text: "Thread reply left in English" }, { threadTs: parent.ts });
    workspace.addMessage({ type: "message", channel: "C0DESK", ts: workspace.nextTs(), user: "U0KIM", team: "T0", text: "people write English" });
    workspace.postEphemeral("C0DESK", "U0KIM", { text: "Only you see this" });
    workspace.openModal({ type: "modal", title: { type: "plain_text", text: "Hard title" }, blocks: [] }, workspace.issueTrigger("U0KIM"));
    workspace.publishHome({ type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text: pseudoText("Hello") } }] }, "U0KIM", undefined);

    const findings = findUntranslatedShown(workspace);
    expect(findings.map((f) => [f.where.split(" ")[0], f.words])).toEqual([
      ["message", ["Thread", "reply", "left", "English"]],
      ["ephemeral", ["Only", "you", "see", "this"]],
      ["modal", ["Hard", "title"]],
    ]);
  });
});
