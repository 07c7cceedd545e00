// Someone who may not act on a ticket — a person who is not staff, another branch's dispatcher and
// director — presses every button of its message: each is refused privately, no modal opens, and
// nothing of the ticket (its customer, the branch's technicians) is shown to them.
import { ACTIONS } from "../../src/views/ids";
import { DISPATCH, deskSteps, useDeskApp } from "../support/desk";
import { createBranchWithCalendar, createDispatcher, createStaff } from "../support/factories/data";
import { untilDelivered } from "../support/outbox";

const app = useDeskApp({ U0BERLINDISP: { name: "anna.schmidt" }, U0BERLINDIR: { name: "jonas.weber" } });
const { registerCall } = deskSteps(app);

function buttonsOf(message: { blocks?: unknown[] }): { action_id: string; value?: string }[] {
  return (message.blocks ?? []).flatMap((block) => ((block as { type: string; elements?: unknown[] }).type === "actions" ? ((block as { elements: { action_id: string; value?: string }[] }).elements ?? []) : []));
}

describe("people who may not act on a ticket", () => {
  it("are refused every button of the ticket message privately, see no modal and nothing of the customer", async () => {
    const { ticket } = await registerCall();
    const berlin = await createBranchWithCalendar(app.current.database.prisma, { code: "BERLIN", name: "Berlin", timeZone: "Europe/Berlin" });
    await createDispatcher(app.current.database.prisma, { slackUserId: "U0BERLINDISP", name: "Anna Schmidt", branchId: berlin.id });
    await createStaff(app.current.database.prisma, { slackUserId: "U0BERLINDIR", name: "Jonas Weber", branchId: berlin.id, roles: ["DIRECTOR"] });
    const { slack } = app.current;
    const message = slack.messagesIn(DISPATCH).find((m) => m.text.includes(ticket.voucherNo))!;
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => b.action_id)).toEqual(expect.arrayContaining([ACTIONS.ticketAssign, ACTIONS.ticketSchedule, ACTIONS.ticketEdit, ACTIONS.ticketCancel]));
    // The outbox records where the message went just after Slack took it: compare against the settled row.
    await untilDelivered(app.current.database.prisma);
    const before = await app.current.database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });

    for (const userId of ["U0STRANGER", "U0BERLINDISP", "U0BERLINDIR"]) {
      for (const button of buttons) {
        const seen = slack.ephemeralsFor(userId).length;
        const click = await slack.driver.sendBlockActions({ userId, message, actions: [{ action_id: button.action_id, value: button.value }] });
        expect(click.status).toBe(200);
        const refusal = await slack.waitFor((fake) => fake.ephemeralsFor(userId)[seen]);
        expect([button.action_id, refusal.text]).toEqual([button.action_id, expect.stringMatching(/^Only /)]);
      }
      expect(slack.openModal(userId)).toBeUndefined();
    }
    await slack.driver.settle();
    const shown = JSON.stringify(["U0STRANGER", "U0BERLINDISP", "U0BERLINDIR"].flatMap((userId) => slack.ephemeralsFor(userId)));
    expect(shown).not.toContain("Hanbit Foods");
    expect(shown).not.toContain("Kim Minsu");
    expect(await app.current.database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toEqual(before);
  });
});

describe("refusals where Slack gives no response_url", () => {
  it("a refused button on App Home is answered in the person's DM", async () => {
    await registerCall();
    const { slack } = app.current;
    // App Home's Borrow parts button, pressed by someone who is not a technician: no response_url.
    const payload = {
      type: "block_actions",
      user: { id: "U0DISP" },
      team: { id: "T0FAKE" },
      container: { type: "view", view_id: "V0HOME" },
      view: { id: "V0HOME", type: "home", callback_id: "" },
      trigger_id: "1.2.3",
      actions: [{ type: "button", action_id: ACTIONS.partsBorrowOpen, block_id: "home_parts", value: "home" }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const click = await slack.driver.sendRawRequest(body, { ...slack.driver.signedHeaders(body), "content-type": "application/x-www-form-urlencoded" });
    expect(click.status).toBe(200);
    const dm = await slack.waitFor((fake) => fake.messagesIn("D0DISP").at(-1));
    expect(dm.text).toMatch(/Only/);
  });
});
