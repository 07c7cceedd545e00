// R7/R12: an escalation whose cause ended resolves by itself: in the transaction that ends the cause,
// and in the ladder, which re-checks the call before it climbs. Nothing climbs or reminds after.
import { fixedClock } from "../../../src/clock";
import { escalationLadderJob } from "../../../src/jobs/escalation-ladder";
import { overdueScanJob } from "../../../src/jobs/overdue-scan";
import { acknowledgeEscalation } from "../../../src/services/escalations/acknowledge";
import { climbDueEscalations } from "../../../src/services/escalations/escalate";
import { raiseOverdueEscalations } from "../../../src/services/escalations/raise-overdue";
import { reportCannotFinish } from "../../../src/services/escalations/report-cannot-finish";
import { snoozeEscalation, takeDueSnoozeReminders } from "../../../src/services/escalations/snooze";
import { cancelTicket } from "../../../src/services/tickets/cancel-ticket";
import { recordArrival } from "../../../src/services/tickets/record-arrival";
import { reportWork } from "../../../src/services/tickets/report-work";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createDispatcher, createStaff, createTechnician, createTicket } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient, jobDeps, runJob } from "../jobs/job-helpers";
import { deliverQueued } from "../../support/outbox";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({
    channels: { C0SEOULDSP: { name: "dispatch-seoul" } },
    users: { U0DIRR1: { name: "director" }, U0MGRR1: { name: "manager" }, U0TECR1: { name: "technician" } },
  });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const ACTOR = "system:test";
const MINUTE = 60_000;

/** Seoul, Mon–Fri 09:00–18:00; a call overdue since Monday 11:00 Seoul with an open assignment. */
async function setup(status: "ACCEPTED" | "ON_SITE" = "ACCEPTED") {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", dispatchChannelId: "C0SEOULDSP", timeZone: "Asia/Seoul" });
  const technician = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECR1" });
  const director = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIRR1" });
  const manager = await createStaff(prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGRR1" });
  const dispatcher = await createDispatcher(prisma, { branchId: branch.id });
  const ticket = await createTicket(prisma, {
    branchId: branch.id,
    receivedAt: new Date("2026-11-20T00:00:00Z"),
    status,
    category: "C_WARRANTY",
    suggestedCategory: "C_WARRANTY",
    assignedTechnicianId: technician.id,
    arrivalDeadline: new Date("2026-11-23T02:00:00Z"),
    ...(status === "ON_SITE" ? { arrivedAt: new Date("2026-11-23T01:00:00Z") } : {}),
  });
  await prisma.assignment.create({ data: { ticketId: ticket.id, technicianId: technician.id, assignedById: dispatcher.id, assignedAt: new Date("2026-11-20T00:00:00Z") } });
  return { prisma, branch, technician, director, manager, dispatcher, ticket };
}

describe("escalations resolve by themselves when their cause ends (R7, R12)", () => {
  it("R7: an overdue alert whose technician arrives resolves itself and never climbs", async () => {
    const { prisma, technician, ticket } = await setup();
    const clock = fixedClock("2026-11-23T03:00:00Z"); // Monday 12:00 Seoul: 1 h overdue
    const deps = jobDeps(prisma, clock, { slack: fakeSlackClient(fake) });
    await runJob(deps, overdueScanJob);
    await deliverQueued(db.current, clock, fake);
    const escalation = await prisma.escalation.findFirstOrThrow({ where: { ticketId: ticket.id } });

    clock.advance(10 * MINUTE); // the technician arrives at 12:10
    await recordArrival({ db: prisma, clock }, { actor: actorFor(technician), ticketId: ticket.id });
    expect(await prisma.escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      resolvedAt: new Date("2026-11-23T03:10:00Z"),
      resolvedBecause: "ARRIVED",
      nextEscalationAt: null,
      level: "DIRECTOR",
    });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "escalation.resolve", entityId: String(escalation.id) } });
    expect(audit).toMatchObject({ actor: "U0TECR1", ticketId: ticket.id, data: { because: "ARRIVED", kind: "OVERDUE", at: "2026-11-23T03:10:00.000Z" } });

    // The arrival queued its thread line and the update of every copy of the alert.
    await deliverQueued(db.current, clock, fake);
    // 12:30 and later: the climb would have been due; nobody is DMed, every copy says it resolved.
    const posts = fake.callsTo("chat.postMessage").length;
    clock.set("2026-11-23T03:31:00Z");
    expect(await runJob(deps, escalationLadderJob)).toEqual([
      // Nothing climbs and nothing is posted.
      expect.objectContaining({ summary: { climbed: 0, reminded: 0, resolved: 0 } }),
    ]);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(posts);
    const ticketTs = (await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).slackMessageTs;
    const updates = fake
      .callsTo("chat.update")
      .map((call) => call.args as { channel: string; ts: string; blocks: unknown })
      .filter((u) => u.ts !== ticketTs);
    expect(updates.map((u) => u.channel).sort()).toEqual(["C0SEOULDSP", "C0SEOULDSP", "D0DIRR1"]);
    for (const update of updates) {
      expect(JSON.stringify(update.blocks)).toContain("Resolved by itself: the technician arrived at");
      expect(JSON.stringify(update.blocks)).not.toContain("escalation_acknowledge");
    }
    clock.advance(60 * MINUTE);
    expect(await runJob(deps, escalationLadderJob)).toEqual([
      expect.objectContaining({ summary: { climbed: 0, reminded: 0, resolved: 0 } }),
    ]);
    // Its three copies (thread reply, channel line, DM) were rewritten once, not again.
    expect(fake.callsTo("chat.update").filter((call) => JSON.stringify((call.args as { blocks: unknown }).blocks).includes("overdue_alert"))).toHaveLength(3);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(posts);
    expect(await prisma.auditLog.count({ where: { action: "escalation.climb" } })).toBe(0);
  });

  it("R7: an arrival the ladder did not see resolve (a race) is re-checked before climbing: the ladder resolves it and DMs nobody", async () => {
    const { prisma, ticket } = await setup();
    const clock = fixedClock("2026-11-23T03:00:00Z");
    const [raised] = await raiseOverdueEscalations({ db: prisma, clock }, { actor: ACTOR, escalateAfterMinutes: 30 });
    // The arrival reaches the ticket without going through recordArrival (another replica, mid-climb).
    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: "ON_SITE", arrivedAt: new Date("2026-11-23T03:05:00Z") } });
    clock.advance(30 * MINUTE);
    expect(await climbDueEscalations({ db: prisma, clock }, { actor: ACTOR })).toEqual([]);
    expect(await prisma.escalation.findUniqueOrThrow({ where: { id: raised.alert.escalationId } })).toMatchObject({ level: "DIRECTOR", resolvedBecause: "ARRIVED", resolvedAt: new Date("2026-11-23T03:05:00Z") });
    expect(await prisma.auditLog.findFirst({ where: { action: "escalation.resolve" } })).toMatchObject({ actor: ACTOR });
  });

  it("R7: a cancelled call's overdue alert resolves at the cancellation; acknowledging it afterwards is refused as resolved", async () => {
    const { prisma, dispatcher, director, ticket } = await setup();
    const clock = fixedClock("2026-11-23T03:00:00Z");
    const [raised] = await raiseOverdueEscalations({ db: prisma, clock }, { actor: ACTOR, escalateAfterMinutes: 30 });
    clock.advance(5 * MINUTE);
    await cancelTicket({ db: prisma, clock }, { actor: actorFor(dispatcher), ticketId: ticket.id, reason: "Customer fixed it" });
    expect(await prisma.escalation.findUniqueOrThrow({ where: { id: raised.alert.escalationId } })).toMatchObject({ resolvedBecause: "CANCELLED", resolvedAt: new Date("2026-11-23T03:05:00Z") });
    await expect(acknowledgeEscalation({ db: prisma, clock }, { actor: actorFor(director), escalationId: raised.alert.escalationId })).rejects.toMatchObject({
      code: "ALREADY_DONE",
      details: { action: "escalation.resolved" },
    });
    clock.advance(60 * MINUTE);
    expect(await climbDueEscalations({ db: prisma, clock }, { actor: ACTOR })).toEqual([]);
  });

  it("R12: a cannot-finish escalation resolves when the call is resolved; its snooze never reminds", async () => {
    const { prisma, technician, director, ticket } = await setup("ON_SITE");
    const clock = fixedClock("2026-11-23T03:00:00Z");
    const raised = await reportCannotFinish({ db: prisma, clock }, { actor: actorFor(technician), ticketId: ticket.id, reason: "Compressor on order", expectedBy: new Date("2026-11-25T09:00:00Z") });
    await snoozeEscalation({ db: prisma, clock }, { actor: actorFor(director), escalationId: raised.alert.escalationId, minutes: 15 });
    clock.advance(10 * MINUTE);
    await reportWork(
      { db: prisma, clock },
      {
        actor: actorFor(technician),
        ticketId: ticket.id,
        submissionKey: "report:r12-resolve",
        hours: [{ category: "C_WARRANTY", hours: 1 }],
        parts: [],
        outcome: "FIXED_ON_SITE",
        settlement: "NONE",
        feeAgreed: false,
        signedByName: "Park",
      },
    );
    expect(await prisma.escalation.findUniqueOrThrow({ where: { id: raised.alert.escalationId } })).toMatchObject({ resolvedBecause: "RESOLVED", resolvedAt: new Date("2026-11-23T03:10:00Z") });
    clock.advance(60 * MINUTE);
    expect(await takeDueSnoozeReminders({ db: prisma, clock })).toBe(0);
    expect(await climbDueEscalations({ db: prisma, clock }, { actor: ACTOR })).toEqual([]);
  });
});
