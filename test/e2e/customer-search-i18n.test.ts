// Korean and Chinese customers through the real HTTP endpoint against the Slack fake (issue 14):
// the intake modal's type-ahead answers initial consonants and pinyin, and `/repair customer`
// opens the one customer they find.
import { DISPATCH, deskSteps, useDeskApp } from "../support/desk";
import { createCustomer } from "../support/factories/data";
import { ACTIONS, BLOCKS, VIEWS } from "../../src/views/ids";

const app = useDeskApp();
const { seedDesk, openIntake } = deskSteps(app);

async function seedNames() {
  const { branch } = await seedDesk();
  for (const name of ["서울상사", "서울", "수원전자", "北京科技有限公司", "上海贸易"]) {
    await createCustomer(app.current.database.prisma, { branchId: branch.id, name });
  }
}

async function typeAhead(value: string): Promise<string> {
  const { slack } = app.current;
  const modal = slack.openModal("U0DISP")!;
  const suggestion = await slack.driver.sendBlockSuggestion({ userId: "U0DISP", view: modal, actionId: ACTIONS.intakeCustomerSelect, blockId: BLOCKS.intakeCustomer, value });
  expect(suggestion.problems).toEqual([]);
  return JSON.stringify(suggestion.body);
}

describe("Korean and Chinese customer search (end to end)", () => {
  it("the intake type-ahead finds 서울상사 by ㅅㅇㅅ and 서ㅇ, and 北京科技有限公司 by BJKJ and beijing", async () => {
    await seedNames();
    await openIntake();
    const initials = await typeAhead("ㅅㅇㅅ");
    expect(initials).toContain("서울상사");
    expect(initials).not.toContain("수원전자");
    const mixed = await typeAhead("서ㅇ");
    expect(mixed).toContain("서울상사");
    expect(mixed).not.toContain("수원전자");
    expect(await typeAhead("BJKJ")).toContain("北京科技有限公司");
    const pinyin = await typeAhead("beijing");
    expect(pinyin).toContain("北京科技有限公司");
    expect(pinyin).not.toContain("上海贸易");
  });

  it("R23: `/repair customer ㅅㅇㅅ` and `/repair customer bjkj` open the one customer's file", async () => {
    await seedNames();
    const { slack } = app.current;
    for (const [query, name] of [
      ["ㅅㅇㅅ", "서울상사"],
      ["bjkj", "北京科技有限公司"],
    ]) {
      const result = await slack.driver.sendCommand({ text: `customer ${query}`, userId: "U0DISP", channelId: DISPATCH });
      expect(result.problems).toEqual([]);
      const file = await slack.waitFor((fake) => {
        const top = fake.modalStack("U0DISP").at(-1);
        return top?.callback_id === VIEWS.customerFile && JSON.stringify(top.blocks).includes(name) ? top : undefined;
      });
      expect(JSON.stringify(file.blocks)).toContain(name);
      slack.driver.closeModal({ userId: "U0DISP" });
    }
  });
});
