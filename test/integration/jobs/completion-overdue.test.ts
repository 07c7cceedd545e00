// R12: parked calls (ON_HOLD, IN_WORKSHOP) are looked at again when their expected completion passes.
import { fixedClock } from "../../../src/clock";
import { completionOverdueScanJob } from "../../../src/jobs/completion-overdue-scan";
import { escalationLadderJob } from "../../../src/jobs/escalation-ladder";
import { reportWork } from "../../../src/services/tickets/report-work";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createDispatcher, createStaff, createTechnician, createTicket } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient, jobDeps, runJob } from "./job-helpers";
import { deliverQueued } from "../../support/outbox";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({ channels: { C0SEOULDSP: { name: "dispatch-seoul" } }, users: { U0DIRC1: { name: "director" }, U0MGRC1: { name: "manager" }, U0TECC1: { name: "tech" } } });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const MINUTE = 60_000;

async function setup() {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", dispatchChannelId: "C0SEOULDSP", timeZone: "Asia/Seoul" });
  const technician = await createTechnician(prisma, { branchId: branch.id, slackUserId: "U0TECC1" });
  await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIRC1" });
  await createStaff(prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGRC1" });
  const dispatcher = await createDispatcher(prisma, { branchId: branch.id });
  const ticket = await createTicket(prisma, {
    branchId: branch.id,
    receivedAt: new Date("2026-11-20T00:00:00Z"),
    status: "ON_SITE",
    category: "C_WARRANTY",
    suggestedCategory: "C_WARRANTY",
    assignedTechnicianId: technician.id,
    arrivalDeadline: new Date("2026-11-20T06:00:00Z"),
    arrivedAt: new Date("2026-11-20T05:00:00Z"),
  });
  await prisma.assignment.create({ data: { ticketId: ticket.id, technicianId: technician.id, assignedById: dispatcher.id, assignedAt: new Date("2026-11-20T00:00:00Z") } });
  return { prisma, technician, ticket };
}

describe("parked calls past their expected completion (R12)", () => {
  it("R12: a rescheduled call whose expected completion passes without a result escalates to the directors once, climbs the same ladder, and a new expected completion can raise again", async () => {
    const { prisma, technician, ticket } = await setup();
    const clock = fixedClock("2026-11-23T01:00:00Z"); // Monday 10:00 Seoul
    const deps = jobDeps(prisma, clock, { slack: fakeSlackClient(fake) });
    const report = (key: string, expectedCompletionAt: Date) =>
      reportWork(
        { db: prisma, clock },
        { actor: actorFor(technician), ticketId: ticket.id, submissionKey: key, hours: [{ category: "C_WARRANTY", hours: 1 }], parts: [], outcome: "RESCHEDULED", settlement: "NONE", feeAgreed: false, expectedCompletionAt },
      );
    await report("r12-first", new Date("2026-11-23T05:00:00Z")); // promised for 14:00

    clock.set("2026-11-23T04:59:00Z");
    expect(await runJob(deps, completionOverdueScanJob)).toEqual([expect.objectContaining({ summary: { raised: 0 } })]);
    await deliverQueued(db.current, clock, fake);
    clock.set("2026-11-23T05:01:00Z");
    expect(await runJob(deps, completionOverdueScanJob)).toEqual([expect.objectContaining({ summary: { raised: 1 } })]);
    await deliverQueued(db.current, clock, fake);
    const escalation = await prisma.escalation.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(escalation).toMatchObject({ kind: "COMPLETION_OVERDUE", level: "DIRECTOR", expectedBy: new Date("2026-11-23T05:00:00Z"), nextEscalationAt: new Date("2026-11-23T05:31:00Z") });
    const directorDm = fake.callsTo("chat.postMessage").map((call) => call.args as { channel: string; blocks: unknown }).find((post) => post.channel === "D0DIRC1")!;
    expect(JSON.stringify(directorDm.blocks)).toContain("was expected to be finished by");
    expect(JSON.stringify(directorDm.blocks)).toContain("escalation_acknowledge");
    expect(await prisma.auditLog.count({ where: { action: "escalation.raise", data: { path: ["kind"], equals: "COMPLETION_OVERDUE" } } })).toBe(1);

    // Once per expected completion.
    clock.advance(MINUTE);
    expect(await runJob(deps, completionOverdueScanJob)).toEqual([expect.objectContaining({ summary: { raised: 0 } })]);
    await deliverQueued(db.current, clock, fake);

    // Unacknowledged for 30 working minutes it climbs to the managers, like R7.
    clock.set("2026-11-23T05:31:00Z");
    expect(await runJob(deps, escalationLadderJob)).toEqual([expect.objectContaining({ summary: expect.objectContaining({ climbed: 1 }) })]);

    // A new expected completion (back on site, rescheduled again) can raise again when it passes.
    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: "ON_SITE" } });
    await report("r12-second", new Date("2026-11-24T05:00:00Z"));
    clock.set("2026-11-24T05:01:00Z");
    expect(await runJob(deps, completionOverdueScanJob)).toEqual([expect.objectContaining({ summary: { raised: 1 } })]);
    await deliverQueued(db.current, clock, fake);
    expect(await prisma.escalation.count({ where: { ticketId: ticket.id, kind: "COMPLETION_OVERDUE" } })).toBe(2);
  });

  it("R12: an item in the workshop past its expected completion escalates; once it is resolved nothing is raised", async () => {
    const { prisma, ticket } = await setup();
    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: "IN_WORKSHOP", expectedCompletionAt: new Date("2026-11-23T05:00:00Z") } });
    const clock = fixedClock("2026-11-23T06:00:00Z");
    const deps = jobDeps(prisma, clock, { slack: fakeSlackClient(fake) });
    expect(await runJob(deps, completionOverdueScanJob)).toEqual([expect.objectContaining({ summary: { raised: 1 } })]);
    await deliverQueued(db.current, clock, fake);

    await createTicket(prisma, { branchId: ticket.branchId, receivedAt: new Date("2026-11-20T00:00:00Z"), status: "RESOLVED", resolvedAt: new Date("2026-11-23T04:00:00Z"), expectedCompletionAt: new Date("2026-11-23T05:00:00Z") });
    clock.advance(MINUTE);
    expect(await runJob(deps, completionOverdueScanJob)).toEqual([expect.objectContaining({ summary: { raised: 0 } })]);
    await deliverQueued(db.current, clock, fake);
  });
});
