// Issue 10, small things a user meets: a button pressed on a closed or cancelled call answers
// privately who ended it and when, without opening a modal first; and the ticket's thread (its
// history) shows times in the branch's zone, like the ticket message. Through the real HTTP
// endpoint against the Slack fake.
import { DISPATCH, deskSteps, useDeskApp } from "../support/desk";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "../../src/views/ids";

const app = useDeskApp();
const { onSite, registerCall } = deskSteps(app);

function threadOf(ts: string) {
  return app.current.slack.messagesIn(DISPATCH, ts).filter((m) => m.ts !== ts);
}

async function privateAnswer(responseUrl: string) {
  const [reply] = await app.current.slack.waitFor((fake) => (fake.responsesTo(responseUrl).length ? fake.responsesTo(responseUrl) : undefined));
  return reply.body as { text?: string; response_type?: string };
}

describe("buttons on a finished call, and the thread's times (end to end)", () => {
  it("R9: pressing Close on a closed call tells the person privately who closed it and when, without opening the Close modal", async () => {
    const { ticket } = await onSite();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;
    // The visit is reported fixed (report-work.test.ts drives that modal); then Close, once.
    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: "RESOLVED", resolvedAt: new Date("2026-11-23T02:00:00Z"), outcome: "FIXED_ON_SITE" } });
    await slack.driver.sendBlockActions({ userId: "U0TECH1", actions: [{ action_id: ACTIONS.ticketClose, value: String(ticket.id) }] });
    const close = await slack.waitFor((fake) => (fake.openModal("U0TECH1")?.callback_id === VIEWS.closeTicket ? fake.openModal("U0TECH1") : undefined));
    await slack.driver.sendViewSubmission({ userId: "U0TECH1", view: close, values: { [BLOCKS.closeResolution]: { [INPUTS.closeResolution]: "Fan replaced" } } });
    await slack.waitFor(() => threadOf(slack.messagesIn(DISPATCH)[0].ts).find((m) => /closed the call/.test(m.text)));
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "CLOSED" });
    const opened = slack.callsTo("views.open").length;

    // Close again, from a message that still shows the button (the DM, a second device).
    const again = await slack.driver.sendBlockActions({ userId: "U0TECH1", actions: [{ action_id: ACTIONS.ticketClose, value: String(ticket.id) }] });
    const answer = await privateAnswer(again.responseUrl!);
    expect(answer.response_type).toBe("ephemeral");
    expect(answer.text).toContain(`${ticket.voucherNo} was already closed by <@U0TECH1> at <!date^`);
    expect(answer.text).toContain("Asia/Seoul");
    await slack.driver.settle();
    expect(slack.callsTo("views.open")).toHaveLength(opened);
  });

  it("R5: on a cancelled call, Assign, Schedule, Edit and Cancel answer privately who cancelled it and when; no modal opens", async () => {
    const { ticket } = await registerCall();
    const { slack } = app.current;
    await slack.driver.sendBlockActions({ userId: "U0DISP", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketCancel }] });
    const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
    await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values: { [BLOCKS.cancelReason]: { [INPUTS.cancelReason]: "Customer fixed it themselves" } } });
    await slack.waitFor(() => threadOf(slack.messagesIn(DISPATCH)[0].ts).find((m) => /cancelled the call/.test(m.text)));
    const opened = slack.callsTo("views.open").length;

    for (const action of [ACTIONS.ticketAssign, ACTIONS.ticketSchedule, ACTIONS.ticketEdit, ACTIONS.ticketCancel]) {
      const click = await slack.driver.sendBlockActions({ userId: "U0DISP", actions: [{ action_id: action, value: String(ticket.id) }] });
      const answer = await privateAnswer(click.responseUrl!);
      expect(answer.text).toContain(`${ticket.voucherNo} was cancelled by <@U0DISP> at <!date^`);
    }
    await slack.driver.settle();
    expect(slack.callsTo("views.open")).toHaveLength(opened);
  });

  it("R6: the ticket's thread shows its times in the branch's zone (Asia/Seoul), like the ticket message, never UTC", async () => {
    await onSite();
    const { slack } = app.current;
    const ts = slack.messagesIn(DISPATCH)[0].ts;
    await slack.waitFor(() => threadOf(ts).find((m) => /arrived on site/.test(m.text)));
    const history = threadOf(ts).filter((m) => /assigned|arrived on site/.test(m.text));
    expect(history).toHaveLength(2);
    for (const line of history) {
      expect(line.text).toMatch(/\|2026-11-23 \d\d:\d\d Asia\/Seoul>/);
      expect(line.text).not.toContain(" UTC>");
    }
  });
});
