// The ack budget of forms saved before their ack: Slack's 3 s count from the request's arrival, so
// a request that waited in a burst before its listener ran gets only what is left of them.
import type { ViewResponseAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { withinAckBudget } from "../../../src/handlers/support/ack-budget";
import { msLeftSinceArrival, runInRequest } from "../../../src/observability/request-context";
import { silentLog } from "../../../src/logger";

function harness() {
  const acks: { at: number; response: ViewResponseAction | undefined }[] = [];
  const dms: { channel: string; text: string }[] = [];
  const client = { chat: { postMessage: async (args: { channel: string; text: string }) => void dms.push(args) } } as unknown as WebClient;
  const ack = async (response?: ViewResponseAction) => void acks.push({ at: performance.now(), response });
  return { acks, dms, options: { ack: ack as never, client, userId: "U_TECH", form: "report", log: silentLog } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the ack budget", () => {
  it("is the whole budget outside a request, and what is left of it since the request arrived inside one", () => {
    expect(msLeftSinceArrival(2_300)).toBe(2_300);
    const now = performance.now();
    const left = runInRequest({ requestId: "r1", receivedAt: now - 1_500 }, () => msLeftSinceArrival(2_300, now));
    expect(left).toBe(800);
    expect(runInRequest({ requestId: "r2", receivedAt: now - 5_000 }, () => msLeftSinceArrival(2_300, now))).toBe(0);
  });

  it("acks a submission that ends in time with its own answer, once, and sends no DM", async () => {
    const { acks, dms, options } = harness();
    await withinAckBudget({ ...options, budgetMs: 500 }, async (ack) => {
      await sleep(10);
      await ack({ response_action: "errors", errors: { hours: "Too many hours" } });
    });
    expect(acks).toEqual([{ at: expect.any(Number), response: { response_action: "errors", errors: { hours: "Too many hours" } } }]);
    expect(dms).toEqual([]);
  });

  it("answers 'Saving…' when the budget runs out, then tells the outcome by DM", async () => {
    const { acks, dms, options } = harness();
    await withinAckBudget({ ...options, budgetMs: 50 }, async (ack) => {
      await sleep(120);
      await ack();
    });
    expect(acks).toHaveLength(1);
    expect(acks[0]!.response).toMatchObject({ response_action: "update" });
    expect(dms).toEqual([{ channel: "U_TECH", text: expect.stringMatching(/saved/i) }]);
  });

  it("counts the time a request waited before its listener ran (issue 12: no Slack timeout under a burst)", async () => {
    const { acks, options } = harness();
    const arrived = performance.now() - 1_000;
    const started = performance.now();
    await runInRequest({ requestId: "r3", receivedAt: arrived }, () =>
      withinAckBudget({ ...options, budgetMs: 1_100 }, async (ack) => {
        await sleep(400);
        await ack();
      }),
    );
    // 100 ms were left of the 1,100: the notice went out then, not 1,100 ms after the listener started.
    expect(acks).toHaveLength(1);
    expect(acks[0]!.response).toMatchObject({ response_action: "update" });
    expect(acks[0]!.at - started).toBeLessThan(380);
  });
});
