// Issue 12: a flood of events waits at Slack, not in the bot's memory. Past a number of requests in
// flight an event is refused (HTTP 503, or a Socket Mode envelope left unacked) and Slack delivers
// it again; a person's click or form is never refused.
import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { ReceiverEvent } from "@slack/bolt";
import { silentLog } from "../../../src/logger";
import type { Metrics } from "../../../src/observability/metrics";
import { createSlackHttpServer } from "../../../src/transport/http-server";
import { createRequestTracker } from "../../../src/transport/requests";

const metrics = { slackRequestStarted: () => undefined, slackRequestAcked: () => undefined, slackRequestFinished: () => undefined } as unknown as Metrics;
const event = { type: "event_callback", event_id: "Ev1", event: { type: "message" } };
const click = { type: "block_actions", user: { id: "U1" }, actions: [{ action_id: "assign" }] };

function receiverEvent(body: unknown, acks: unknown[]): ReceiverEvent {
  return { body: body as ReceiverEvent["body"], ack: async (response?: unknown) => void acks.push(response ?? "ack") };
}

describe("shedding events under a flood", () => {
  it("refuses events, and only events, once the requests in flight reach the bound", async () => {
    const tracker = createRequestTracker({ log: silentLog, metrics, maxInFlightForEvents: 2 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const running = [0, 1].map(() => tracker.process(receiverEvent(event, []), () => held));
    expect(tracker.inFlight).toBe(2);
    expect(tracker.sheds(event)).toBe(true);
    expect(tracker.sheds(click)).toBe(false);
    release();
    await Promise.all(running);
    expect(tracker.sheds(event)).toBe(false);
  });

  it("in Socket Mode leaves a shed event unacked and never runs its listener", async () => {
    const tracker = createRequestTracker({ log: silentLog, metrics, maxInFlightForEvents: 1, shedInProcess: true });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = tracker.process(receiverEvent(click, []), () => held);
    const acks: unknown[] = [];
    let ran = false;
    await tracker.process(receiverEvent(event, acks), async () => void (ran = true));
    expect({ acks, ran }).toEqual({ acks: [], ran: false });
    release();
    await first;
  });

  it("over HTTP answers a shed event 503 with Retry-After before Bolt sees it, and passes clicks on", async () => {
    const secret = "s3cret";
    const dispatched: string[] = [];
    const refused: number[] = [];
    const server = createSlackHttpServer({
      signingSecret: secret,
      log: silentLog,
      routes: {},
      dispatch: (req, res) => {
        dispatched.push(String((req as unknown as { rawBody: Buffer }).rawBody));
        res.writeHead(200).end();
      },
      sheds: (body) => (body as { type?: string }).type === "event_callback",
      onRefused: (status) => refused.push(status),
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const send = (body: unknown) => {
      const text = JSON.stringify(body);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${text}`).digest("hex")}`;
      return fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature },
        body: text,
      });
    };
    try {
      const shed = await send(event);
      expect(shed.status).toBe(503);
      expect(shed.headers.get("retry-after")).toBe("1");
      expect((await send(click)).status).toBe(200);
      expect(dispatched).toEqual([JSON.stringify(click)]);
      expect(refused).toEqual([503]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
