// Slack posts that can never pass (here: a dispatch channel Slack does not know) are recorded by the
// outbox and shown to admins in `/repair jobs` and on App Home, with Resend once the cause is fixed.
import { enqueueTicketRefresh } from "../../src/services/outbox/enqueue";
import { ACTIONS } from "../../src/views/ids";
import { useTestApp } from "../support/app-harness";
import { createBranch, createDispatcher, createTicket } from "../support/factories/data";
import { queuedEffects, untilDelivered } from "../support/outbox";

const DISPATCH = "C0DISPATCH";
const app = useTestApp({
  adminSlackIds: ["U0ADMIN"],
  fake: { channels: { [DISPATCH]: { name: "dispatch" } }, users: { U0ADMIN: { name: "admin" }, U0DISP: { name: "dispatcher" } } },
});

/** A call whose branch points at a channel Slack does not know: its message fails for good. */
async function failedTicketPost() {
  const { prisma } = app.current.database;
  const branch = await createBranch(prisma, { dispatchChannelId: "C0DELETED" });
  await createDispatcher(prisma, { branchId: branch.id, slackUserId: "U0DISP" });
  const ticket = await createTicket(prisma, { branchId: branch.id });
  await enqueueTicketRefresh(prisma, ticket.id);
  await untilDelivered(prisma);
  const failure = await prisma.slackEffectFailure.findFirstOrThrow();
  expect(failure).toMatchObject({ ticketId: ticket.id, error: "channel_not_found", resentAt: null });
  const fixCause = () => prisma.branch.update({ where: { id: branch.id }, data: { dispatchChannelId: DISPATCH } });
  return { ticket, failure, fixCause };
}

async function replyTo(responseUrl: string): Promise<string> {
  const [reply] = await app.current.slack.waitFor((fake) => (fake.responsesTo(responseUrl).length ? fake.responsesTo(responseUrl) : undefined));
  return JSON.stringify(reply.body);
}

const postedToDispatch = { method: "chat.postMessage", where: (args: Record<string, unknown>) => args.channel === DISPATCH };

describe("failed Slack posts in /repair jobs", () => {
  it("an admin sees a failed ticket message with Resend; once the channel is fixed, Resend posts it and redraws the list; a second press is told it was already resent", async () => {
    const { ticket, failure, fixCause } = await failedTicketPost();
    const { slack, database } = app.current;
    const command = await slack.driver.sendCommand({ command: "/repair", text: "jobs", userId: "U0ADMIN", channelId: DISPATCH });
    const list = await replyTo(command.responseUrl!);
    expect(list).toContain("*Slack posts that failed*");
    expect(list).toContain(`*Ticket message* ${ticket.voucherNo} · \`channel_not_found\` · 1 attempt · <!date^`);
    expect(list).toContain(`"action_id":"${ACTIONS.slackFailureResend}"`);
    const [jobs] = slack.ephemeralsFor("U0ADMIN");

    await fixCause();
    const click = await slack.driver.sendBlockActions({ userId: "U0ADMIN", message: jobs!, actions: [{ action_id: ACTIONS.slackFailureResend, value: String(failure.id) }] });
    expect(await replyTo(click.responseUrl!)).toContain(`Queued again for ${ticket.voucherNo}`);
    await slack.waitFor(postedToDispatch);
    expect(JSON.stringify(slack.messagesIn(DISPATCH)[0]!.blocks)).toContain(ticket.voucherNo);
    // The list is drawn again in place, without the resent post.
    await slack.waitFor((fake) => JSON.stringify(fake.ephemeralsFor("U0ADMIN").find((shown) => shown.ts === jobs!.ts)).includes("*Slack posts that failed* none"));
    expect(await database.prisma.auditLog.count({ where: { action: "slack.resend", actor: "U0ADMIN" } })).toBe(1);

    // Another copy of the list, drawn before the resend.
    const again = await slack.driver.sendBlockActions({ userId: "U0ADMIN", channel: DISPATCH, actions: [{ action_id: ACTIONS.slackFailureResend, value: String(failure.id) }] });
    expect(await replyTo(again.responseUrl!)).toContain("already resent by someone");
    await untilDelivered(database.prisma);
    expect(slack.callsTo("chat.postMessage").filter((call) => call.args.channel === DISPATCH)).toHaveLength(1);
  });

  it("refuses a non-admin's Resend privately and queues nothing", async () => {
    const { failure, fixCause } = await failedTicketPost();
    await fixCause();
    const { slack, database } = app.current;
    const click = await slack.driver.sendBlockActions({ userId: "U0DISP", channel: DISPATCH, actions: [{ action_id: ACTIONS.slackFailureResend, value: String(failure.id) }] });
    const reply = await replyTo(click.responseUrl!);
    expect(reply).toContain("Only admins can resend failed Slack posts.");
    expect(reply).toContain('"response_type":"ephemeral"');
    expect(await queuedEffects(database.prisma)).toEqual([]);
    expect(await database.prisma.slackEffectFailure.findUniqueOrThrow({ where: { id: failure.id } })).toMatchObject({ resentAt: null });
    expect(slack.callsTo("chat.postMessage").filter((call) => call.args.channel === DISPATCH)).toHaveLength(0);
  });
});

describe("failed Slack posts on App Home", () => {
  it("an admin's home lists them with Resend, which posts the message, answers in a DM and redraws the home; a dispatcher's home has no such section", async () => {
    const { ticket, fixCause } = await failedTicketPost();
    const { slack } = app.current;
    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0ADMIN", tab: "home" });
    await slack.waitFor({ method: "views.publish" });
    const home = JSON.stringify(slack.homeView("U0ADMIN"));
    expect(home).toContain("*Slack posts that failed*");
    expect(home).toContain(`*Ticket message* ${ticket.voucherNo} · \`channel_not_found\``);

    await fixCause();
    await slack.driver.sendBlockActions({ userId: "U0ADMIN", view: slack.homeView("U0ADMIN")!, actions: [{ action_id: ACTIONS.slackFailureResend }] });
    const [dm] = await slack.waitFor({ method: "chat.postMessage", where: (args) => args.channel === "U0ADMIN" });
    expect(String(dm!.args.text)).toContain(`Queued again for ${ticket.voucherNo}`);
    await slack.waitFor({ method: "views.publish", count: 2 });
    expect(JSON.stringify(slack.homeView("U0ADMIN"))).toContain("*Slack posts that failed* none");
    await slack.waitFor(postedToDispatch);

    await slack.driver.sendEvent({ type: "app_home_opened", user: "U0DISP", tab: "home" });
    await slack.waitFor({ method: "views.publish", count: 3 });
    expect(JSON.stringify(slack.homeView("U0DISP"))).not.toContain("Slack posts that failed");
  });
});
