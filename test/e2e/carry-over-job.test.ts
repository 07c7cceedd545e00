// The carry-over job against the Slack fake: what the dispatch channel sees (R8).
import { carryOverJob } from "../../src/jobs/carry-over";
import { runJob } from "../../src/jobs/runner";
import { useTestApp } from "../support/app-harness";
import { createBranchWithCalendar, createTicket } from "../support/factories/data";
import { fakeSlackClient, jobDeps } from "../integration/jobs/job-helpers";
import { untilDelivered } from "../support/outbox";

const t = useTestApp({ now: "2026-11-23T00:10:00Z", fake: { channels: { C0SEOULDSP: { name: "dispatch-seoul" } } } }); // Mon 09:10 in Seoul

describe("carry-over job in Slack (R8)", () => {
  it("R8: the dispatch channel gets one message listing the carried calls' voucher numbers, and their ticket messages show priority", async () => {
    const { prisma } = t.current.database;
    const slack = fakeSlackClient(t.current.slack);
    const branch = await createBranchWithCalendar(prisma, { code: "SEOUL", dispatchChannelId: "C0SEOULDSP" });
    const friday = await createTicket(prisma, { branchId: branch.id, receivedAt: new Date("2026-11-20T02:00:00Z") });
    const thursday = await createTicket(prisma, { branchId: branch.id, receivedAt: new Date("2026-11-19T08:00:00Z") });
    const today = await createTicket(prisma, { branchId: branch.id, receivedAt: new Date("2026-11-23T00:05:00Z") });
    // Friday's call already has its ticket message in the channel; Thursday's never got one.
    const posted = await slack.chat.postMessage({ channel: "C0SEOULDSP", text: `Ticket ${friday.voucherNo}` });
    await prisma.ticket.update({ where: { id: friday.id }, data: { slackChannelId: "C0SEOULDSP", slackMessageTs: posted.ts! } });

    const outcomes = await runJob(jobDeps(prisma, t.current.clock), carryOverJob);

    expect(outcomes).toEqual([expect.objectContaining({ outcome: "ran", summary: { carried: 2 } })]);
    // The calls' messages and thread lines leave through the outbox.
    await untilDelivered(prisma);
    const channel = t.current.slack.messagesIn("C0SEOULDSP").filter((message) => !message.thread_ts || message.thread_ts === message.ts);
    const list = channel.find((message) => message.text.includes("carried over to today"))!;
    expect(list.text).toContain("2 calls carried over to today");
    const listed = JSON.stringify(list.blocks);
    expect(listed).toContain(thursday.voucherNo);
    expect(listed).toContain(friday.voucherNo);
    expect(listed).not.toContain(today.voucherNo);
    expect(listed.indexOf(thursday.voucherNo)).toBeLessThan(listed.indexOf(friday.voucherNo));

    // Friday's message was updated in place and its thread tells why; Thursday's was posted now.
    const fridayMessage = channel.find((message) => message.ts === posted.ts)!;
    expect(JSON.stringify(fridayMessage.blocks)).toMatch(/priority/i);
    expect(t.current.slack.messagesIn("C0SEOULDSP", posted.ts).map((message) => message.text)).toEqual([
      expect.stringContaining(friday.voucherNo),
      expect.stringContaining("carried the call over from an earlier day"),
    ]);
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: thursday.id } })).toMatchObject({ priority: true, slackChannelId: "C0SEOULDSP" });
  });
});
