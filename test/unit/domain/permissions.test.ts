import { ACTIONS, can, GRANTS, ROLES, rolesAllowed, signOffRefusal, type Action, type Actor, type Role } from "../../../src/domain/permissions";

const BRANCH = 1;
const OTHER_BRANCH = 2;
let nextId = 100;

function staff(roles: Role[], overrides: Partial<Actor> = {}): Actor {
  return { id: nextId++, branchId: BRANCH, roles, active: true, ...overrides };
}

const ownBranchTicket = { branchId: BRANCH, assignedTechnicianId: null };
const otherBranchTicket = { branchId: OTHER_BRANCH, assignedTechnicianId: null };

describe("permissions", () => {
  it("lists every action in the grant table", () => {
    expect(Object.keys(GRANTS).sort()).toEqual([...ACTIONS].sort());
  });

  it("inactive staff can do nothing, not even an admin", () => {
    const retired = staff(["ADMIN", "DIRECTOR"], { active: false });
    for (const action of ACTIONS) expect([action, can(retired, action, ownBranchTicket)]).toEqual([action, false]);
  });

  it("an admin can do everything, anywhere, but sign off a director's report (R17)", () => {
    const admin = staff(["ADMIN"]);
    for (const action of ACTIONS.filter((one) => one !== "report.sign-off")) {
      expect([action, can(admin, action, otherBranchTicket)]).toEqual([action, true]);
      expect([action, can(admin, action)]).toEqual([action, true]);
    }
  });

  describe("R2–R5: taking calls", () => {
    const deskActions: Action[] = ["ticket.register", "ticket.edit", "ticket.assign", "ticket.cancel", "ticket.complete-intake"];

    it.each(deskActions)("R5: dispatchers and directors may %s within their own branch only", (action) => {
      for (const role of ["DISPATCHER", "DIRECTOR"] as const) {
        expect(can(staff([role]), action, ownBranchTicket)).toBe(true);
        expect(can(staff([role]), action, otherBranchTicket)).toBe(false);
      }
    });

    it.each(deskActions)("R5: technicians, managers and parts clerks may not %s", (action) => {
      for (const role of ["TECHNICIAN", "MANAGER", "PARTS_CLERK"] as const) {
        expect(can(staff([role]), action, ownBranchTicket)).toBe(false);
      }
    });

    it("R5: a branch-scoped action without a target is refused rather than guessed", () => {
      expect(can(staff(["DISPATCHER"]), "ticket.register")).toBe(false);
    });
  });

  describe("R9–R13: the visit", () => {
    const fieldActions: Action[] = ["ticket.accept", "ticket.decline", "ticket.arrive", "ticket.report-work", "ticket.close", "ticket.cannot-finish"];

    it.each(fieldActions)("R9: the assigned technician may %s, even on a ticket of another branch", (action) => {
      const technician = staff(["TECHNICIAN"]);
      expect(can(technician, action, { branchId: BRANCH, assignedTechnicianId: technician.id })).toBe(true);
      expect(can(technician, action, { branchId: OTHER_BRANCH, assignedTechnicianId: technician.id })).toBe(true);
    });

    it.each(fieldActions)("R9: another technician of the branch may not %s", (action) => {
      const technician = staff(["TECHNICIAN"]);
      expect(can(technician, action, { branchId: BRANCH, assignedTechnicianId: technician.id + 1 })).toBe(false);
      expect(can(technician, action, ownBranchTicket)).toBe(false);
    });

    it("R13: the branch director may report work on and close the branch's tickets, but not another branch's", () => {
      const director = staff(["DIRECTOR"]);
      const ticket = { branchId: BRANCH, assignedTechnicianId: 7 };
      expect(can(director, "ticket.report-work", ticket)).toBe(true);
      expect(can(director, "ticket.close", ticket)).toBe(true);
      expect(can(director, "ticket.close", { ...ticket, branchId: OTHER_BRANCH })).toBe(false);
    });

    it("R9: directors do not accept or arrive in the technician's place", () => {
      const director = staff(["DIRECTOR"]);
      expect(can(director, "ticket.accept", ownBranchTicket)).toBe(false);
      expect(can(director, "ticket.arrive", ownBranchTicket)).toBe(false);
    });

    it("R12: only the assigned technician reports that a repair cannot be finished", () => {
      expect(rolesAllowed("ticket.cannot-finish")).toEqual(["TECHNICIAN"]);
    });

    it("a director who is also a technician may act on tickets assigned to them in another branch", () => {
      const both = staff(["DIRECTOR", "TECHNICIAN"]);
      expect(can(both, "ticket.arrive", { branchId: OTHER_BRANCH, assignedTechnicianId: both.id })).toBe(true);
      expect(can(both, "ticket.assign", { branchId: OTHER_BRANCH, assignedTechnicianId: both.id })).toBe(false);
    });
  });

  describe("viewing tickets", () => {
    it.each(["DISPATCHER", "TECHNICIAN", "DIRECTOR", "PARTS_CLERK"] as const)(
      "a %s sees the tickets of their own branch only",
      (role) => {
        expect(can(staff([role]), "ticket.view", ownBranchTicket)).toBe(true);
        expect(can(staff([role]), "ticket.view", otherBranchTicket)).toBe(false);
      },
    );

    it("a manager sees tickets of every branch", () => {
      expect(can(staff(["MANAGER"]), "ticket.view", otherBranchTicket)).toBe(true);
    });

    it("a technician sees a ticket of another branch assigned to them", () => {
      const technician = staff(["TECHNICIAN"]);
      expect(can(technician, "ticket.view", { branchId: OTHER_BRANCH, assignedTechnicianId: technician.id })).toBe(true);
    });
  });

  describe("R7, R17: escalations and reports", () => {
    it("R7: the branch director acknowledges the branch's escalations, not another branch's", () => {
      expect(can(staff(["DIRECTOR"]), "escalation.acknowledge", { branchId: BRANCH })).toBe(true);
      expect(can(staff(["DIRECTOR"]), "escalation.acknowledge", { branchId: OTHER_BRANCH })).toBe(false);
    });

    it("R7: a manager acknowledges escalations of any branch", () => {
      expect(can(staff(["MANAGER"]), "escalation.acknowledge", { branchId: OTHER_BRANCH })).toBe(true);
    });

    it("R7: dispatchers and technicians do not acknowledge escalations", () => {
      expect(can(staff(["DISPATCHER"]), "escalation.acknowledge", { branchId: BRANCH })).toBe(false);
      expect(can(staff(["TECHNICIAN"]), "escalation.acknowledge", { branchId: BRANCH })).toBe(false);
    });

    it("R17: only a manager signs off a director's daily report", () => {
      expect(can(staff(["MANAGER"]), "report.sign-off", { branchId: OTHER_BRANCH })).toBe(true);
      expect(can(staff(["DIRECTOR"]), "report.sign-off", { branchId: BRANCH })).toBe(false);
      expect(rolesAllowed("report.sign-off")).toEqual(["MANAGER"]);
    });

    it("R17: a director who is also the branch's manager cannot sign off their own report", () => {
      const directorAndManager = staff(["DIRECTOR", "MANAGER"]);
      expect(signOffRefusal(directorAndManager, { branchId: BRANCH })).toBe("own-report");
      expect(signOffRefusal(directorAndManager, { branchId: OTHER_BRANCH })).toBeNull();
      expect(signOffRefusal(staff(["MANAGER"]), { branchId: BRANCH })).toBeNull();
      expect(signOffRefusal(staff(["DIRECTOR"]), { branchId: BRANCH })).toBe("not-a-manager");
    });

    it("R17: an admin signs off only when they are a manager", () => {
      expect(can(staff(["ADMIN"]), "report.sign-off", { branchId: BRANCH })).toBe(false);
      expect(signOffRefusal(staff(["ADMIN"]), { branchId: OTHER_BRANCH })).toBe("not-a-manager");
      expect(signOffRefusal(staff(["ADMIN", "MANAGER"]), { branchId: OTHER_BRANCH })).toBeNull();
      expect(signOffRefusal(staff(["ADMIN", "MANAGER", "DIRECTOR"]), { branchId: BRANCH })).toBe("own-report");
    });

    it("R16: directors read their branch's report and managers every branch's", () => {
      expect(can(staff(["DIRECTOR"]), "report.view-branch", { branchId: BRANCH })).toBe(true);
      expect(can(staff(["DIRECTOR"]), "report.view-branch", { branchId: OTHER_BRANCH })).toBe(false);
      expect(can(staff(["MANAGER"]), "report.view-branch", { branchId: OTHER_BRANCH })).toBe(true);
      expect(can(staff(["TECHNICIAN"]), "report.view-branch", { branchId: BRANCH })).toBe(false);
    });

    it("R15: technicians submit daily work reports", () => {
      expect(can(staff(["TECHNICIAN"]), "daily-report.submit")).toBe(true);
      expect(can(staff(["DISPATCHER"]), "daily-report.submit")).toBe(false);
    });
  });

  describe("R14: parts", () => {
    it("R14: parts clerks manage stock and technicians borrow parts", () => {
      expect(can(staff(["PARTS_CLERK"]), "parts.manage")).toBe(true);
      expect(can(staff(["TECHNICIAN"]), "parts.manage")).toBe(false);
      expect(can(staff(["TECHNICIAN"]), "parts.borrow")).toBe(true);
      expect(can(staff(["PARTS_CLERK"]), "parts.borrow")).toBe(false);
    });
  });

  describe("administration", () => {
    it.each(["admin.import", "admin.view-job-runs"] as const)("%s is for admins only", (action) => {
      for (const role of ROLES.filter((r) => r !== "ADMIN")) expect([role, can(staff([role]), action)]).toEqual([role, false]);
      expect(rolesAllowed(action)).toEqual(["ADMIN"]);
    });
  });

  describe("rolesAllowed", () => {
    it("names who may do an action, so a refusal can say whom to ask", () => {
      expect(rolesAllowed("ticket.assign")).toEqual(["DISPATCHER", "DIRECTOR"]);
      expect(rolesAllowed("ticket.close")).toEqual(["TECHNICIAN", "DIRECTOR"]);
      expect(rolesAllowed("escalation.acknowledge")).toEqual(["DIRECTOR", "MANAGER"]);
    });

    it("agrees with can: every listed role can act in some scope, and no other non-admin role can", () => {
      const mine = { branchId: BRANCH, assignedTechnicianId: 0 };
      for (const action of ACTIONS) {
        for (const role of ROLES.filter((r) => r !== "ADMIN")) {
          const person = staff([role], { id: 0 });
          expect([action, role, can(person, action, mine)]).toEqual([action, role, rolesAllowed(action).includes(role)]);
        }
      }
    });
  });
});
