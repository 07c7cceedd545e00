// The workers' side of the thread-reply inbox, with the services and Slack faked: what is retried,
// what is answered at once, and what of an answer is posted again later.
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError } from "@slack/web-api";
import { AppError } from "../../../src/errors";
import { silentLog } from "../../../src/logger";
import { handleQueuedReply, postAnswer, type AnswerPart, type ThreadReplyDeps } from "../../../src/publish/thread-replies";
import type { ThreadReplySlackClient } from "../../../src/publish/slack-client";
import type { QueuedThreadReply } from "../../../src/services/inbox/thread-replies";
import type { ThreadReplyResult } from "../../../src/services/tickets/thread-replies";
import { buildFailure } from "../../../src/views/refusal";

const reply: QueuedThreadReply = { channel: "C0DSP", user: "U0TECH", ts: "1800000000.000002", threadTs: "1800000000.000001", text: "hours 2", receivedAt: new Date("2026-11-23T01:00:00Z") };
const handled: ThreadReplyResult = {
  kind: "handled",
  ticketId: 7,
  voucherNo: "SV-2026-000007",
  timeZone: "Asia/Seoul",
  outcomes: [{ kind: "hours-logged", workLogId: 1, hours: 2, category: "C_WARRANTY", workDate: "2026-11-23" }],
  stateChanged: false,
  dm: null,
};

function services(handle: () => Promise<ThreadReplyResult>, calls: unknown[] = []): ThreadReplyDeps {
  return {
    log: silentLog,
    services: {
      findTicketByMessage: async () => ({ ticketId: 7 }),
      resolveActor: async (slackUserId: string) => ({ slackUserId, staffId: 3, name: "Tech", branchId: 1, branchName: "Seoul", branchTimeZone: "Asia/Seoul", roles: ["TECHNICIAN"], active: true, available: true }),
      handleThreadReply: async (options) => {
        calls.push(options);
        return handle();
      },
    },
  };
}

/** A Slack client that records each call, and fails the calls `fail` says. */
function slack(fail: (method: string) => unknown = () => undefined) {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const call = (method: string) => async (args: Record<string, unknown>) => {
    calls.push({ method, args });
    const error = fail(method);
    if (error) throw error;
    return { ok: true };
  };
  const client = { chat: { postMessage: call("chat.postMessage"), postEphemeral: call("chat.postEphemeral") }, reactions: { add: call("reactions.add") } } as unknown as ThreadReplySlackClient;
  return { client, calls };
}

describe("handleQueuedReply", () => {
  it("records the reply at the time it was received and reacts; a later try resumes its own claim", async () => {
    const calls: unknown[] = [];
    const fake = slack();
    expect(await handleQueuedReply(services(async () => handled, calls), fake.client, reply, { attempt: 1, maxAttempts: 8 })).toEqual([]);
    expect(calls[0]).toMatchObject({ channelId: "C0DSP", threadTs: reply.threadTs, messageTs: reply.ts, ticketId: 7, at: reply.receivedAt, resume: false });
    expect(fake.calls).toEqual([{ method: "reactions.add", args: { channel: "C0DSP", timestamp: reply.ts, name: "white_check_mark" } }]);
    await handleQueuedReply(services(async () => handled, calls), slack().client, reply, { attempt: 2, maxAttempts: 8 });
    expect(calls[1]).toMatchObject({ resume: true });
  });

  it("throws a failure that may pass while tries are left, so the queue tries again; nothing is posted", async () => {
    const fake = slack();
    const down = services(async () => Promise.reject(new Error("Can't reach database server")));
    await expect(handleQueuedReply(down, fake.client, reply, { attempt: 3, maxAttempts: 8 })).rejects.toThrow("Can't reach database server");
    expect(fake.calls).toEqual([]);
  });

  it("on the last try, tells the person privately that it failed instead of throwing", async () => {
    const fake = slack();
    const down = services(async () => Promise.reject(new Error("Can't reach database server")));
    expect(await handleQueuedReply(down, fake.client, reply, { attempt: 8, maxAttempts: 8 })).toEqual([]);
    expect(fake.calls).toEqual([{ method: "chat.postEphemeral", args: { channel: "C0DSP", user: "U0TECH", thread_ts: reply.threadTs, text: buildFailure().text } }]);
  });

  it("answers a refusal at once, privately, without a retry", async () => {
    const fake = slack();
    const refused = services(async () => Promise.reject(new AppError("NOT_FOUND", { details: { voucherNo: "SV-2026-000007" } })));
    expect(await handleQueuedReply(refused, fake.client, reply, { attempt: 1, maxAttempts: 8 })).toEqual([]);
    expect(fake.calls).toEqual([{ method: "chat.postEphemeral", args: expect.objectContaining({ user: "U0TECH", text: expect.stringContaining("SV-2026-000007") }) }]);
  });

  it("says nothing for a thread that is no ticket's, a reply without commands, or a redelivery", async () => {
    const fake = slack();
    const noTicket = { ...services(async () => handled), services: { ...services(async () => handled).services, findTicketByMessage: async () => null } };
    expect(await handleQueuedReply(noTicket, fake.client, reply, { attempt: 1, maxAttempts: 8 })).toEqual([]);
    expect(await handleQueuedReply(services(async () => ({ kind: "duplicate", ticketId: 7 })), fake.client, reply, { attempt: 1, maxAttempts: 8 })).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it("hands back the parts of the answer Slack did not take for now; the recording is not tried again", async () => {
    const fake = slack((method) => (method === "reactions.add" ? new WebAPIRateLimitedError(30) : undefined));
    const parts = await handleQueuedReply(services(async () => handled), fake.client, reply, { attempt: 1, maxAttempts: 8 });
    expect(parts).toEqual([{ kind: "reaction", channel: "C0DSP", ts: reply.ts, name: "white_check_mark" }]);
  });
});

describe("postAnswer", () => {
  const parts: AnswerPart[] = [
    { kind: "ephemeral", channel: "C0DSP", user: "U0TECH", threadTs: reply.threadTs, text: "Only the assigned technician…" },
    { kind: "reaction", channel: "C0DSP", ts: reply.ts, name: "white_check_mark" },
    { kind: "reply", channel: "C0DSP", threadTs: reply.threadTs, text: "`hours abc`: hours must be a number" },
  ];

  it("posts refusals, reactions, then threaded answers, in that order", async () => {
    const fake = slack();
    expect(await postAnswer(fake.client, parts, silentLog)).toEqual([]);
    expect(fake.calls.map((call) => call.method)).toEqual(["chat.postEphemeral", "reactions.add", "chat.postMessage"]);
  });

  it("drops what Slack refuses for good, counts a reaction already there as done, and keeps what may pass", async () => {
    const failures: Record<string, unknown> = {
      "chat.postEphemeral": new WebAPIPlatformError({ ok: false, error: "channel_not_found" }),
      "reactions.add": new WebAPIPlatformError({ ok: false, error: "already_reacted" }),
      "chat.postMessage": new WebAPIHTTPError(503, "Service Unavailable", {}),
    };
    const fake = slack((method) => failures[method]);
    expect(await postAnswer(fake.client, parts, silentLog)).toEqual([parts[2]]);
  });
});
