import { fixedClock } from "../../../src/clock";
import { repostUnpostedJob } from "../../../src/jobs/repost-unposted";
import { runJob } from "../../../src/jobs/runner";
import { useTestDatabase } from "../../support/db";
import { createBranchWithCalendar, createTicket } from "../../support/factories/data";
import { startSlackFake, type SlackFake } from "../../support/slack-fake";
import { fakeSlackClient, jobDeps } from "./job-helpers";

const db = useTestDatabase();
let fake: SlackFake;
beforeAll(async () => {
  fake = await startSlackFake({ channels: { C0SEOULDSP: { name: "dispatch-seoul" } } });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const NOW = new Date("2026-11-23T02:00:00Z");
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

describe("repost-unposted job", () => {
  it("a call committed but never shown in the dispatch channel is posted, with a thread line saying it is late; a post in flight is left alone", async () => {
    const prisma = db.current.prisma;
    const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", dispatchChannelId: "C0SEOULDSP" });
    const lost = await createTicket(prisma, { branchId: branch.id, createdAt: minutesAgo(10), receivedAt: minutesAgo(10) });
    const inFlight = await createTicket(prisma, { branchId: branch.id, createdAt: minutesAgo(1), receivedAt: minutesAgo(1) });
    const posted = await createTicket(prisma, { branchId: branch.id, createdAt: minutesAgo(10), receivedAt: minutesAgo(10), slackChannelId: "C0SEOULDSP", slackMessageTs: "1.000001" });
    const cancelled = await createTicket(prisma, { branchId: branch.id, createdAt: minutesAgo(10), receivedAt: minutesAgo(10), status: "CANCELLED" });

    const outcomes = await runJob(jobDeps(prisma, fixedClock(NOW), { slack: fakeSlackClient(fake) }), repostUnpostedJob);

    expect(outcomes).toEqual([expect.objectContaining({ outcome: "ran", summary: { posted: 1 } })]);
    const rows = await prisma.ticket.findMany({ where: { id: { in: [lost.id, inFlight.id, posted.id, cancelled.id] } }, orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.id, row.slackMessageTs !== null])).toEqual([
      [lost.id, true],
      [inFlight.id, false],
      [posted.id, true],
      [cancelled.id, false],
    ]);
    const lostRow = rows[0];
    const channel = fake.messagesIn("C0SEOULDSP");
    expect(channel.find((message) => message.ts === lostRow.slackMessageTs)?.text).toContain(lost.voucherNo);
    const thread = channel.filter((message) => message.thread_ts === lostRow.slackMessageTs && message.ts !== lostRow.slackMessageTs);
    expect(thread.map((message) => message.text)).toEqual([expect.stringContaining("did not reach the channel")]);

    // Five minutes later the call that was in flight is past its grace and still unposted: posted
    // then; the lost one is not posted twice.
    const later = await runJob(jobDeps(prisma, fixedClock(new Date(NOW.getTime() + 5 * 60_000)), { slack: fakeSlackClient(fake) }), repostUnpostedJob);
    expect(later).toEqual([expect.objectContaining({ outcome: "ran", summary: { posted: 1 } })]);
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: inFlight.id } })).slackMessageTs).not.toBeNull();
    expect(fake.messagesIn("C0SEOULDSP").filter((message) => message.text?.includes(lost.voucherNo) && (!message.thread_ts || message.thread_ts === message.ts))).toHaveLength(1);
  });
});
