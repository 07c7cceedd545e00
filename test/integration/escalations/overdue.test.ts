import { fixedClock } from "../../../src/clock";
import { isAppError } from "../../../src/errors";
import { overdueScanJob } from "../../../src/jobs/overdue-scan";
import { acknowledgeEscalation } from "../../../src/services/escalations/acknowledge";
import { raiseOverdueEscalations } from "../../../src/services/escalations/raise-overdue";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient, jobDeps, runJob } from "../jobs/job-helpers";
import { deliverQueued } from "../../support/outbox";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({ channels: { C0SEOULDSP: { name: "dispatch-seoul" } }, users: { U0DIR1: { name: "director.one" }, U0DIR2: { name: "director.two" } } });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

// Monday 2026-11-23, 12:00 in Seoul.
const NOW = "2026-11-23T03:00:00Z";
const ACTOR = "system:overdue-scan";

async function branchWithCalls() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", dispatchChannelId: "C0SEOULDSP" });
  const technician = await createTechnician(prisma, { branchId: branch.id });
  const director = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], name: "Director One", slackUserId: "U0DIR1" });
  const secondDirector = await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], name: "Director Two", slackUserId: "U0DIR2" });
  const received = new Date("2026-11-20T01:00:00Z");
  const overdue = await createTicket(prisma, { branchId: branch.id, receivedAt: received, status: "ACCEPTED", assignedTechnicianId: technician.id, arrivalDeadline: new Date("2026-11-23T01:00:00Z") });
  const arrived = await createTicket(prisma, {
    branchId: branch.id,
    receivedAt: received,
    status: "ON_SITE",
    assignedTechnicianId: technician.id,
    arrivalDeadline: new Date("2026-11-23T01:00:00Z"),
    arrivedAt: new Date("2026-11-23T02:00:00Z"),
  });
  const notYetDue = await createTicket(prisma, { branchId: branch.id, receivedAt: received, status: "ASSIGNED", assignedTechnicianId: technician.id, arrivalDeadline: new Date("2026-11-23T05:00:00Z") });
  const cancelled = await createTicket(prisma, { branchId: branch.id, receivedAt: received, status: "CANCELLED", arrivalDeadline: new Date("2026-11-23T01:00:00Z") });
  return { branch, technician, director, secondDirector, overdue, arrived, notYetDue, cancelled };
}

describe("overdue alerts (R7)", () => {
  it("R7: a call past its deadline without an arrival raises one escalation; an arrived, a not-yet-due and a cancelled call do not", async () => {
    const { branch, overdue } = await branchWithCalls();
    const prisma = db.current.prisma;

    const raised = await raiseOverdueEscalations({ db: prisma, clock: fixedClock(NOW) }, { actor: ACTOR });

    expect(raised).toHaveLength(1);
    expect(raised[0].alert).toMatchObject({ ticketId: overdue.id, voucherNo: overdue.voucherNo, arrivalDeadline: new Date("2026-11-23T01:00:00Z") });
    expect(raised[0].directorSlackUserIds).toHaveLength(2);
    expect(await prisma.escalation.findMany()).toEqual([
      expect.objectContaining({ kind: "OVERDUE", level: "DIRECTOR", branchId: branch.id, ticketId: overdue.id, raisedAt: new Date(NOW), acknowledgedAt: null }),
    ]);
    expect(await prisma.ticket.findMany({ where: { overdueAlertedAt: { not: null } }, select: { id: true, overdueAlertedAt: true } })).toEqual([{ id: overdue.id, overdueAlertedAt: new Date(NOW) }]);
    expect(await prisma.auditLog.findMany({ where: { action: "escalation.raise" } })).toEqual([expect.objectContaining({ actor: ACTOR, entity: "Escalation", ticketId: overdue.id })]);
  });

  it("R7: a second scan, even two at once, raises nothing more", async () => {
    await branchWithCalls();
    const prisma = db.current.prisma;
    const clock = fixedClock(NOW);
    const [first, second] = await Promise.all([raiseOverdueEscalations({ db: prisma, clock }, { actor: ACTOR }), raiseOverdueEscalations({ db: prisma, clock }, { actor: ACTOR })]);
    expect(first.length + second.length).toBe(1);
    clock.advance(60_000);
    expect(await raiseOverdueEscalations({ db: prisma, clock }, { actor: ACTOR })).toEqual([]);
    expect(await prisma.escalation.count()).toBe(1);
  });

  it("R7: the job posts the thread reply, the channel alert and one DM per director, and records each message; the next minute posts nothing", async () => {
    const { overdue } = await branchWithCalls();
    const prisma = db.current.prisma;
    const posted = await fakeSlackClient(fake).chat.postMessage({ channel: "C0SEOULDSP", text: `Ticket ${overdue.voucherNo}` });
    await prisma.ticket.update({ where: { id: overdue.id }, data: { slackChannelId: "C0SEOULDSP", slackMessageTs: posted.ts! } });
    const clock = fixedClock(NOW);
    const deps = jobDeps(prisma, clock, { slack: fakeSlackClient(fake) });

    expect(await runJob(deps, overdueScanJob)).toEqual([{ branch: null, periodKey: "overdue-scan:2026-11-23T03:00", outcome: "ran", summary: { raised: 1 } }]);
    await deliverQueued(db.current, clock, fake);
    expect(await prisma.escalationMessage.count()).toBe(4);
    clock.advance(60_000);
    expect(await runJob(deps, overdueScanJob)).toEqual([expect.objectContaining({ periodKey: "overdue-scan:2026-11-23T03:01", summary: { raised: 0 } })]);
    await deliverQueued(db.current, clock, fake);
  });

  it("R7: two directors acknowledge at once: exactly one wins, the other is told who acknowledged and when", async () => {
    const { director, secondDirector } = await branchWithCalls();
    const prisma = db.current.prisma;
    const clock = fixedClock(NOW);
    const [raised] = await raiseOverdueEscalations({ db: prisma, clock }, { actor: ACTOR });
    clock.advance(5 * 60_000);
    const deps = { db: prisma, clock };

    const results = await Promise.allSettled([
      acknowledgeEscalation(deps, { actor: actorFor(director), escalationId: raised.alert.escalationId }),
      acknowledgeEscalation(deps, { actor: actorFor(secondDirector), escalationId: raised.alert.escalationId }),
    ]);

    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const stored = await prisma.escalation.findUniqueOrThrow({ where: { id: raised.alert.escalationId }, include: { acknowledgedBy: true } });
    expect(stored.acknowledgedAt).toEqual(clock.now());
    const error = lost[0].reason as unknown;
    expect(isAppError(error) && error.code).toBe("ALREADY_DONE");
    expect(isAppError(error) && error.details).toMatchObject({ by: stored.acknowledgedBy!.slackUserId, at: clock.now().toISOString() });
    expect(await prisma.auditLog.count({ where: { action: "escalation.acknowledge" } })).toBe(1);
  });

  it("R7: a technician may not acknowledge, nor a director of another branch; a manager of any branch may", async () => {
    const { technician } = await branchWithCalls();
    const prisma = db.current.prisma;
    const clock = fixedClock(NOW);
    const [raised] = await raiseOverdueEscalations({ db: prisma, clock }, { actor: ACTOR });
    const elsewhere = await createBranchWithCalendar(prisma, { code: "BUSAN" });
    const otherDirector = await createStaff(prisma, { branchId: elsewhere.id, roles: ["DIRECTOR"] });
    const manager = await createStaff(prisma, { branchId: elsewhere.id, roles: ["MANAGER"] });
    const escalationId = raised.alert.escalationId;

    for (const refused of [technician, otherDirector]) {
      await expect(acknowledgeEscalation({ db: prisma, clock }, { actor: actorFor(refused), escalationId })).rejects.toMatchObject({
        code: "FORBIDDEN",
        details: { action: "escalation.acknowledge", rolesAllowed: ["DIRECTOR", "MANAGER"] },
      });
    }
    expect(await prisma.escalation.findUniqueOrThrow({ where: { id: escalationId } })).toMatchObject({ acknowledgedAt: null });
    await expect(acknowledgeEscalation({ db: prisma, clock }, { actor: actorFor(manager), escalationId })).resolves.toMatchObject({ acknowledgedBy: manager.slackUserId });
  });
});
