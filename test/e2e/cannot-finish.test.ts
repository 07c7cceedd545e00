// R12 through the real HTTP endpoint: the technician's Cannot finish button, the modal, and the
// directors' alert (DM with Acknowledge / Remind me, dispatch-channel line, thread line for the customer).
import { BLOCKS, INPUTS, VIEWS, ACTIONS } from "../../src/views/ids";
import { useTestApp } from "../support/app-harness";
import { createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../support/factories/data";
import { fakeSlackClient } from "../integration/jobs/job-helpers";
import { eventually } from "../support/eventually";

const DISPATCH = "C0SEOULDSP";
const t = useTestApp({
  now: "2026-11-23T03:00:00Z", // Mon 12:00 in Seoul
  fake: {
    channels: { [DISPATCH]: { name: "dispatch-seoul" } },
    users: { U0DIRCF: { name: "director" }, U0TECHCF: { name: "kim.minsu" }, U0TECHCF2: { name: "lee.jisoo" } },
  },
});

async function callOnSite() {
  const { prisma } = t.current.database;
  const slack = fakeSlackClient(t.current.slack);
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", dispatchChannelId: DISPATCH, timeZone: "Asia/Seoul" });
  const technician = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECHCF" });
  await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECHCF2" });
  await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIRCF" });
  const ticket = await createTicket(prisma, {
    branchId: branch.id,
    receivedAt: new Date("2026-11-20T01:00:00Z"),
    status: "ON_SITE",
    assignedTechnicianId: technician.id,
    arrivalDeadline: new Date("2026-11-23T01:30:00Z"),
    arrivedAt: new Date("2026-11-23T01:00:00Z"),
  });
  const posted = await slack.chat.postMessage({
    channel: DISPATCH,
    text: `Ticket ${ticket.voucherNo}`,
    blocks: [{ type: "actions", elements: [{ type: "button", action_id: ACTIONS.ticketCannotFinish, value: String(ticket.id), text: { type: "plain_text", text: "Cannot finish" } }] }],
  });
  await prisma.ticket.update({ where: { id: ticket.id }, data: { slackChannelId: DISPATCH, slackMessageTs: posted.ts! } });
  return { ticket, ticketTs: posted.ts! };
}

describe("R12: cannot finish on schedule", () => {
  it("R12: the technician reports it from the button through the modal; the director is alerted at once and the thread says what to tell the customer", async () => {
    const { ticket, ticketTs } = await callOnSite();
    const { slack } = t.current;
    const prisma = t.current.database.prisma;
    const message = slack.messagesIn(DISPATCH)[0];

    const click = await slack.driver.sendBlockActions({ userId: "U0TECHCF", message, actions: [{ action_id: ACTIONS.ticketCannotFinish }] });
    expect(click.problems).toEqual([]);
    const modal = await slack.waitFor((fake) => fake.openModal("U0TECHCF"));
    expect(modal).toMatchObject({ callback_id: VIEWS.cannotFinish });
    // Wednesday 2026-11-25 18:00 Seoul.
    const expectedBy = new Date("2026-11-25T09:00:00Z");
    await slack.driver.sendViewSubmission({
      userId: "U0TECHCF",
      view: modal,
      values: { [BLOCKS.cannotFinishReason]: { [INPUTS.cannotFinishReason]: "Compressor must be ordered" }, [BLOCKS.cannotFinishExpected]: { [INPUTS.cannotFinishExpected]: String(expectedBy.getTime() / 1000) } },
    });

    const dm = await slack.waitFor((fake) => fake.messagesIn("D0DIRCF")[0]);
    const dmBlocks = JSON.stringify(dm.blocks);
    expect(dmBlocks).toContain("cannot be finished on schedule");
    expect(dmBlocks).toContain("Compressor must be ordered");
    expect(dmBlocks).toContain(ACTIONS.escalationAcknowledge);
    expect(dmBlocks).toContain(ACTIONS.escalationSnooze);
    const thread = await slack.waitFor((fake) => {
      const replies = fake.messagesIn(DISPATCH, ticketTs).filter((m) => m.ts !== ticketTs);
      return replies.length ? replies : undefined;
    });
    expect(JSON.stringify(thread[0].blocks)).toContain("Tell the customer: it will take until");
    expect(JSON.stringify(thread[0].blocks)).toContain("about 3 days");
    const channelLine = slack.messagesIn(DISPATCH).filter((m) => !m.thread_ts && m.ts !== ticketTs);
    expect(channelLine).toHaveLength(1);
    expect(JSON.stringify(channelLine[0].blocks)).not.toContain(ACTIONS.escalationAcknowledge);

    const escalation = await prisma.escalation.findFirstOrThrow({ include: { messages: true } });
    expect(escalation).toMatchObject({ kind: "CANNOT_FINISH", level: "DIRECTOR", ticketId: ticket.id, reason: "Compressor must be ordered", expectedBy, nextEscalationAt: new Date("2026-11-23T03:30:00Z") });
    await eventually(async () => (await prisma.escalationMessage.count()) === 3, 2000, "three recorded alert copies");
    expect(await prisma.escalationMessage.count({ where: { staffId: { not: null } } })).toBe(1);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ expectedCompletionAt: expectedBy });
    expect(await prisma.auditLog.count({ where: { action: "ticket.cannot-finish" } })).toBe(1);
  });

  it("R12: only the assigned technician may report it; another technician is refused and nothing is raised", async () => {
    await callOnSite();
    const { slack } = t.current;
    const click = await slack.driver.sendBlockActions({ userId: "U0TECHCF2", message: slack.messagesIn(DISPATCH)[0], actions: [{ action_id: ACTIONS.ticketCannotFinish }] });
    const [reply] = await slack.waitFor((fake) => (fake.responsesTo(click.responseUrl!).length ? fake.responsesTo(click.responseUrl!) : undefined));
    expect(JSON.stringify(reply.body)).toMatch(/not allowed|Only|may not|can't|cannot/i);
    expect(slack.openModal("U0TECHCF2")).toBeUndefined();
    expect(await t.current.database.prisma.escalation.count()).toBe(0);
  });
});
