// R7/R12: the every-minute scans raise many calls at once: each branch's calendar and directors are
// read once, and the calls are marked, escalated, audited and queued for Slack set-wise, so the
// statements a scan issues do not grow with the calls (bench/year.ts measures it on a year of data).
import { PrismaPg } from "@prisma/adapter-pg";
import { fixedClock } from "../../../src/clock";
import type { Db } from "../../../src/db";
import { PrismaClient } from "../../../src/generated/prisma/client";
import { raiseCompletionOverdue } from "../../../src/services/escalations/raise-completion-overdue";
import { raiseOverdueEscalations } from "../../../src/services/escalations/raise-overdue";
import { ticketOf } from "../../../src/services/outbox/effects";
import { useTestDatabase } from "../../support/db";
import { createBranchWithCalendar, createStaff, createTechnician, createTicket } from "../../support/factories/data";
import { queuedEffects } from "../../support/outbox";

const db = useTestDatabase();

// Monday 2026-11-23, 12:00 in Seoul, 04:00 in Paris (before its opening).
const NOW = "2026-11-23T03:00:00Z";
const ACTOR = "system:overdue-scan";

/** A client on the test database that counts the SQL it sends (transaction control aside). */
function countingClient(): { client: Db; statements: () => number; close: () => Promise<void> } {
  let count = 0;
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.current.url, max: 2 }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => {
    if (!/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(event.query)) count += 1;
  });
  return { client: client as unknown as Db, statements: () => count, close: () => client.$disconnect() };
}

async function twoBranches() {
  const prisma = db.current.prisma;
  const seoul = await createBranchWithCalendar(prisma, { code: "SEOUL", timeZone: "Asia/Seoul" });
  const paris = await createBranchWithCalendar(prisma, { code: "PARIS", timeZone: "Europe/Paris" });
  const seoulDirector = await createStaff(prisma, { branchId: seoul.id, roles: ["DIRECTOR"] });
  // Paris has no director: its alerts go to the admins and say so.
  const admin = await createStaff(prisma, { branchId: seoul.id, roles: ["ADMIN"] });
  const seoulTechnician = await createTechnician(prisma, { branchId: seoul.id });
  const parisTechnician = await createTechnician(prisma, { branchId: paris.id });
  return { prisma, seoul, paris, seoulDirector, admin, seoulTechnician, parisTechnician };
}

async function overdueCalls(setup: Awaited<ReturnType<typeof twoBranches>>, perBranch: number) {
  const calls = [];
  for (let i = 0; i < perBranch; i++) {
    for (const [branch, technician] of [
      [setup.seoul, setup.seoulTechnician],
      [setup.paris, setup.parisTechnician],
    ] as const) {
      calls.push(
        await createTicket(setup.prisma, {
          branchId: branch.id,
          receivedAt: new Date("2026-11-20T00:00:00Z"),
          status: "ACCEPTED",
          assignedTechnicianId: technician.id,
          arrivalDeadline: new Date(Date.parse("2026-11-23T01:00:00Z") - i * 60_000),
        }),
      );
    }
  }
  return calls;
}

describe("scans over many calls (R7, R12)", () => {
  it("R7: one scan raises the overdue calls of two branches, each on its own calendar and directors, with an audit row, a refresh and an alert queued per call", async () => {
    const setup = await twoBranches();
    const calls = await overdueCalls(setup, 3);

    const raised = await raiseOverdueEscalations({ db: setup.prisma, clock: fixedClock(NOW) }, { actor: ACTOR, escalateAfterMinutes: 30 });

    // Oldest deadline first, as before.
    const byDeadline = [...calls].sort((a, b) => a.arrivalDeadline!.getTime() - b.arrivalDeadline!.getTime() || a.id - b.id);
    expect(raised.map((r) => r.alert.ticketId)).toEqual(byDeadline.map((c) => c.id));
    const seoulAlert = raised.find((r) => r.alert.ticketId === calls[0].id)!;
    const parisAlert = raised.find((r) => r.alert.ticketId === calls[1].id)!;
    expect(seoulAlert).toMatchObject({ directorSlackUserIds: [setup.seoulDirector.slackUserId], alert: { timeZone: "Asia/Seoul", sentToAdminsFor: [] } });
    expect(parisAlert).toMatchObject({ directorSlackUserIds: [setup.admin.slackUserId], alert: { timeZone: "Europe/Paris", sentToAdminsFor: ["DIRECTOR"] } });

    const escalations = await setup.prisma.escalation.findMany({ orderBy: { id: "asc" } });
    expect(escalations).toHaveLength(6);
    for (const escalation of escalations) {
      const seoul = escalation.branchId === setup.seoul.id;
      // 30 working minutes: 12:30 in Seoul; Paris opens at 09:00 (08:00Z), so 09:30 there.
      expect(escalation).toMatchObject({ kind: "OVERDUE", level: "DIRECTOR", raisedAt: new Date(NOW), nextEscalationAt: new Date(seoul ? "2026-11-23T03:30:00Z" : "2026-11-23T08:30:00Z"), sentToAdminsFor: seoul ? [] : ["DIRECTOR"] });
    }
    const audits = await setup.prisma.auditLog.findMany({ where: { action: "escalation.raise" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => ({ entityId: a.entityId, ticketId: a.ticketId, actor: a.actor, at: a.at }))).toEqual(escalations.map((e) => ({ entityId: String(e.id), ticketId: e.ticketId, actor: ACTOR, at: new Date(NOW) })));
    expect(audits.find((a) => a.ticketId === calls[1].id)!.data).toEqual({ kind: "OVERDUE", level: "DIRECTOR", sentToAdminsFor: "DIRECTOR" });
    expect(audits.find((a) => a.ticketId === calls[0].id)!.data).toEqual({ kind: "OVERDUE", level: "DIRECTOR" });

    // Per call: its message's refresh (coalescing key), then the alert, in that order in its queue
    // (the worker takes a queue's jobs by run_at).
    const effects = await queuedEffects(setup.prisma);
    const runAts = await setup.prisma.$queryRaw<Array<{ payload: { kind: string; ticketId: number } }>>`SELECT payload FROM graphile_worker._private_jobs ORDER BY run_at`;
    for (const escalation of escalations) {
      expect(effects.filter((e) => ticketOf(e.effect) === escalation.ticketId)).toEqual([
        expect.objectContaining({ effect: { kind: "ticket-message", ticketId: escalation.ticketId }, key: `ticket:${escalation.ticketId}:message` }),
        expect.objectContaining({ effect: { kind: "escalation-raised", ticketId: escalation.ticketId, escalationId: escalation.id }, key: null }),
      ]);
      expect(runAts.filter((job) => job.payload.ticketId === escalation.ticketId).map((job) => job.payload.kind)).toEqual(["ticket-message", "escalation-raised"]);
    }
  });

  it("R7: raising 12 overdue calls takes as many statements as raising 2", async () => {
    const statementsFor = async (perBranch: number) => {
      const setup = await twoBranches();
      await overdueCalls(setup, perBranch);
      const counting = countingClient();
      try {
        expect(await raiseOverdueEscalations({ db: counting.client, clock: fixedClock(NOW) }, { actor: ACTOR })).toHaveLength(2 * perBranch);
        return counting.statements();
      } finally {
        await counting.close();
        await db.current.reset();
      }
    };
    const few = await statementsFor(1);
    expect(await statementsFor(6)).toBe(few);
  });

  it("R7: a call another transaction holds is left for the next scan, which raises it once", async () => {
    const setup = await twoBranches();
    const [held, free] = await overdueCalls(setup, 1);
    const clock = fixedClock(NOW);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = setup.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Ticket" WHERE id = ${held.id} FOR UPDATE`;
      locked();
      await released;
    });
    await isLocked;
    const first = await raiseOverdueEscalations({ db: setup.prisma, clock }, { actor: ACTOR });
    release();
    await holder;
    expect(first.map((r) => r.alert.ticketId)).toEqual([free.id]);

    clock.advance(60_000);
    expect((await raiseOverdueEscalations({ db: setup.prisma, clock }, { actor: ACTOR })).map((r) => r.alert.ticketId)).toEqual([held.id]);
    expect(await raiseOverdueEscalations({ db: setup.prisma, clock }, { actor: ACTOR })).toEqual([]);
    expect(await setup.prisma.escalation.count()).toBe(2);
  });

  it("R12: one completion scan raises the parked calls of two branches, each naming the expected completion that passed, in as many statements for 12 calls as for 2", async () => {
    const statementsFor = async (perBranch: number) => {
      const setup = await twoBranches();
      const calls = await overdueCalls(setup, perBranch);
      const expected = new Date("2026-11-23T02:00:00Z");
      await setup.prisma.ticket.updateMany({ where: { id: { in: calls.map((c) => c.id) } }, data: { status: "ON_HOLD", arrivedAt: new Date("2026-11-20T02:00:00Z"), expectedCompletionAt: expected } });
      await setup.prisma.ticket.update({ where: { id: calls[0].id }, data: { status: "IN_WORKSHOP" } });
      const counting = countingClient();
      try {
        const raised = await raiseCompletionOverdue({ db: counting.client, clock: fixedClock(NOW) }, { actor: "system:completion-overdue-scan" });
        expect(raised).toHaveLength(2 * perBranch);
        const escalations = await setup.prisma.escalation.findMany();
        expect(escalations).toHaveLength(2 * perBranch);
        for (const escalation of escalations) expect(escalation).toMatchObject({ kind: "COMPLETION_OVERDUE", expectedBy: expected, raisedAt: new Date(NOW) });
        const audit = await setup.prisma.auditLog.findFirstOrThrow({ where: { action: "escalation.raise", ticketId: calls[0].id } });
        expect(audit.data).toEqual({ kind: "COMPLETION_OVERDUE", level: "DIRECTOR", expectedBy: expected.toISOString(), status: "IN_WORKSHOP" });
        expect(await setup.prisma.ticket.count({ where: { completionAlertedAt: new Date(NOW) } })).toBe(2 * perBranch);
        expect(await raiseCompletionOverdue({ db: setup.prisma, clock: fixedClock(NOW) }, { actor: "system:completion-overdue-scan" })).toEqual([]);
        return counting.statements();
      } finally {
        await counting.close();
        await db.current.reset();
      }
    };
    const few = await statementsFor(1);
    expect(await statementsFor(6)).toBe(few);
  });
});
