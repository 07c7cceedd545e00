// The sandbox's desk on a test database: the demo company seeded once, its people and channels in
// the Slack stand-in, and the clock moved only forward, as the persona's branch reads the time.
import { silentLog } from "../../../src/logger";
import { request } from "node:http";
import { startDesk, type Desk } from "../../../src/sandbox/desk";
import { SandboxPages } from "../../../src/sandbox/page-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { eventually } from "../../support/eventually";

let database: TestDatabase;
let desk: Desk;

beforeAll(async () => {
  database = await createTestDatabase();
  // Saturday 28 November 2026, 11:00 in Seoul; real time frozen so the assertions are exact.
  desk = await startDesk({ databaseUrl: database.url, now: new Date("2026-11-28T11:00:00+09:00"), log: silentLog, frozen: true });
}, 60_000);

afterAll(async () => {
  await desk?.stop();
  await database?.close();
});

describe("the sandbox's desk", () => {
  it("has the demo's people with their roles and zones, and its branches' channels, in the stand-in", async () => {
    expect(desk.personas).toContainEqual({ id: "U0DEMO002", name: "이서연", roles: ["dispatcher"], branch: "SEOUL", timeZone: "Asia/Seoul" });
    expect(desk.personas).toContainEqual(expect.objectContaining({ id: "U0DEMO009", branch: "BERLIN", timeZone: "Europe/Berlin", roles: ["director"] }));
    expect(desk.channels.map((channel) => channel.name)).toEqual(["seoul-dispatch", "seoul-directors", "seoul-surveys", "berlin-dispatch", "berlin-directors", "shanghai-dispatch", "shanghai-directors"]);
    expect(desk.slack.config.users.get("U0DEMO011")).toMatchObject({ name: "Lukas Schneider", tz: "Europe/Berlin" });
    expect(await database.prisma.staff.count()).toBe(23);
    expect(desk.personas).toContainEqual(expect.objectContaining({ branch: "SHANGHAI", timeZone: "Asia/Shanghai" }));
  });

  it("moves to the next working day at 09:00 in the branch's own zone and calendar", async () => {
    expect(await desk.moveClock({ nextWorkingDayAt: "09:00" }, "BERLIN")).toEqual(new Date("2026-11-30T09:00:00+01:00"));
    // Now Monday 17:00 in Seoul: Seoul's next working day is Tuesday.
    expect(await desk.moveClock({ nextWorkingDayAt: "09:00" }, "SEOUL")).toEqual(new Date("2026-12-01T09:00:00+09:00"));
  });

  it("moves to a wall-clock time today, or tomorrow when it has passed; never backwards", async () => {
    const now = desk.clock.now();
    expect(now).toEqual(new Date("2026-12-01T09:00:00+09:00"));
    expect(await desk.moveClock({ to: "18:30" }, "SEOUL")).toEqual(new Date("2026-12-01T18:30:00+09:00"));
    expect(await desk.moveClock({ to: "08:00" }, "SEOUL")).toEqual(new Date("2026-12-02T08:00:00+09:00"));
    expect(await desk.moveClock({ by: 3_600_000 })).toEqual(new Date("2026-12-02T09:00:00+09:00"));
    await expect(desk.moveClock({ at: new Date("2026-12-01T00:00:00Z") })).rejects.toThrow(/only moves forward/);
  });

  it("serves the page and its API on loopback names only, JSON only, and shows the persona's open modal", async () => {
    const pages = new SandboxPages(desk);
    const address = await pages.listen(0);
    try {
      const page = await fetch(address);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="module" src="/app.js">');
      expect((await fetch(`${address}app.js`)).headers.get("content-type")).toMatch(/^text\/javascript/);

      // Another name for this address is a page elsewhere reaching in (DNS rebinding).
      expect(await statusWithHost(`${address}api/state`, "sandbox.attacker.example")).toBe(403);
      const form = await fetch(`${address}api/command`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ persona: "U0DEMO002", channel: "C0DEMOSEL1", text: "/repair" }) });
      expect(form.status).toBe(415);

      const post = (what: string, body: object) => fetch(`${address}api/${what}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect((await post("command", { persona: "U0NOBODY", channel: "C0DEMOSEL1", text: "/repair" })).status).toBe(400);
      expect((await post("clock", { by: -1 })).status).toBe(400);
      const sent = await post("command", { persona: "U0DEMO002", channel: "C0DEMOSEL1", text: "/repair" });
      expect(await sent.json()).toMatchObject({ status: 200, problems: [] });
      type State = { modals: { type: string; title: { text: string } }[]; channels: { id: string; dm?: boolean }[] };
      const stateOf = async (persona: string) => (await (await fetch(`${address}api/state?persona=${persona}`)).json()) as State;
      // The modal opens after the command's ack (views.open), as in Slack: a moment later on a busy machine.
      await eventually(async () => (await stateOf("U0DEMO002")).modals.length > 0, 10_000, "the intake modal");
      const state = await stateOf("U0DEMO002");
      expect(state.modals.at(-1)).toMatchObject({ type: "modal", title: { text: "New repair call" } });
      expect(state.channels.at(-1)).toMatchObject({ id: "D0DEMO002", dm: true });
      const other = (await (await fetch(`${address}api/state?persona=U0DEMO003`)).json()) as State;
      expect(other.modals).toEqual([]);
    } finally {
      await pages.close();
    }
  }, 20_000);
});

/** fetch() will not send another Host header; node:http will. */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.on("error", reject);
    sent.end();
  });
}
