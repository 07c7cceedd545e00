// R7/R12: with nobody to tell (no active director at the branch, no active manager anywhere), the
// alert goes to the admins and says so; admins see the missing role.
import { fixedClock } from "../../../src/clock";
import { escalationLadderJob } from "../../../src/jobs/escalation-ladder";
import { overdueScanJob } from "../../../src/jobs/overdue-scan";
import { listJobRuns } from "../../../src/services/jobs/list-job-runs";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";
import { fakeSlackClient, jobDeps, runJob } from "../jobs/job-helpers";
import { deliverQueued } from "../../support/outbox";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({ channels: { C0SEOULDSP: { name: "dispatch-seoul" } }, users: { U0DIRA1: { name: "director" }, U0ADMA1: { name: "admin" } } });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

async function setup(options: { director: boolean }) {
  const prisma = db.current.prisma;
  const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul centre", dispatchChannelId: "C0SEOULDSP", timeZone: "Asia/Seoul" });
  const technician = await createTechnician(prisma, { branchId: branch.id });
  if (options.director) await createStaff(prisma, { branchId: branch.id, roles: ["DIRECTOR"], slackUserId: "U0DIRA1" });
  await createStaff(prisma, { branchId: branch.id, roles: ["MANAGER"], slackUserId: "U0MGRGONE", active: false });
  const admin = await createStaff(prisma, { branchId: branch.id, roles: ["ADMIN"], slackUserId: "U0ADMA1" });
  await createTicket(prisma, { branchId: branch.id, receivedAt: new Date("2026-11-20T00:00:00Z"), status: "ACCEPTED", assignedTechnicianId: technician.id, arrivalDeadline: new Date("2026-11-23T02:00:00Z") });
  return { prisma, admin };
}

const posts = () => fake.callsTo("chat.postMessage").map((call) => call.args as { channel: string; blocks: unknown; text: string; thread_ts?: string });

describe("nobody to tell: the admins stand in (R7)", () => {
  it("R7: with no active manager the escalation climbs to the admins, and every copy says so", async () => {
    const { prisma, admin } = await setup({ director: true });
    const clock = fixedClock("2026-11-23T03:00:00Z");
    const deps = jobDeps(prisma, clock, { slack: fakeSlackClient(fake) });
    await runJob(deps, overdueScanJob);
    await deliverQueued(db.current, clock, fake);
    clock.advance(30 * 60_000);
    expect(await runJob(deps, escalationLadderJob)).toEqual([expect.objectContaining({ summary: expect.objectContaining({ climbed: 1 }) })]);
    const adminDm = posts().find((post) => post.channel === "D0ADMA1")!;
    expect(JSON.stringify(adminDm.blocks)).toContain("No active manager — sent to the admins");
    expect(JSON.stringify(adminDm.blocks)).toContain("escalation_acknowledge");
    // Every copy of the alert (not the ticket message, which the outbox also keeps up to date) says so.
    const alertUpdates = fake.callsTo("chat.update").map((call) => JSON.stringify((call.args as { blocks: unknown }).blocks)).filter((blocks) => blocks.includes("overdue_alert"));
    expect(alertUpdates.length).toBeGreaterThan(0);
    for (const blocks of alertUpdates) expect(blocks).toContain("No active manager — sent to the admins");
    expect(await prisma.escalation.findFirstOrThrow()).toMatchObject({ level: "MANAGER", sentToAdminsFor: ["MANAGER"] });
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: "escalation.climb" } })).toMatchObject({ data: { level: "MANAGER", sentToAdminsFor: "MANAGER" } });
    expect(await prisma.escalationMessage.findFirstOrThrow({ where: { channelId: "D0ADMA1" } })).toMatchObject({ staffId: admin.id });
  });

  it("R7: with no active director the overdue alert reaches the admins as well as the dispatch channel, saying so; admins see the missing roles on /repair jobs", async () => {
    const { prisma, admin } = await setup({ director: false });
    const clock = fixedClock("2026-11-23T03:00:00Z");
    const deps = jobDeps(prisma, clock, { slack: fakeSlackClient(fake) });
    expect(await runJob(deps, overdueScanJob)).toEqual([expect.objectContaining({ summary: { raised: 1 } })]);
    await deliverQueued(db.current, clock, fake);
    const adminDm = posts().find((post) => post.channel === "D0ADMA1")!;
    expect(JSON.stringify(adminDm.blocks)).toContain("No active service director at this branch — sent to the admins");
    const channel = posts().find((post) => post.channel === "C0SEOULDSP" && !post.thread_ts && /overdue/i.test(post.text))!;
    expect(JSON.stringify(channel.blocks)).toContain("sent to the admins");
    expect(await prisma.escalation.findFirstOrThrow()).toMatchObject({ sentToAdminsFor: ["DIRECTOR"] });

    const overview = await listJobRuns({ db: prisma }, { actor: actorFor(admin), jobNames: [] });
    expect(overview.missingRoles).toEqual({ noManager: true, branchesWithoutDirector: [{ code: "SEOUL", name: "Seoul centre" }] });
  });
});
