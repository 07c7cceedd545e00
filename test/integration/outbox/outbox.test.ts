// The outbox against the Slack fake: what reaches Slack once, in order, retried or recorded as
// failed by what Slack answered, and what survives a bot killed in the middle of an effect.
import { Client } from "pg";
import { fixedClock } from "../../../src/clock";
import type { Outbox } from "../../../src/publish/outbox";
import { carryOverJob } from "../../../src/jobs/carry-over";
import { runJob } from "../../../src/jobs/runner";
import { enqueueEscalationCopies, enqueueTicketLine, enqueueTicketRefresh } from "../../../src/services/outbox/enqueue";
import { resendSlackFailure } from "../../../src/services/outbox/failures";
import { useTestDatabase } from "../../support/db";
import { eventually } from "../../support/eventually";
import { fakeSlackClient, jobDeps } from "../jobs/job-helpers";
import { actorFor, createBranchWithCalendar, createStaff, createTicket } from "../../support/factories/data";
import { queuedEffects, startTestOutbox, untilDelivered } from "../../support/outbox";
import { startSlackFake, type SlackFake } from "../../../src/sandbox/slack";

const db = useTestDatabase();
const DISPATCH = "C0OUTBOX";
const clock = fixedClock("2026-11-23T01:00:00Z");

let fake: SlackFake;
let outbox: Outbox | undefined;
beforeAll(async () => {
  fake = await startSlackFake({ channels: { [DISPATCH]: { name: "dispatch-seoul" }, C0ARCHIVED: { name: "old-dispatch" } } });
});
afterEach(async () => {
  await outbox?.stop();
  outbox = undefined;
  fake.reset();
});
afterAll(() => fake.close());

async function openCall(dispatchChannelId = DISPATCH) {
  const branch = await createBranchWithCalendar(db.current.prisma, { timeZone: "Asia/Seoul", dispatchChannelId });
  return createTicket(db.current.prisma, { branchId: branch.id, receivedAt: new Date("2026-11-23T00:30:00Z") });
}

const topLevel = (channel = DISPATCH) => fake.messagesIn(channel).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
const calls = (method: string) => fake.calls.filter((call) => call.method === method);
const line = (text: string) => ({ kind: "rendered" as const, text });

describe("the outbox", () => {
  it("posts a call's message once, then updates it in place, with its lines in order in one thread", async () => {
    const ticket = await openCall();
    await enqueueTicketLine(db.current.prisma, { ticketId: ticket.id, line: line("first") });
    await enqueueTicketLine(db.current.prisma, { ticketId: ticket.id, line: line("second") });
    await enqueueTicketLine(db.current.prisma, { ticketId: ticket.id, line: line("third") });
    outbox = await startTestOutbox(db.current, clock, fake);
    await untilDelivered(db.current.prisma);

    expect(topLevel()).toHaveLength(1);
    const [message] = topLevel();
    expect(fake.messagesIn(DISPATCH, message.ts).slice(1).map((m) => m.text)).toEqual(["first", "second", "third"]);
    expect(await db.current.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ slackChannelId: DISPATCH, slackMessageTs: message.ts });

    await enqueueTicketRefresh(db.current.prisma, ticket.id);
    await untilDelivered(db.current.prisma);
    expect(topLevel()).toHaveLength(1);
    expect(calls("chat.update").length).toBeGreaterThanOrEqual(1);
  });

  it("keeps the order of the lines one change queued together", async () => {
    const ticket = await openCall();
    const texts = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`);
    await db.current.prisma.$transaction(async (tx) => {
      for (const text of texts) await enqueueTicketLine(tx, { ticketId: ticket.id, line: line(text) });
    });
    outbox = await startTestOutbox(db.current, clock, fake);
    await untilDelivered(db.current.prisma);
    const [message] = topLevel();
    expect(fake.messagesIn(DISPATCH, message.ts).slice(1).map((m) => m.text)).toEqual(texts);
  });

  it("coalesces the refreshes of one message that wait: the latest state is rendered once", async () => {
    const ticket = await openCall();
    for (let i = 0; i < 5; i++) await enqueueTicketRefresh(db.current.prisma, ticket.id);
    expect(await queuedEffects(db.current.prisma)).toEqual([expect.objectContaining({ effect: { kind: "ticket-message", ticketId: ticket.id }, key: `ticket:${ticket.id}:message` })]);
  });

  it("queues nothing when the change's transaction rolls back", async () => {
    const ticket = await openCall();
    await expect(
      db.current.prisma.$transaction(async (tx) => {
        await enqueueTicketLine(tx, { ticketId: ticket.id, line: line("never") });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await queuedEffects(db.current.prisma)).toEqual([]);
  });

  it("waits out Slack's HTTP 429 for its Retry-After and posts once", async () => {
    const ticket = await openCall();
    fake.rateLimitNext("chat.postMessage", 1);
    const started = Date.now();
    outbox = await startTestOutbox(db.current, clock, fake);
    await enqueueTicketRefresh(db.current.prisma, ticket.id);
    await untilDelivered(db.current.prisma);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(calls("chat.postMessage")).toHaveLength(2);
    expect(topLevel()).toHaveLength(1);
  });

  it.each([
    ["an HTTP 500", (f: SlackFake) => f.serverErrorNext("chat.postMessage")],
    ["ok:false ratelimited", (f: SlackFake) => f.failNext("chat.postMessage", "ratelimited")],
    ["ok:false internal_error", (f: SlackFake) => f.failNext("chat.postMessage", "internal_error")],
  ])("tries again later after %s, and posts once", async (_what, fail) => {
    const ticket = await openCall();
    fail(fake);
    outbox = await startTestOutbox(db.current, clock, fake);
    await enqueueTicketRefresh(db.current.prisma, ticket.id);
    await eventuallyQueued((effects) => effects.length === 1 && effects[0]!.attempts === 1 && effects[0]!.lastError !== null);
    await untilDelivered(db.current.prisma, 15_000);
    expect(topLevel()).toHaveLength(1);
    expect(await db.current.prisma.slackEffectFailure.count()).toBe(0);
  });

  it.each(["channel_not_found", "not_in_channel", "is_archived"])("records %s as failed for the admins after one try", async (error) => {
    const ticket = await openCall();
    fake.failNext("chat.postMessage", error);
    outbox = await startTestOutbox(db.current, clock, fake);
    await enqueueTicketRefresh(db.current.prisma, ticket.id);
    await untilDelivered(db.current.prisma);
    expect(calls("chat.postMessage")).toHaveLength(1);
    expect(await db.current.prisma.slackEffectFailure.findMany()).toEqual([
      expect.objectContaining({ ticketId: ticket.id, error, attempts: 1, resentAt: null, effect: { kind: "ticket-message", ticketId: ticket.id } }),
    ]);
  });

  it("adopts the message an attempt posted before the bot died, instead of posting a second one", async () => {
    const ticket = await openCall();
    // The bot posted, then died before recording the ts: the message exists with its metadata.
    await db.current.prisma.ticket.update({ where: { id: ticket.id }, data: { slackPostStartedAt: clock.now() } });
    const web = fakeSlackClient(fake);
    const posted = await web.chat.postMessage({ channel: DISPATCH, text: "half-posted", metadata: { event_type: "servicedesk_ticket", event_payload: { ticket_id: ticket.id } } });
    outbox = await startTestOutbox(db.current, clock, fake);
    await enqueueTicketLine(db.current.prisma, { ticketId: ticket.id, line: line("registered") });
    await untilDelivered(db.current.prisma);
    expect(topLevel()).toHaveLength(1);
    expect(await db.current.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ slackMessageTs: posted.ts });
    expect(fake.messagesIn(DISPATCH, posted.ts!).map((m) => m.text)).toEqual([expect.stringContaining(ticket.voucherNo), "registered"]);
  });

  it("R8: a job's posts wait out a Slack outage: the carry-over list queued with the carry-over is posted once when Slack answers again", async () => {
    const ticket = await openCall();
    // Slack fails the first three posts (the call's message, then twice more): the job is not held up.
    for (let i = 0; i < 3; i++) fake.serverErrorNext("chat.postMessage");
    const [outcome] = await runJob(jobDeps(db.current.prisma, fixedClock("2026-11-24T00:00:00Z")), carryOverJob, { date: "2026-11-24" });
    expect(outcome).toMatchObject({ outcome: "ran", summary: { carried: 1 } });
    expect((await queuedEffects(db.current.prisma)).map((queued) => queued.effect.kind).sort()).toEqual(["carry-over-list", "ticket-line", "ticket-message"]);
    outbox = await startTestOutbox(db.current, clock, fake);
    await untilDelivered(db.current.prisma, 20_000);
    const lists = topLevel().filter((message) => message.text.includes("carried over to today"));
    expect(lists).toHaveLength(1);
    expect(JSON.stringify(lists[0]!.blocks)).toContain(ticket.voucherNo);
    expect(await db.current.prisma.slackEffectFailure.count()).toBe(0);
  });

  it("R8: a job's post Slack refuses for good is listed for the admins with its kind, and Resend posts it as it was queued", async () => {
    const ticket = await openCall("C0ARCHIVED");
    await runJob(jobDeps(db.current.prisma, fixedClock("2026-11-24T00:00:00Z")), carryOverJob, { date: "2026-11-24" });
    await db.current.prisma.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE payload->>'kind' <> 'carry-over-list'`;
    fake.failNext("chat.postMessage", "not_in_channel");
    outbox = await startTestOutbox(db.current, clock, fake);
    await untilDelivered(db.current.prisma);
    const [failure] = await db.current.prisma.slackEffectFailure.findMany();
    expect(failure).toMatchObject({ ticketId: null, error: "not_in_channel", attempts: 1 });
    const admin = await createStaff(db.current.prisma, { roles: ["ADMIN"], branchId: ticket.branchId });
    expect(await resendSlackFailure({ db: db.current.prisma, clock }, { actor: actorFor(admin), failureId: failure!.id })).toMatchObject({ change: "resent" });
    await untilDelivered(db.current.prisma);
    const [list] = topLevel("C0ARCHIVED").filter((message) => message.text.includes("carried over to today"));
    // The list's dates survived the round trip through the failure and the queue (received 09:30 Seoul).
    expect(JSON.stringify(list!.blocks)).toContain(ticket.voucherNo);
    expect(JSON.stringify(list!.blocks)).toContain(String(Math.floor(new Date("2026-11-23T00:30:00Z").getTime() / 1000)));
  });

  it("R7: the updates of one alert's copies that wait coalesce into one", async () => {
    const ticket = await openCall();
    for (let i = 0; i < 4; i++) await enqueueEscalationCopies(db.current.prisma, { ticketId: ticket.id, escalationId: 41 });
    expect(await queuedEffects(db.current.prisma)).toEqual([expect.objectContaining({ effect: { kind: "escalation-copies", ticketId: ticket.id, escalationId: 41 }, key: "escalation:41:copies" })]);
  });

  it("frees within seconds the effects a killed bot held, and leaves a live bot's alone", async () => {
    const dead = await openCall();
    const live = await openCall();
    await enqueueTicketRefresh(db.current.prisma, dead.id);
    await enqueueTicketRefresh(db.current.prisma, live.id);
    // A live bot holds its liveness lock; the dead one's went with its connection.
    const liveBot = new Client({ connectionString: db.current.url });
    await liveBot.connect();
    try {
      await liveBot.query("SELECT pg_advisory_lock(74110011, 777)");
      await db.current.prisma.$executeRaw`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = CASE WHEN payload->>'ticketId' = ${String(dead.id)} THEN 'outbox-999-0' ELSE 'outbox-777-0' END`;
      outbox = await startTestOutbox(db.current, clock, fake);
      await eventuallyQueued((effects) => effects.length === 1);
      expect((await queuedEffects(db.current.prisma))[0]!.effect).toEqual({ kind: "ticket-message", ticketId: live.id });
      expect(await outbox.reap()).toEqual([]);
      expect(topLevel()).toHaveLength(1);
    } finally {
      await liveBot.end();
    }
  });
});

describe("the queues' upkeep", () => {
  it("deletes the queues left empty, never one with a job, nor while a job is being added to a queue", async () => {
    const prisma = db.current.prisma;
    const ticket = await openCall();
    // A call's queue whose effect waits an hour, and a thread's queue whose replies were all handled.
    await prisma.$executeRaw`SELECT graphile_worker.add_job('slack', json_build_object('kind', 'ticket-message', 'ticketId', ${ticket.id}::int),
      queue_name => ${`ticket:${ticket.id}`}::text, run_at => now() + interval '1 hour')`;
    await prisma.$executeRaw`INSERT INTO graphile_worker._private_job_queues (queue_name) VALUES ('thread:C0OUTBOX:1700000000.000100')`;
    // Another transaction is adding a job to a queue: it holds the lock shared until it commits.
    const adding = new Client({ connectionString: db.current.url });
    await adding.connect();
    try {
      await adding.query("BEGIN");
      await adding.query("SELECT pg_advisory_xact_lock_shared(74110013, 0)");
      const started = await startTestOutbox(db.current, clock, fake);
      outbox = started;
      expect(await started.collectQueues()).toBe(0);
      await adding.query("COMMIT");
      // Now a collection deletes it (this call's, or the outbox's own round of every 5 s, which may
      // hold the collection's lock at this moment on a busy machine: then the next call does).
      const queueNames = async () => (await prisma.$queryRaw<{ queue_name: string }[]>`SELECT queue_name FROM graphile_worker._private_job_queues ORDER BY queue_name`).map((q) => q.queue_name);
      let left: string[] = [];
      await eventually(
        async () => {
          await started.collectQueues();
          left = await queueNames();
          return !left.includes("thread:C0OUTBOX:1700000000.000100");
        },
        10_000,
        "the empty queue's deletion",
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}; queues left: ${left.join(", ")}`);
      });
      expect(left).toEqual([`ticket:${ticket.id}`]);
    } finally {
      await adding.end();
    }
  }, 30_000);
});

async function eventuallyQueued(check: (effects: Awaited<ReturnType<typeof queuedEffects>>) => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check(await queuedEffects(db.current.prisma))) {
    if (Date.now() > deadline) throw new Error("the queue did not reach the expected state");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
