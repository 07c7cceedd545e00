import { ACTIONS, BLOCKS } from "../../../src/views/ids";
import { buildHomeView } from "../../../src/views/home";
import { validateView } from "../../../src/sandbox/slack/block-kit-validator";

const registered = { displayName: "王芳", registered: true, roles: ["TECHNICIAN" as const], branchName: "Seoul" };

function languageBlock(view: ReturnType<typeof buildHomeView>) {
  return view.blocks.find((block) => block.block_id === BLOCKS.homeLanguage) as
    | { accessory: { action_id: string; initial_option: { value: string }; options: { value: string; text: { text: string } }[] } }
    | undefined;
}

describe("the App Home language choice (issue 14)", () => {
  it("shows the person's choice selected, each language named in itself, within Block Kit's limits", () => {
    const view = buildHomeView({ ...registered, language: "zh-CN" });

    const block = languageBlock(view);
    expect(block?.accessory).toMatchObject({ action_id: ACTIONS.homeSetLanguage, initial_option: { value: "zh-CN" } });
    expect(block?.accessory.options.map((option) => option.text.text)).toEqual(["English", "한국어", "中文(简体)", "Slack's language"]);
    expect(validateView(view)).toEqual([]);
  });

  it("selects Slack's language when the person chose none", () => {
    expect(languageBlock(buildHomeView({ ...registered, language: null }))?.accessory.initial_option.value).toBe("slack");
  });

  it("is not offered to someone unregistered, nor when the caller gives no language", () => {
    expect(languageBlock(buildHomeView({ displayName: "<@U9>", registered: false, roles: [], language: null }))).toBeUndefined();
    expect(languageBlock(buildHomeView(registered))).toBeUndefined();
  });
});
