// Issue: technicians — Accept, Decline and Arrived (R9, R6, R5) from the technician's DM and the
// ticket message, through the real HTTP endpoint against the Slack fake.
import { DISPATCH, deskSteps, useDeskApp } from "../support/desk";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "../../src/views/ids";

const app = useDeskApp();
const { registerCall } = deskSteps(app);

async function assignTo(technician: { id: number; slackUserId: string }, note?: string) {
  const { slack } = app.current;
  await slack.driver.sendBlockActions({ userId: "U0DISP", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketAssign }] });
  const modal = await slack.waitFor((fake) => fake.openModal("U0DISP"));
  const values = { [BLOCKS.assignTechnician]: { [INPUTS.technician]: String(technician.id) }, ...(note ? { [BLOCKS.assignNote]: { [INPUTS.note]: note } } : {}) };
  await slack.driver.sendViewSubmission({ userId: "U0DISP", view: modal, values });
  return slack.waitFor((fake) => fake.messagesIn(`D${technician.slackUserId.slice(1)}`)[0]);
}

function threadOf(ts: string) {
  return app.current.slack.messagesIn(DISPATCH, ts).filter((m) => m.ts !== ts);
}

async function replyTo(responseUrl: string) {
  const [reply] = await app.current.slack.waitFor((fake) => (fake.responsesTo(responseUrl).length ? fake.responsesTo(responseUrl) : undefined));
  return JSON.stringify(reply.body);
}

describe("the technician's actions (end to end)", () => {
  it("R9/R6: the technician accepts in their DM, then reports arrival; the ticket, its thread and the DM follow", async () => {
    const { ticket, tech1 } = await registerCall();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;
    const dm = await assignTo(tech1, "Gate code 4411");
    expect(JSON.stringify(dm.blocks)).toContain(ACTIONS.ticketAccept);
    const message = slack.messagesIn(DISPATCH)[0];

    const accept = await slack.driver.sendBlockActions({ userId: "U0TECH1", message: dm, actions: [{ action_id: ACTIONS.ticketAccept }] });
    expect(accept.problems).toEqual([]);
    await slack.waitFor(() => threadOf(message.ts).find((m) => /<@U0TECH1> accepted the call/.test(m.text)));
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "ACCEPTED" });
    const acceptedDm = await slack.waitFor((fake) => {
      const shown = fake.messagesIn("D0TECH1")[0];
      return shown && JSON.stringify(shown.blocks).includes("You accepted") ? shown : undefined;
    });
    expect(JSON.stringify(acceptedDm.blocks)).not.toContain(ACTIONS.ticketAccept);
    // The rebuilt DM still carries the dispatcher's note.
    expect(JSON.stringify(acceptedDm.blocks)).toContain("Gate code 4411");
    expect(JSON.stringify(slack.messagesIn(DISPATCH)[0].blocks)).toContain("Accepted");

    // A double click: the second Accept arrives as if from the DM before it was updated. It says it
    // was already done, and writes no second history line.
    const again = await slack.driver.sendBlockActions({ userId: "U0TECH1", actions: [{ action_id: ACTIONS.ticketAccept, value: String(ticket.id) }] });
    expect(await replyTo(again.responseUrl!)).toMatch(/already accepted/);

    const arrive = await slack.driver.sendBlockActions({ userId: "U0TECH1", message: acceptedDm, actions: [{ action_id: ACTIONS.ticketArrive }] });
    expect(arrive.problems).toEqual([]);
    await slack.waitFor(() => threadOf(message.ts).find((m) => /<@U0TECH1> arrived on site, on time/.test(m.text)));
    const stored = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(stored).toMatchObject({ status: "ON_SITE", lateByMinutes: 0 });
    expect(stored.arrivedAt).not.toBeNull();
    await slack.waitFor((fake) => (JSON.stringify(fake.messagesIn("D0TECH1")[0]?.blocks).includes("You are on site") ? true : undefined));

    const twice = await slack.driver.sendBlockActions({ userId: "U0TECH1", actions: [{ action_id: ACTIONS.ticketArrive, value: String(ticket.id) }] });
    expect(await replyTo(twice.responseUrl!)).toMatch(/already recorded/);
    await slack.driver.settle();
    expect(threadOf(message.ts).filter((m) => /accepted the call/.test(m.text))).toHaveLength(1);
    expect(threadOf(message.ts).filter((m) => /arrived on site/.test(m.text))).toHaveLength(1);
  });

  it("R9: another technician's click on the ticket message is refused, naming the assigned technician", async () => {
    const { ticket, tech1 } = await registerCall();
    const { slack } = app.current;
    await assignTo(tech1);
    await slack.waitFor((fake) => (JSON.stringify(fake.messagesIn(DISPATCH)[0].blocks).includes(ACTIONS.ticketArrive) ? true : undefined));
    const click = await slack.driver.sendBlockActions({ userId: "U0TECH2", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketArrive }] });
    expect(await replyTo(click.responseUrl!)).toContain("Only the assigned technician, <@U0TECH1>");
    const decline = await slack.driver.sendBlockActions({ userId: "U0TECH2", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketDecline }] });
    expect(await replyTo(decline.responseUrl!)).toContain("<@U0TECH1>");
    expect(await app.current.database.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "ASSIGNED", arrivedAt: null });
  });

  it("R5: the technician declines with a reason; the call goes back to the queue and the thread asks for a new technician", async () => {
    const { ticket, tech1 } = await registerCall();
    const { slack } = app.current;
    const prisma = app.current.database.prisma;
    const dm = await assignTo(tech1);
    const message = slack.messagesIn(DISPATCH)[0];
    await slack.driver.sendBlockActions({ userId: "U0TECH1", message: dm, actions: [{ action_id: ACTIONS.ticketDecline }] });
    const modal = await slack.waitFor((fake) => fake.openModal("U0TECH1"));
    expect(modal).toMatchObject({ callback_id: VIEWS.decline });

    await slack.driver.sendViewSubmission({ userId: "U0TECH1", view: modal, values: { [BLOCKS.declineReason]: { [INPUTS.declineReason]: "On another call all day" } } });
    await slack.waitFor(() => threadOf(message.ts).find((m) => /<@U0TECH1> declined the call: On another call all day/.test(m.text)));
    await slack.waitFor(() => threadOf(message.ts).find((m) => m.text.includes(`${ticket.voucherNo} needs a new technician`)));
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "REGISTERED", assignedTechnicianId: null });
    expect(await prisma.assignment.findFirstOrThrow({ where: { ticketId: ticket.id } })).toMatchObject({ declineReason: "On another call all day" });
    const updated = await slack.waitFor((fake) => (JSON.stringify(fake.messagesIn("D0TECH1")[0]?.blocks).includes("You declined") ? fake.messagesIn("D0TECH1")[0] : undefined));
    expect(JSON.stringify(updated.blocks)).not.toContain(ACTIONS.ticketArrive);
    expect(JSON.stringify(slack.messagesIn(DISPATCH)[0].blocks)).not.toContain(ACTIONS.ticketArrive);
  });
});
