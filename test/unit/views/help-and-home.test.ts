import { parseRepairCommand } from "../../../src/handlers/commands/repair";
import { buildHelpMessage } from "../../../src/views/help";
import { buildHomeView } from "../../../src/views/home";
import { ACTIONS } from "../../../src/views/ids";

const allText = (blocks: unknown[]) => JSON.stringify(blocks);

describe("/repair help", () => {
  it("explains the command, with a text fallback for notifications", () => {
    const help = buildHelpMessage();
    expect(help.text).toBe("How to use /repair");
    expect(help.blocks[0]).toMatchObject({ type: "header", text: { type: "plain_text" } });
    expect(allText(help.blocks)).toContain("`/repair help`");
  });

  it("says which words it did not understand before the usage", () => {
    const help = buildHelpMessage({ unknownText: "frobnicate now" });
    expect(help.blocks[0]).toMatchObject({ type: "section", text: { text: expect.stringContaining("`/repair frobnicate now`") } });
  });

  it("keeps an over-long unknown argument inside Slack's section text limit", () => {
    const help = buildHelpMessage({ unknownText: "x".repeat(5000) });
    const section = help.blocks[0] as { text: { text: string } };
    expect(section.text.text.length).toBeLessThan(3000);
  });

  it.each([
    ["", { name: "help" }],
    ["help", { name: "help" }],
    ["  HELP  ", { name: "help" }],
    ["what is this", { name: "help", unknownText: "what is this" }],
  ])("parses %j", (text, expected) => {
    expect(parseRepairCommand(text)).toEqual(expected);
  });
});

describe("App Home", () => {
  it("names a registered person's roles and branch", () => {
    const view = buildHomeView({ displayName: "Kim Minji", registered: true, roles: ["DISPATCHER", "DIRECTOR"], branchName: "Seoul service centre" });
    expect(view.type).toBe("home");
    expect(allText(view.blocks)).toContain("Hello Kim Minji. Your roles at *Seoul service centre*: Dispatcher, Service director.");
    expect(allText(view.blocks)).toContain(ACTIONS.homeRefresh);
  });

  it("tells an unregistered person how to get access", () => {
    const view = buildHomeView({ displayName: "<@U999>", registered: false, roles: [] });
    expect(allText(view.blocks)).toContain("You are not registered with the service desk yet");
  });

  it("shows an admin named by ADMIN_SLACK_IDS as admin even before any import", () => {
    const view = buildHomeView({ displayName: "<@U1>", registered: false, roles: ["ADMIN"] });
    expect(allText(view.blocks)).toContain("Your roles: Admin.");
  });
});
