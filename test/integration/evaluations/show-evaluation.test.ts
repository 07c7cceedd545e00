// R20/R22: `/repair evaluation`'s use case — who may see which branch's month, the default month,
// the technician named, and the posted report's sign-off.
import { fixedClock } from "../../../src/clock";
import { showEvaluation } from "../../../src/services/evaluations/show-evaluation";
import { useTestDatabase } from "../../support/db";
import { actorFor, createBranchWithCalendar, createStaff, createTechnician } from "../../support/factories/data";

const db = useTestDatabase();
const clock = fixedClock("2026-12-10T01:00:00Z"); // 10 Dec in Seoul: November by default

async function twoBranches() {
  const prisma = db.current.prisma;
  const seoul = await createBranchWithCalendar(prisma, { code: "SEOUL", name: "Seoul" });
  const busan = await createBranchWithCalendar(prisma, { code: "BUSAN", name: "Busan" });
  const kim = await createTechnician(prisma, { branchId: seoul.id, name: "Kim Minho", slackUserId: "U0KIM" });
  const park = await createTechnician(prisma, { branchId: busan.id, name: "Park Jisoo", slackUserId: "U0PARK" });
  const director = await createStaff(prisma, { branchId: seoul.id, roles: ["DIRECTOR"] });
  const manager = await createStaff(prisma, { branchId: seoul.id, roles: ["MANAGER"] });
  const dispatcher = await createStaff(prisma, { branchId: seoul.id, roles: ["DISPATCHER"] });
  return { seoul, busan, kim, park, director, manager, dispatcher };
}

const show = (options: Parameters<typeof showEvaluation>[1]) => showEvaluation({ db: db.current.prisma, clock }, options);

describe("showing the monthly evaluation (R20, R22)", () => {
  it("R20: a director sees their branch's previous month by default", async () => {
    const { director } = await twoBranches();
    const shown = await show({ actor: actorFor(director), month: null, technician: null });
    expect(shown.evaluation).toMatchObject({ branchCode: "SEOUL", month: "2026-11" });
    expect(shown.evaluation.technicians.map((t) => t.slackUserId)).toEqual(["U0KIM"]);
    expect(shown).toMatchObject({ technician: null, posted: false, signedOff: null });
  });

  it("R20: a director asking about another branch's technician is refused, saying why", async () => {
    const { director } = await twoBranches();
    await expect(show({ actor: actorFor(director), month: "2026-10", technician: "<@U0PARK>" })).rejects.toMatchObject({ code: "FORBIDDEN", details: { reason: "other-branch" } });
  });

  it("R20: a manager sees any branch's technician, named by mention, Slack id or name", async () => {
    const { manager } = await twoBranches();
    for (const technician of ["<@U0PARK|park>", "U0PARK", "@park.jisoo", "Park Jisoo"]) {
      const shown = await show({ actor: actorFor(manager), month: "2026-10", technician });
      expect(shown).toMatchObject({ technician: { slackUserId: "U0PARK" }, evaluation: { branchCode: "BUSAN", month: "2026-10" } });
      expect(shown.evaluation.technicians.map((t) => t.slackUserId)).toEqual(["U0PARK"]);
    }
  });

  it("R20: technicians and dispatchers are refused before anyone is looked up", async () => {
    const { kim, dispatcher } = await twoBranches();
    await expect(show({ actor: actorFor(kim), month: null, technician: "nobody at all" })).rejects.toMatchObject({ code: "FORBIDDEN", details: { rolesAllowed: ["DIRECTOR", "MANAGER"] } });
    await expect(show({ actor: actorFor(dispatcher), month: null, technician: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("R20: an unknown technician, two of the same name elsewhere, or a wrong month are explained", async () => {
    const { director, busan, seoul } = await twoBranches();
    await expect(show({ actor: actorFor(director), month: null, technician: "@nobody" })).rejects.toMatchObject({ code: "NOT_FOUND", details: { reason: "technician" } });
    await expect(show({ actor: actorFor(director), month: "2026-13", technician: null })).rejects.toMatchObject({ code: "VALIDATION", details: { reason: "month" } });
    await createTechnician(db.current.prisma, { branchId: busan.id, name: "Lee Jiwoo" });
    await createTechnician(db.current.prisma, { branchId: busan.id, name: "Lee  Jiwoo" });
    await expect(show({ actor: actorFor(director), month: null, technician: "Lee Jiwoo" })).rejects.toMatchObject({ code: "NOT_FOUND", details: { reason: "ambiguous" } });
    // The same name at the asker's own branch wins.
    await createTechnician(db.current.prisma, { branchId: seoul.id, name: "Lee Jiwoo", slackUserId: "U0LEESEOUL" });
    expect((await show({ actor: actorFor(director), month: null, technician: "Lee Jiwoo" })).technician).toMatchObject({ slackUserId: "U0LEESEOUL" });
  });

  it("R20: the posted report's sign-off is shown with the figures computed now", async () => {
    const { seoul, manager, director } = await twoBranches();
    await db.current.prisma.evaluationReport.create({
      data: { branchId: seoul.id, month: "2026-11", figures: {}, channelId: "C0DIR", messageTs: "1.2", signedOffById: manager.id, signedOffAt: new Date("2026-12-01T10:00:00Z") },
    });
    const shown = await show({ actor: actorFor(director), month: null, technician: null });
    expect(shown).toMatchObject({ posted: true, signedOff: { slackUserId: manager.slackUserId, at: new Date("2026-12-01T10:00:00Z") } });
  });
});
