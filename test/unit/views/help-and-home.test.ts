import { parseRepairCommand } from "../../../src/handlers/commands/repair";
import { buildHelpMessage } from "../../../src/views/help";
import { buildHomeView } from "../../../src/views/home";
import { validateBlocks, validateView } from "../../../src/sandbox/slack/block-kit-validator";
import { ACTIONS, BLOCKS, INPUTS, SHORTCUTS, VIEWS } from "../../../src/views/ids";

const allText = (blocks: unknown[]) => JSON.stringify(blocks);

describe("/repair help", () => {
  it("explains the command, with a text fallback for notifications", () => {
    const help = buildHelpMessage();
    expect(help.text).toBe("How to use /repair");
    expect(help.blocks[0]).toMatchObject({ type: "header", text: { type: "plain_text" } });
    expect(allText(help.blocks)).toContain("`/repair help`");
    expect(validateBlocks(help.blocks, "message")).toEqual([]);
  });

  it("describes new, a voucher number, list with its filters, the shortcut and help", () => {
    const text = allText(buildHelpMessage().blocks);
    for (const piece of ["`/repair new`", "`/repair SV-2026-000123`", "`/repair list`", "`unassigned`", "`overdue`", "`mine`", "`incomplete`", "Create repair call"]) {
      expect(text).toContain(piece);
    }
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
    ["", { name: "new" }],
    ["new", { name: "new" }],
    ["help", { name: "help" }],
    ["list", { name: "list", filter: "open" }],
    ["list overdue", { name: "list", filter: "overdue" }],
    ["list everything", { name: "help", unknownText: "list everything" }],
    ["sv-2026-000123", { name: "show", voucherNo: "SV-2026-000123" }],
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

  it("gives a technician an Away button while available, and an I'm back button while away", () => {
    const available = buildHomeView({ displayName: "Kim", registered: true, roles: ["TECHNICIAN"], isTechnician: true, available: true });
    expect(validateView(available)).toEqual([]);
    expect(allText(available.blocks)).toContain("You are *available*");
    expect(allText(available.blocks)).toContain(ACTIONS.homeSetAway);
    const away = buildHomeView({ displayName: "Kim", registered: true, roles: ["TECHNICIAN"], available: false });
    expect(allText(away.blocks)).toContain("You are *away*");
    expect(allText(away.blocks)).toContain(ACTIONS.homeSetAvailable);
    expect(allText(away.blocks)).toContain(ACTIONS.homeRefresh);
  });

  it("shows no availability toggle to people who are not technicians", () => {
    const view = buildHomeView({ displayName: "Lee", registered: true, roles: ["DISPATCHER"] });
    expect(allText(view.blocks)).not.toContain(ACTIONS.homeSetAway);
    expect(allText(view.blocks)).not.toContain(BLOCKS.homeAvailability);
  });
});

describe("ids", () => {
  it("are unique across actions, views, shortcuts, blocks and inputs, each within Slack's 255 characters", () => {
    const all = [ACTIONS, VIEWS, SHORTCUTS, BLOCKS, INPUTS].flatMap((group) => Object.values(group) as string[]);
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((id) => id.length > 0 && id.length <= 255)).toBe(true);
    expect(SHORTCUTS.createRepairCall).toBe("create_repair_call");
  });
});
