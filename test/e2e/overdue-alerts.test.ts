// The overdue scan against the Slack fake and the director's Acknowledge through the real HTTP
// endpoint (R7): what the thread, the dispatch channel and the director's DM show.
import { escalationLadderJob } from "../../src/jobs/escalation-ladder";
import { overdueScanJob } from "../../src/jobs/overdue-scan";
import { runJob } from "../../src/jobs/runner";
import { ACTIONS } from "../../src/views/ids";
import { useTestApp } from "../support/app-harness";
import { createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../support/factories/data";
import { fakeSlackClient, jobDeps } from "../integration/jobs/job-helpers";
import { eventually } from "../support/eventually";
import { untilDelivered } from "../support/outbox";

const DISPATCH = "C0SEOULDSP";
const t = useTestApp({
  now: "2026-11-23T03:00:00Z", // Mon 12:00 in Seoul
  fake: {
    channels: { [DISPATCH]: { name: "dispatch-seoul" } },
    users: { U0DIR1: { name: "director.one" }, U0DIR2: { name: "director.two" }, U0TECH1: { name: "kim.minsu" }, U0MGR1: { name: "manager.one" } },
  },
});

async function overdueCallInSlack() {
  const { prisma } = t.current.database;
  const slack = fakeSlackClient(t.current.slack);
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", dispatchChannelId: DISPATCH });
  const technician = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECH1" });
  await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIR1" });
  await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIR2" });
  const ticket = await createTicket(prisma, {
    branchId: branch.id,
    receivedAt: new Date("2026-11-20T01:00:00Z"),
    status: "ACCEPTED",
    assignedTechnicianId: technician.id,
    arrivalDeadline: new Date("2026-11-23T01:30:00Z"), // 1 h 30 min before now
  });
  const posted = await slack.chat.postMessage({ channel: DISPATCH, text: `Ticket ${ticket.voucherNo}` });
  await prisma.ticket.update({ where: { id: ticket.id }, data: { slackChannelId: DISPATCH, slackMessageTs: posted.ts! } });
  const outcomes = await runJob(jobDeps(prisma, t.current.clock), overdueScanJob);
  expect(outcomes).toEqual([expect.objectContaining({ outcome: "ran", summary: { raised: 1 } })]);
  // The alert's copies leave through the outbox: a thread reply, the channel line, two director DMs.
  await untilDelivered(prisma);
  expect(await prisma.escalationMessage.count()).toBe(4);
  return { ticket, ticketTs: posted.ts! };
}

async function replyTo(responseUrl: string) {
  const [reply] = await t.current.slack.waitFor((fake) => (fake.responsesTo(responseUrl).length ? fake.responsesTo(responseUrl) : undefined));
  return JSON.stringify(reply.body);
}

describe("overdue alerts in Slack (R7: a call past its deadline without an arrival is overdue; the dispatch channel and the director are alerted)", () => {
  it("R7: the ticket's thread, the dispatch channel and each director's DM show the alert; only the DMs carry Acknowledge", async () => {
    const { ticket, ticketTs } = await overdueCallInSlack();
    const { slack } = t.current;

    const thread = slack.messagesIn(DISPATCH, ticketTs).filter((message) => message.ts !== ticketTs);
    expect(thread).toHaveLength(1);
    expect(thread[0].text).toContain(`Overdue (R7): ${ticket.voucherNo}`);
    const alert = slack.messagesIn(DISPATCH).filter((message) => !message.thread_ts || message.thread_ts === message.ts).at(-1)!;
    const alertBlocks = JSON.stringify(alert.blocks);
    expect(alertBlocks).toContain(ticket.voucherNo);
    expect(alertBlocks).toContain("1 h 30 min late");
    expect(alertBlocks).toMatch(/<!date\^\d+\^/);
    expect(alertBlocks).toContain("<@U0TECH1>");
    expect(alertBlocks).not.toContain(ACTIONS.escalationAcknowledge);
    for (const dm of ["D0DIR1", "D0DIR2"]) {
      expect(JSON.stringify(slack.messagesIn(dm)[0].blocks)).toContain(ACTIONS.escalationAcknowledge);
    }
  });

  it("R7: a director acknowledges: every copy of the alert loses its button and names them; a second click is told who acknowledged and when", async () => {
    const { ticketTs } = await overdueCallInSlack();
    const { slack } = t.current;
    const prisma = t.current.database.prisma;
    const dm = slack.messagesIn("D0DIR1")[0];

    const click = await slack.driver.sendBlockActions({ userId: "U0DIR1", message: dm, actions: [{ action_id: ACTIONS.escalationAcknowledge }] });
    expect(click.problems).toEqual([]);
    await slack.waitFor((fake) => (JSON.stringify(fake.messagesIn("D0DIR2")[0].blocks).includes("Acknowledged by <@U0DIR1>") ? true : undefined));

    const shown = [
      ...slack.messagesIn(DISPATCH, ticketTs).filter((message) => message.ts !== ticketTs),
      slack.messagesIn(DISPATCH).filter((message) => !message.thread_ts || message.thread_ts === message.ts).at(-1)!,
      slack.messagesIn("D0DIR1")[0],
      slack.messagesIn("D0DIR2")[0],
    ];
    for (const message of shown) {
      expect(JSON.stringify(message.blocks)).toContain("Acknowledged by <@U0DIR1> at <!date^");
      expect(JSON.stringify(message.blocks)).not.toContain(ACTIONS.escalationAcknowledge);
    }
    expect(await prisma.escalation.findFirstOrThrow()).toMatchObject({ acknowledgedAt: t.current.clock.now() });

    // The second director's click, as if from the DM before it was updated.
    const escalation = await prisma.escalation.findFirstOrThrow();
    const again = await slack.driver.sendBlockActions({ userId: "U0DIR2", actions: [{ action_id: ACTIONS.escalationAcknowledge, value: String(escalation.id) }] });
    expect(await replyTo(again.responseUrl!)).toMatch(/already acknowledged by <@U0DIR1> at <!date\^/);
  });

  it("R7: a technician's click is refused privately, naming who may acknowledge", async () => {
    await overdueCallInSlack();
    const { slack } = t.current;
    const escalation = await t.current.database.prisma.escalation.findFirstOrThrow();
    const click = await slack.driver.sendBlockActions({ userId: "U0TECH1", actions: [{ action_id: ACTIONS.escalationAcknowledge, value: String(escalation.id) }] });
    expect(await replyTo(click.responseUrl!)).toMatch(/Only service directors, managers and admins can acknowledge overdue alerts/);
    expect(await t.current.database.prisma.escalation.findFirstOrThrow()).toMatchObject({ acknowledgedAt: null });
  });

  it("R7: Remind me in… on a director's DM answers privately with the time, and only that director is reminded when it runs out", async () => {
    await overdueCallInSlack();
    const { slack, clock } = t.current;
    const prisma = t.current.database.prisma;
    const dm = slack.messagesIn("D0DIR1")[0];
    const escalation = await prisma.escalation.findFirstOrThrow();
    const click = await slack.driver.sendBlockActions({ userId: "U0DIR1", message: dm, actions: [{ action_id: ACTIONS.escalationSnooze, value: `${escalation.id}:15` }] });
    expect(click.problems).toEqual([]);
    expect(await replyTo(click.responseUrl!)).toContain("I will remind you at");
    expect(await prisma.escalationSnooze.findMany()).toEqual([expect.objectContaining({ escalationId: escalation.id, until: new Date("2026-11-23T03:15:00Z"), remindedAt: null })]);

    clock.advance(15 * 60_000);
    const outcomes = await runJob(jobDeps(prisma, clock), escalationLadderJob);
    expect(outcomes).toEqual([expect.objectContaining({ summary: { climbed: 0, reminded: 1, resolved: 0 } })]);
    await untilDelivered(prisma);
    expect(slack.messagesIn("D0DIR1")).toHaveLength(2);
    expect(slack.messagesIn("D0DIR2")).toHaveLength(1);
  });

  it("R7: unacknowledged for 30 working minutes the alert climbs to the managers; a manager's Acknowledge then updates every copy, the managers' too", async () => {
    await overdueCallInSlack();
    const { slack, clock } = t.current;
    const prisma = t.current.database.prisma;
    const branch = await prisma.branch.findFirstOrThrow();
    await createStaff(prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGR1" });
    const deps = jobDeps(prisma, clock);
    clock.advance(30 * 60_000);
    expect(await runJob(deps, escalationLadderJob)).toEqual([expect.objectContaining({ summary: { climbed: 1, reminded: 0, resolved: 0 } })]);
    await untilDelivered(prisma);
    const managerDm = slack.messagesIn("D0MGR1")[0];
    expect(JSON.stringify(managerDm.blocks)).toContain(ACTIONS.escalationAcknowledge);
    expect(JSON.stringify(slack.messagesIn("D0DIR2")[0].blocks)).toContain("escalated to the managers");

    const click = await slack.driver.sendBlockActions({ userId: "U0MGR1", message: managerDm, actions: [{ action_id: ACTIONS.escalationAcknowledge }] });
    expect(click.problems).toEqual([]);
    await slack.waitFor((fake) => (JSON.stringify(fake.messagesIn("D0MGR1")[0].blocks).includes("Acknowledged by <@U0MGR1>") ? true : undefined));
    for (const dm of ["D0DIR1", "D0DIR2", "D0MGR1"]) {
      const blocks = JSON.stringify(slack.messagesIn(dm)[0].blocks);
      expect(blocks).toContain("Acknowledged by <@U0MGR1>");
      expect(blocks).not.toContain(ACTIONS.escalationAcknowledge);
      expect(blocks).not.toContain(ACTIONS.escalationSnooze);
    }
  });

  it("R7: an overdue alert whose technician arrives resolves itself and never climbs: every copy says the technician arrived, no manager is DMed", async () => {
    const { ticket, ticketTs } = await overdueCallInSlack();
    const { slack, clock } = t.current;
    const prisma = t.current.database.prisma;
    const branch = await prisma.branch.findFirstOrThrow();
    await createStaff(prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGR1" });
    const dispatcher = await createStaff(prisma, { branchId: branch.id, roles: ["DISPATCHER"] });
    await prisma.assignment.create({ data: { ticketId: ticket.id, technicianId: ticket.assignedTechnicianId!, assignedById: dispatcher.id, assignedAt: new Date("2026-11-20T01:00:00Z") } });

    clock.advance(10 * 60_000);
    const arrive = await slack.driver.sendBlockActions({ userId: "U0TECH1", actions: [{ action_id: ACTIONS.ticketArrive, value: String(ticket.id) }] });
    expect(arrive.problems).toEqual([]);
    await eventually(async () => Boolean((await prisma.escalation.findFirstOrThrow()).resolvedAt), 10_000, "the escalation to resolve");

    clock.advance(30 * 60_000);
    const outcomes = await runJob(jobDeps(prisma, clock), escalationLadderJob);
    // The arrival itself queued the update of every copy; nothing climbs.
    expect(outcomes).toEqual([expect.objectContaining({ summary: { climbed: 0, reminded: 0, resolved: 0 } })]);
    await untilDelivered(prisma);
    expect(slack.messagesIn("D0MGR1")).toEqual([]);
    const shown = [
      ...slack.messagesIn(DISPATCH, ticketTs).filter((message) => message.ts !== ticketTs && /Overdue/.test(message.text ?? "")),
      slack.messagesIn(DISPATCH).filter((message) => !message.thread_ts || message.thread_ts === message.ts).at(-1)!,
      slack.messagesIn("D0DIR1")[0],
      slack.messagesIn("D0DIR2")[0],
    ];
    expect(shown).toHaveLength(4);
    for (const message of shown) {
      expect(JSON.stringify(message.blocks)).toContain("Resolved by itself: the technician arrived at <!date^");
      expect(JSON.stringify(message.blocks)).not.toContain(ACTIONS.escalationAcknowledge);
    }
  });
});
