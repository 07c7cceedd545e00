import { ACTIONS, BLOCKS } from "../../src/views/ids";
import { messagesFor } from "../../src/views/messages";
import { useTestApp } from "../support/app-harness";
import { eventually } from "../support/eventually";

const app = useTestApp({
  fake: { users: { U0MINJI: { name: "minji", locale: "ko-KR" }, U0WANG: { name: "wang.fang", locale: "zh-TW" }, U0STRANGER: { name: "stranger" } } },
});

interface SelectBlock {
  block_id?: string;
  accessory?: { action_id?: string; options?: { text: { text: string }; value: string }[]; initial_option?: { value: string } };
}

function languageSelect(home: unknown) {
  const blocks = (home as { blocks?: SelectBlock[] } | undefined)?.blocks ?? [];
  return blocks.find((block) => block.block_id === BLOCKS.homeLanguage)?.accessory;
}

async function register(slackUserId: string, name: string) {
  const prisma = app.current.database.prisma;
  const branch = await prisma.branch.create({ data: { code: "SEL", name: "Seoul service centre", timeZone: "Asia/Seoul", locale: "ko" } });
  return prisma.staff.create({ data: { slackUserId, name, branchId: branch.id, roles: ["DISPATCHER"] } });
}

describe("App Home: choosing the bot's language (issue 14, end to end)", () => {
  it("offers each language named in itself and Slack's language, which is the choice until the person makes one; the home speaks Slack's language", async () => {
    await register("U0MINJI", "김민지");
    const { slack } = app.current;

    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0MINJI", tab: "home" });
    const select = languageSelect(await slack.waitFor((fake) => fake.homeView("U0MINJI")));

    expect(select).toMatchObject({ action_id: ACTIONS.homeSetLanguage, initial_option: { value: "slack" } });
    expect(select?.options?.map((option) => [option.value, option.text.text])).toEqual([
      ["en", "English"],
      ["ko", "한국어"],
      ["zh-CN", "中文(简体)"],
      // Minji chose nothing and her Slack is in Korean: the home is drawn in Korean.
      ["slack", messagesFor("ko").home.languageSlack],
    ]);
    // The person chose nothing: the bot asked Slack for their language (form-encoded, as the WebClient sends it).
    expect(slack.callsTo("users.info").map((call) => call.args)).toEqual([expect.objectContaining({ user: "U0MINJI", include_locale: "true" })]);
  });

  it("saves a choice with its audit row and publishes the home again showing it; Slack's language clears it", async () => {
    const staff = await register("U0WANG", "王芳");
    const { slack, database } = app.current;
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0WANG", tab: "home" });
    const home = await slack.waitFor((fake) => fake.homeView("U0WANG"));

    await slack.driver.sendBlockActions({ userId: "U0WANG", view: home, actions: [{ action_id: ACTIONS.homeSetLanguage, block_id: BLOCKS.homeLanguage, value: "zh-CN" }] });
    await slack.waitFor({ method: "views.publish", count: 2 });

    expect(languageSelect(slack.homeView("U0WANG"))?.initial_option?.value).toBe("zh-CN");
    // Published again in the language just chosen, not in the one the click came in.
    expect(JSON.stringify(slack.homeView("U0WANG"))).toContain(messagesFor("zh-CN").home.languageLine);
    expect(await database.prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({ locale: "zh-CN" });
    expect(await database.prisma.auditLog.findMany({ where: { action: "staff.set-locale" } })).toEqual([
      expect.objectContaining({ actor: "U0WANG", actorStaffId: staff.id, entity: "Staff", data: { locale: "zh-CN", previous: null } }),
    ]);

    await slack.driver.sendBlockActions({ userId: "U0WANG", view: slack.homeView("U0WANG")!, actions: [{ action_id: ACTIONS.homeSetLanguage, block_id: BLOCKS.homeLanguage, value: "slack" }] });
    await eventually(async () => (await database.prisma.staff.findUniqueOrThrow({ where: { id: staff.id } })).locale === null, 3000, "the choice being cleared");
    await slack.waitFor({ method: "views.publish", count: 3 });
    expect(languageSelect(slack.homeView("U0WANG"))?.initial_option?.value).toBe("slack");
    // Wang's Slack is in Traditional Chinese, which the bot does not speak: the Seoul branch's Korean.
    expect(JSON.stringify(slack.homeView("U0WANG"))).toContain(messagesFor("ko").home.languageLine);
  });

  it("shows no language choice to someone who is not registered, and a forged choice from them changes nothing", async () => {
    const { slack, database } = app.current;
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0STRANGER", tab: "home" });
    const home = await slack.waitFor((fake) => fake.homeView("U0STRANGER"));
    expect(languageSelect(home)).toBeUndefined();

    await slack.driver.sendBlockActions({
      userId: "U0STRANGER",
      actions: [{ action_id: ACTIONS.homeSetLanguage, block_id: BLOCKS.homeLanguage, type: "static_select", selected_option: { text: { type: "plain_text", text: "한국어" }, value: "ko" } }],
    });
    const [dm] = await slack.waitFor({ method: "chat.postMessage" });
    expect(dm.args.channel).toBe("U0STRANGER");
    expect(String(dm.args.text)).not.toMatch(/failed/i);
    expect(await database.prisma.auditLog.count({ where: { action: "staff.set-locale" } })).toBe(0);
  });
});
