// Bodies a hostile or broken sender can sign correctly: whatever they hold, the bot answers 400, 401
// or 413, logs a line, and keeps answering. The fuzzer is bounded in count and time.
import { ACTIONS, SHORTCUTS, VIEWS } from "../../src/views/ids";
import { useTestApp } from "../support/app-harness";

const app = useTestApp();
const FORM = "application/x-www-form-urlencoded";

async function sendSigned(body: string, contentType: string, options: { timestamp?: number } = {}) {
  const driver = app.current.slack.driver;
  return driver.sendRawRequest(body, { ...driver.signedHeaders(body, options), "content-type": contentType });
}

async function stillAnswers(): Promise<void> {
  const help = await app.current.slack.driver.sendCommand({ text: "help" });
  expect(help.status).toBe(200);
  expect(help.body).toMatchObject({ text: "How to use /repair" });
}

const interactionForm = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

describe("correctly signed but malformed requests", () => {
  it.each([
    ["a form whose payload is null", "payload=null", FORM],
    ["a JSON body null", "null", "application/json"],
    ["a JSON array", "[1,2]", "application/json"],
    ["a JSON string", '"hello"', "application/json"],
    ["a body that is not JSON", "{not json", "application/json"],
    ["a form payload that is not JSON", "payload=%7Bnot", FORM],
    ["an event without event_id", JSON.stringify({ type: "event_callback", event: { type: "message" } }), "application/json"],
    ["an unknown body type", JSON.stringify({ type: "mystery" }), "application/json"],
    ["a slash command without user_id", "command=%2Frepair&text=help", FORM],
    ["a slash command given twice", "command=%2Frepair&command=%2Frepair&user_id=U1", FORM],
    ["block_actions without user", interactionForm({ type: "block_actions", actions: [{ action_id: "x" }] }), FORM],
    ["block_actions whose actions is not a list", interactionForm({ type: "block_actions", user: { id: "U1" }, actions: { action_id: "x" } }), FORM],
    ["view_submission without view", interactionForm({ type: "view_submission", user: { id: "U1" } }), FORM],
  ])("%s: 400, and the bot keeps answering", async (_name, body, contentType) => {
    const result = await sendSigned(body, contentType);
    expect(result.status).toBe(400);
    await stillAnswers();
  });

  it.each([
    ["ten minutes", 10 * 60],
    ["a day", 24 * 60 * 60],
  ])("a valid signature with a timestamp %s in the future is refused (401)", async (_name, aheadSeconds) => {
    const body = "command=%2Frepair&text=help&user_id=U0FAKEUSER";
    const result = await sendSigned(body, FORM, { timestamp: Math.floor(Date.now() / 1000) + aheadSeconds });
    expect(result.status).toBe(401);
  });

  it("a timestamp within five minutes is accepted either way", async () => {
    const body = "command=%2Frepair&text=help&user_id=U0FAKEUSER";
    expect((await sendSigned(body, FORM, { timestamp: Math.floor(Date.now() / 1000) + 4 * 60 })).status).toBe(200);
    expect((await sendSigned(body, FORM, { timestamp: Math.floor(Date.now() / 1000) - 4 * 60 })).status).toBe(200);
  });

  it("a body over 4 MB is refused (413)", async () => {
    const result = await sendSigned(`payload=${"x".repeat(4 * 1024 * 1024 + 10)}`, FORM);
    expect(result.status).toBe(413);
    await stillAnswers();
  });

  it("other paths and methods are not served", async () => {
    expect((await fetch(`${app.current.url}/nope`)).status).toBe(404);
    expect((await fetch(`${app.current.url}/slack/events`)).status).toBe(405);
  });
});

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function mutant(next: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const values: unknown[] = [null, 0, -1, 1e308, "", "U1", "x".repeat(3000), [], {}, [null], { id: null }, true, "SV-2026-000001", "../../etc"];
  const actionIds = [...Object.values(ACTIONS), "x"];
  const callbackIds = [...Object.values(VIEWS), "x"];
  const base: Record<string, unknown> = pick([
    { type: "block_actions", user: { id: pick(["U1", "U0FAKEUSER", ""]) }, actions: [{ action_id: pick(actionIds), value: pick(values), block_id: "b" }], trigger_id: "1.2.3" },
    { type: "view_submission", user: { id: "U1" }, view: { id: "V1", callback_id: pick(callbackIds), private_metadata: pick(values), state: { values: pick(values) } } },
    { type: "block_suggestion", user: { id: "U1" }, action_id: pick([ACTIONS.intakeCustomerSelect, ACTIONS.partsBorrowPartSelect, ACTIONS.reportPartSelect, "x"]), value: pick(["", "a", "%%", "x".repeat(500)]) },
    { type: "shortcut", user: { id: "U1" }, callback_id: pick([...Object.values(SHORTCUTS), "x"]), trigger_id: "1.2.3" },
    { type: "message_action", user: { id: "U1" }, callback_id: SHORTCUTS.createRepairCall, message: pick([{}, { text: pick(values) }]), channel: pick([{}, null]) },
  ]);
  // Break one field in a random way, or none.
  const keys = Object.keys(base);
  if (next() < 0.8) base[pick(keys)] = pick(values);
  return base;
}

describe("fuzzed interactions", () => {
  it("400 signed random payloads: no crash, no 5xx, every answer within 3 s", async () => {
    const next = random(20261127);
    const statuses = new Map<number, number>();
    let slowest = 0;
    const slow: unknown[] = [];
    const started = Date.now();
    for (let i = 0; i < 400 && Date.now() - started < 45_000; i++) {
      const payload = mutant(next);
      const result = await sendSigned(interactionForm(payload), FORM);
      if (result.durationMs >= 2_500 || result.status >= 500) slow.push({ status: result.status, durationMs: result.durationMs, payload: JSON.stringify(payload).slice(0, 300) });
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
      slowest = Math.max(slowest, result.durationMs);
    }
    await app.current.slack.driver.settle();
    const serverErrors = [...statuses].filter(([status]) => status >= 500);
    expect(slow).toEqual([]);
    expect(serverErrors).toEqual([]);
    expect(slowest).toBeLessThan(3_000);
    expect([...statuses.keys()].every((status) => [200, 400, 404].includes(status))).toBe(true);
    await stillAnswers();
  }, 90_000);
});
