import { fixedClock } from "../../../src/clock";
import { claimDelivery, pruneDeliveries } from "../../../src/services/slack-deliveries/claim-delivery";
import { resolveActor } from "../../../src/services/staff/resolve-actor";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

describe("resolveActor", () => {
  it("gives a registered person's roles and branch", async () => {
    const prisma = db.current.prisma;
    const branch = await prisma.branch.create({ data: { code: "SEL", name: "Seoul", timeZone: "Asia/Seoul" } });
    await prisma.staff.create({ data: { slackUserId: "U0DISP", name: "Park Jisoo", branchId: branch.id, roles: ["DISPATCHER"] } });
    await expect(resolveActor({ db: prisma, adminSlackIds: [] }, "U0DISP")).resolves.toMatchObject({
      name: "Park Jisoo",
      branchName: "Seoul",
      roles: ["DISPATCHER"],
      active: true,
    });
  });

  it("makes ADMIN_SLACK_IDS admins, registered or not", async () => {
    const actor = await resolveActor({ db: db.current.prisma, adminSlackIds: ["U0BOSS"] }, "U0BOSS");
    expect(actor).toMatchObject({ staffId: null, roles: ["ADMIN"], active: true });
  });

  it("gives an inactive person no roles", async () => {
    const prisma = db.current.prisma;
    const branch = await prisma.branch.create({ data: { code: "BER", name: "Berlin", timeZone: "Europe/Berlin" } });
    await prisma.staff.create({ data: { slackUserId: "U0GONE", name: "Left", branchId: branch.id, roles: ["TECHNICIAN"], active: false } });
    await expect(resolveActor({ db: prisma, adminSlackIds: [] }, "U0GONE")).resolves.toMatchObject({ roles: [], active: false });
  });

  it("knows nothing of a stranger", async () => {
    await expect(resolveActor({ db: db.current.prisma, adminSlackIds: [] }, "U0WHO")).resolves.toMatchObject({ staffId: null, roles: [], active: false });
  });
});

describe("Slack delivery deduplication", () => {
  it("claims a delivery once, however many times it is claimed at the same moment", async () => {
    const clock = fixedClock("2026-11-23T01:00:00Z");
    const claims = await Promise.all(Array.from({ length: 10 }, () => claimDelivery({ db: db.current.prisma, clock }, { key: "event:Ev1", kind: "event" })));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("forgets deliveries older than the retry window", async () => {
    const clock = fixedClock("2026-11-23T01:00:00Z");
    const deps = { db: db.current.prisma, clock };
    await claimDelivery(deps, { key: "event:old", kind: "event" });
    clock.advance(25 * 3_600_000);
    await claimDelivery(deps, { key: "event:new", kind: "event" });
    await expect(pruneDeliveries(deps, { olderThanHours: 24 })).resolves.toBe(1);
    await expect(claimDelivery(deps, { key: "event:new", kind: "event" })).resolves.toBe(false);
  });
});
