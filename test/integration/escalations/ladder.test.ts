import { fixedClock } from "../../../src/clock";
import { escalationLadderJob } from "../../../src/jobs/escalation-ladder";
import { overdueScanJob } from "../../../src/jobs/overdue-scan";
import { acknowledgeEscalation } from "../../../src/services/escalations/acknowledge";
import { climbDueEscalations } from "../../../src/services/escalations/escalate";
import { reportCannotFinish } from "../../../src/services/escalations/report-cannot-finish";
import { raiseOverdueEscalations } from "../../../src/services/escalations/raise-overdue";
import { snoozeEscalation, takeDueSnoozeReminders } from "../../../src/services/escalations/snooze";
import { silentLog } from "../../../src/logger";
import { createServices } from "../../../src/services";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient, jobDeps, runJob } from "../jobs/job-helpers";
import { deliverQueued } from "../../support/outbox";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({
    channels: { C0SEOULDSP: { name: "dispatch-seoul" } },
    users: { U0DIRL1: { name: "director" }, U0MGRL1: { name: "manager.one" }, U0MGRL2: { name: "manager.two" } },
  });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const ACTOR = "system:test";
const MINUTE = 60_000;

/** Seoul, Mon–Fri 09:00–18:00 (UTC+9); one call overdue at `deadline`, a director and two managers (one elsewhere). */
async function setup(deadline: string) {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", dispatchChannelId: "C0SEOULDSP", timeZone: "Asia/Seoul" });
  const elsewhere = await createBranchWithCalendar(prisma, { code: "BUSAN" });
  const technician = await createTechnician(prisma, { branchId: branch.id });
  const director = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIRL1" });
  const manager = await createStaff(prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGRL1" });
  const otherManager = await createStaff(prisma, { branchId: elsewhere.id, roles: ["MANAGER"], slackUserId: "U0MGRL2" });
  await createStaff(prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGROLD", active: false });
  const ticket = await createTicket(prisma, { branchId: branch.id, receivedAt: new Date("2026-11-16T00:00:00Z"), status: "ACCEPTED", assignedTechnicianId: technician.id, arrivalDeadline: new Date(deadline) });
  return { prisma, branch, director, manager, otherManager, ticket };
}

describe("escalation ladder (R7)", () => {
  it("R7: unacknowledged, an escalation climbs after 30 working minutes: nothing at 29, the managers at 30", async () => {
    const { prisma } = await setup("2026-11-23T02:00:00Z");
    // Monday 12:00 Seoul.
    const clock = fixedClock("2026-11-23T03:00:00Z");
    const [raised] = await raiseOverdueEscalations({ db: prisma, clock }, { actor: ACTOR, escalateAfterMinutes: 30 });
    expect(await prisma.escalation.findUniqueOrThrow({ where: { id: raised.alert.escalationId } })).toMatchObject({ nextEscalationAt: new Date("2026-11-23T03:30:00Z") });

    clock.advance(29 * MINUTE);
    expect(await climbDueEscalations({ db: prisma, clock }, { actor: ACTOR })).toEqual([]);
    clock.advance(MINUTE);
    const climbed = await climbDueEscalations({ db: prisma, clock }, { actor: ACTOR });
    expect(climbed).toHaveLength(1);
    expect(climbed[0].managers.map((m) => m.slackUserId)).toEqual(["U0MGRL1", "U0MGRL2"]);
    expect(await prisma.escalation.findUniqueOrThrow({ where: { id: raised.alert.escalationId } })).toMatchObject({ level: "MANAGER", nextEscalationAt: null });
    expect(await prisma.auditLog.count({ where: { action: "escalation.climb" } })).toBe(1);
  });

  it("R7: the 30 working minutes stop at closing time and over the weekend: raised Friday 17:50 climbs Monday 09:20", async () => {
    const { prisma } = await setup("2026-11-27T08:00:00Z");
    const clock = fixedClock("2026-11-27T08:50:00Z"); // Friday 17:50 Seoul
    const [raised] = await raiseOverdueEscalations({ db: prisma, clock }, { actor: ACTOR, escalateAfterMinutes: 30 });
    expect(await prisma.escalation.findUniqueOrThrow({ where: { id: raised.alert.escalationId } })).toMatchObject({ nextEscalationAt: new Date("2026-11-30T00:20:00Z") });
    clock.set("2026-11-30T00:19:00Z");
    expect(await climbDueEscalations({ db: prisma, clock }, { actor: ACTOR })).toEqual([]);
    clock.advance(MINUTE);
    expect(await climbDueEscalations({ db: prisma, clock }, { actor: ACTOR })).toHaveLength(1);
  });

  it("R7: two runners climb the same escalation at once: exactly one climbs it", async () => {
    const { prisma } = await setup("2026-11-23T02:00:00Z");
    const clock = fixedClock("2026-11-23T03:00:00Z");
    await raiseOverdueEscalations({ db: prisma, clock }, { actor: ACTOR, escalateAfterMinutes: 30 });
    clock.advance(30 * MINUTE);
    const [first, second] = await Promise.all([climbDueEscalations({ db: prisma, clock }, { actor: ACTOR }), climbDueEscalations({ db: prisma, clock }, { actor: ACTOR })]);
    expect(first.length + second.length).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "escalation.climb" } })).toBe(1);
  });

  it("R7: an acknowledged escalation never climbs", async () => {
    const { prisma, director } = await setup("2026-11-23T02:00:00Z");
    const clock = fixedClock("2026-11-23T03:00:00Z");
    const [raised] = await raiseOverdueEscalations({ db: prisma, clock }, { actor: ACTOR, escalateAfterMinutes: 30 });
    clock.advance(10 * MINUTE);
    await acknowledgeEscalation({ db: prisma, clock }, { actor: actorFor(director), escalationId: raised.alert.escalationId });
    clock.advance(60 * MINUTE);
    expect(await climbDueEscalations({ db: prisma, clock }, { actor: ACTOR })).toEqual([]);
  });

  it("R7: the ladder job DMs every active manager, records their copies and marks earlier copies escalated; acknowledging then covers them all", async () => {
    const { prisma, manager } = await setup("2026-11-23T02:00:00Z");
    const clock = fixedClock("2026-11-23T03:00:00Z");
    const deps = jobDeps(prisma, clock, { slack: fakeSlackClient(fake) });
    expect(await runJob(deps, overdueScanJob)).toEqual([expect.objectContaining({ summary: { raised: 1 } })]);
    await deliverQueued(db.current, clock, fake);
    const directorDm = await prisma.escalationMessage.findFirstOrThrow({ where: { staffId: { not: null } } });
    expect(directorDm.channelId).toBe("D0DIRL1");

    clock.advance(29 * MINUTE);
    expect(await runJob(deps, escalationLadderJob)).toEqual([expect.objectContaining({ summary: { climbed: 0, reminded: 0, resolved: 0 } })]);
    clock.advance(MINUTE);
    expect(await runJob(deps, escalationLadderJob)).toEqual([expect.objectContaining({ summary: { climbed: 1, reminded: 0, resolved: 0 } })]);
    const managerCopies = await prisma.escalationMessage.findMany({ where: { staffId: { not: null } }, orderBy: { id: "asc" } });
    expect(managerCopies.map((m) => m.channelId)).toEqual(["D0DIRL1", "D0MGRL1", "D0MGRL2"]);
    // The alert's copies, not the ticket message (which the outbox keeps up to date as well).
    const ticketTs = (await prisma.ticket.findFirstOrThrow()).slackMessageTs;
    const updates = fake
      .callsTo("chat.update")
      .map((call) => call.args as { channel: string; ts: string; blocks: unknown })
      .filter((u) => u.ts !== ticketTs);
    // Every copy is re-rendered once: the reply in the call's thread and the channel line, both in the
    // dispatch channel, the director's DM, and the managers' new DMs (already as they stand).
    expect(updates.map((u) => u.channel).sort()).toEqual(["C0SEOULDSP", "C0SEOULDSP", "D0DIRL1", "D0MGRL1", "D0MGRL2"]);
    for (const update of updates) expect(JSON.stringify(update.blocks)).toContain("escalated to the managers");
    // The director's copy keeps its Acknowledge button; the channel's has none.
    expect(JSON.stringify(updates.find((u) => u.channel === "D0DIRL1")!.blocks)).toContain("escalation_acknowledge");
    expect(JSON.stringify(updates.find((u) => u.channel === "C0SEOULDSP")!.blocks)).not.toContain("escalation_acknowledge");

    clock.advance(5 * MINUTE);
    const escalationId = directorDm.escalationId;
    const acknowledged = await acknowledgeEscalation({ db: prisma, clock }, { actor: actorFor(manager), escalationId });
    expect(acknowledged.messages.map((m) => m.channelId).sort()).toEqual(["C0SEOULDSP", "C0SEOULDSP", "D0DIRL1", "D0MGRL1", "D0MGRL2"]);
  });
});

describe("snooze (R7)", () => {
  it("R7: a snooze reminds only the snoozer, once, when it runs out, and never moves the ladder", async () => {
    const { prisma, director, manager } = await setup("2026-11-23T02:00:00Z");
    const clock = fixedClock("2026-11-23T03:00:00Z");
    const deps = jobDeps(prisma, clock, { slack: fakeSlackClient(fake) });
    await runJob(deps, overdueScanJob);
    await deliverQueued(db.current, clock, fake);
    const escalation = await prisma.escalation.findFirstOrThrow();
    clock.advance(5 * MINUTE);
    const snoozed = await snoozeEscalation({ db: prisma, clock }, { actor: actorFor(director), escalationId: escalation.id, minutes: 15 });
    expect(snoozed.until).toEqual(new Date("2026-11-23T03:20:00Z"));
    expect(await prisma.escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({ nextEscalationAt: escalation.nextEscalationAt });
    await deliverQueued(db.current, clock, fake);
    fake.forgetCalls();

    clock.advance(14 * MINUTE);
    expect(await runJob(deps, escalationLadderJob)).toEqual([expect.objectContaining({ summary: { climbed: 0, reminded: 0, resolved: 0 } })]);
    clock.advance(MINUTE);
    expect(await runJob(deps, escalationLadderJob)).toEqual([expect.objectContaining({ summary: { climbed: 0, reminded: 1, resolved: 0 } })]);
    expect(fake.callsTo("conversations.open").map((call) => (call.args as { users: string }).users)).toEqual(["U0DIRL1"]);
    const reminder = fake.callsTo("chat.postMessage")[0].args as { channel: string; blocks: unknown };
    expect(reminder.channel).toBe("D0DIRL1");
    expect(JSON.stringify(reminder.blocks)).toContain("Reminder");
    clock.advance(MINUTE);
    expect(await runJob(deps, escalationLadderJob)).toEqual([expect.objectContaining({ summary: { climbed: 0, reminded: 0, resolved: 0 } })]);
    // The ladder climbs on its own schedule: 30 working minutes after raising.
    clock.set("2026-11-23T03:30:00Z");
    expect(await runJob(deps, escalationLadderJob)).toEqual([expect.objectContaining({ summary: { climbed: 1, reminded: 0, resolved: 0 } })]);
    expect(manager.slackUserId).toBe("U0MGRL1");
  });

  it("R7: only people who may acknowledge may snooze; an acknowledged escalation cannot be snoozed and its snoozes stay silent", async () => {
    const { prisma, director, branch } = await setup("2026-11-23T02:00:00Z");
    const clock = fixedClock("2026-11-23T03:00:00Z");
    const [raised] = await raiseOverdueEscalations({ db: prisma, clock }, { actor: ACTOR, escalateAfterMinutes: 30 });
    const escalationId = raised.alert.escalationId;
    const technician = await createTechnician(prisma, { branchId: branch.id });
    await expect(snoozeEscalation({ db: prisma, clock }, { actor: actorFor(technician), escalationId, minutes: 15 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await snoozeEscalation({ db: prisma, clock }, { actor: actorFor(director), escalationId, minutes: 15 });
    await acknowledgeEscalation({ db: prisma, clock }, { actor: actorFor(director), escalationId });
    await expect(snoozeEscalation({ db: prisma, clock }, { actor: actorFor(director), escalationId, minutes: 30 })).rejects.toMatchObject({ code: "ALREADY_DONE" });
    clock.advance(20 * MINUTE);
    expect(await takeDueSnoozeReminders({ db: prisma, clock })).toBe(0);
  });
});

describe("R12 on the ladder", () => {
  it("R12: a cannot-finish escalation climbs to the managers after 30 working minutes like an overdue one", async () => {
    const { prisma, ticket } = await setup("2026-11-23T01:00:00Z");
    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: "ON_SITE", arrivedAt: new Date("2026-11-23T00:50:00Z") } });
    const technician = await prisma.staff.findFirstOrThrow({ where: { id: ticket.assignedTechnicianId! } });
    const clock = fixedClock("2026-11-23T03:00:00Z");
    const raised = await reportCannotFinish({ db: prisma, clock }, { actor: actorFor(technician), ticketId: ticket.id, reason: "Part on order", expectedBy: new Date("2026-11-25T09:00:00Z") });
    expect(raised.alert).toMatchObject({ kind: "CANNOT_FINISH", reason: "Part on order" });
    clock.advance(29 * MINUTE);
    expect(await climbDueEscalations({ db: prisma, clock }, { actor: ACTOR })).toEqual([]);
    clock.advance(MINUTE);
    expect(await climbDueEscalations({ db: prisma, clock }, { actor: ACTOR })).toEqual([expect.objectContaining({ alert: expect.objectContaining({ kind: "CANNOT_FINISH" }) })]);
  });

  it("R12: the configured ESCALATE_AFTER_MINUTES reaches a cannot-finish raised from Slack (through createServices)", async () => {
    const { prisma, ticket } = await setup("2026-11-23T01:00:00Z");
    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: "ON_SITE", arrivedAt: new Date("2026-11-23T00:50:00Z") } });
    const technician = await prisma.staff.findFirstOrThrow({ where: { id: ticket.assignedTechnicianId! } });
    // Monday 17:30 Seoul: 45 working minutes run to 09:15 the next morning.
    const clock = fixedClock("2026-11-23T08:30:00Z");
    const services = createServices({ db: prisma, clock, log: silentLog, adminSlackIds: [], escalateAfterMinutes: 45 });
    const raised = await services.reportCannotFinish({ actor: actorFor(technician), ticketId: ticket.id, reason: "Part on order", expectedBy: new Date("2026-11-25T09:00:00Z") });
    expect(await prisma.escalation.findUniqueOrThrow({ where: { id: raised.alert.escalationId } })).toMatchObject({ nextEscalationAt: new Date("2026-11-24T00:15:00Z") });
  });

  it("R12: only the assignee, only while on site or in the workshop, with a future date", async () => {
    const { prisma, ticket, director } = await setup("2026-11-23T01:00:00Z");
    const technician = await prisma.staff.findFirstOrThrow({ where: { id: ticket.assignedTechnicianId! } });
    const clock = fixedClock("2026-11-23T03:00:00Z");
    const options = { ticketId: ticket.id, reason: "Part on order", expectedBy: new Date("2026-11-25T09:00:00Z") };
    await expect(reportCannotFinish({ db: prisma, clock }, { actor: actorFor(technician), ...options })).rejects.toMatchObject({ code: "CONFLICT" });
    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: "IN_WORKSHOP", arrivedAt: new Date("2026-11-23T00:50:00Z") } });
    await expect(reportCannotFinish({ db: prisma, clock }, { actor: actorFor(director), ...options })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reportCannotFinish({ db: prisma, clock }, { actor: actorFor(technician), ...options, expectedBy: new Date("2026-11-23T02:00:00Z") })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await prisma.escalation.count()).toBe(0);
    await expect(reportCannotFinish({ db: prisma, clock }, { actor: actorFor(technician), ...options })).resolves.toBeDefined();
    expect(await prisma.auditLog.count({ where: { action: "ticket.cannot-finish" } })).toBe(1);
  });
});
