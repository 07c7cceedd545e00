import { matchesSkill, rankTechnicians, type TechnicianCandidate } from "../../../src/domain/technician-ranking";

let id = 0;
function tech(overrides: Partial<TechnicianCandidate>): TechnicianCandidate {
  return { staffId: ++id, name: `T${id}`, available: true, areas: ["URBAN"], skills: [], openTickets: 0, visitsToday: 0, ...overrides };
}

const ticket = { area: "URBAN", equipmentModel: "CH-500 Chiller", faultDescription: "Compressor noise" };
const names = (list: { candidate: TechnicianCandidate }[]) => list.map((r) => r.candidate.name);

describe("R5: technician ranking", () => {
  it("R5: away technicians are listed last, whatever else", () => {
    const ranked = rankTechnicians([tech({ name: "Away", available: false, skills: ["chiller"] }), tech({ name: "Here", areas: ["SUBURBAN"], openTickets: 9 })], ticket);
    expect(names(ranked)).toEqual(["Here", "Away"]);
  });

  it("R5: covering the ticket's area comes before skill", () => {
    const ranked = rankTechnicians([tech({ name: "Skilled", areas: ["SUBURBAN"], skills: ["chiller"] }), tech({ name: "Local" })], ticket);
    expect(names(ranked)).toEqual(["Local", "Skilled"]);
    expect(ranked.map((r) => r.coversArea)).toEqual([true, false]);
  });

  it("R5: skill comes before load", () => {
    const ranked = rankTechnicians([tech({ name: "Idle" }), tech({ name: "Skilled", skills: ["chiller"], openTickets: 3 })], ticket);
    expect(names(ranked)).toEqual(["Skilled", "Idle"]);
  });

  it("R5: least load (open tickets + visits today) first, then name", () => {
    const ranked = rankTechnicians(
      [
        tech({ name: "Busy", openTickets: 1, visitsToday: 2 }),
        tech({ name: "Bora", openTickets: 2 }),
        tech({ name: "Ahn", visitsToday: 2 }),
        tech({ name: "Free" }),
      ],
      ticket,
    );
    expect(names(ranked)).toEqual(["Free", "Ahn", "Bora", "Busy"]);
    expect(ranked.map((r) => r.load)).toEqual([0, 2, 2, 3]);
  });

  it("does not change its input", () => {
    const input = [tech({ name: "B" }), tech({ name: "A" })];
    rankTechnicians(input, ticket);
    expect(input.map((t) => t.name)).toEqual(["B", "A"]);
  });
});

describe("R5: skill match", () => {
  it("matches a skill word in the model or the fault, any case", () => {
    expect(matchesSkill(["chiller"], ticket)).toBe(true);
    expect(matchesSkill(["COMPRESSOR"], ticket)).toBe(true);
    expect(matchesSkill(["boiler"], ticket)).toBe(false);
  });

  it("ignores blank skills and missing text", () => {
    expect(matchesSkill(["  "], ticket)).toBe(false);
    expect(matchesSkill(["chiller"], { area: "URBAN" })).toBe(false);
  });
});
