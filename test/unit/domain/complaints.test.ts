import { clockDueAt, clockRunning, complaintStepRefusal, formatComplaintNumber, parseComplaintNumber, resolutionDueAt, responseDueAt, statusAfter } from "../../../src/domain/complaints";
import { can } from "../../../src/domain/permissions";

const received = new Date("2026-01-31T01:00:00Z");

describe("complaints (R21)", () => {
  it("R21: the first response is due 24 hours after registration, the resolution one month after", () => {
    expect(responseDueAt(received).toISOString()).toBe("2026-02-01T01:00:00.000Z");
    // A month from 31 January ends on February's last day.
    expect(resolutionDueAt(received).toISOString()).toBe("2026-02-28T01:00:00.000Z");
    expect(clockDueAt("RESPONSE", received)).toEqual(responseDueAt(received));
    expect(clockDueAt("RESOLUTION", received)).toEqual(resolutionDueAt(received));
  });

  it("R21: the response clock stops at the first response, the resolution clock at the outcome; neither runs once closed", () => {
    const open = { status: "OPEN" as const, respondedAt: null, resolvedAt: null };
    expect(clockRunning("RESPONSE", open)).toBe(true);
    expect(clockRunning("RESPONSE", { ...open, status: "RESPONDED", respondedAt: received })).toBe(false);
    expect(clockRunning("RESOLUTION", { ...open, status: "RESPONDED", respondedAt: received })).toBe(true);
    expect(clockRunning("RESOLUTION", { ...open, status: "CLOSED" })).toBe(false);
  });

  it("R21: numbers read CP-<year>-<nnnn> and parse back whatever the case", () => {
    expect(formatComplaintNumber(2026, 7)).toBe("CP-2026-0007");
    expect(formatComplaintNumber(2026, 12345)).toBe("CP-2026-12345");
    expect(parseComplaintNumber(" cp-2026-0007 ")).toBe("CP-2026-0007");
    expect(parseComplaintNumber("SV-2026-000007")).toBeNull();
  });

  it("R21: a complaint closes only after the customer was told; the customer is told only an outcome; nothing is recorded once closed", () => {
    const resolved = { status: "RESOLVED" as const, resolvedAt: received, customerInformedAt: null };
    expect(complaintStepRefusal("close", resolved)).toBe("not-informed");
    expect(complaintStepRefusal("close", { ...resolved, customerInformedAt: received })).toBeNull();
    expect(complaintStepRefusal("inform", { ...resolved, status: "RESPONDED", resolvedAt: null })).toBe("not-resolved");
    expect(complaintStepRefusal("respond", { ...resolved, status: "CLOSED" })).toBe("closed");
  });

  it("R21: a response moves an open complaint to RESPONDED, an outcome to RESOLVED, closing to CLOSED", () => {
    expect(statusAfter("respond", "OPEN")).toBe("RESPONDED");
    expect(statusAfter("respond", "RESOLVED")).toBe("RESOLVED");
    expect(statusAfter("resolve", "OPEN")).toBe("RESOLVED");
    expect(statusAfter("close", "RESOLVED")).toBe("CLOSED");
  });

  it("R21: dispatchers and directors register their branch's complaints, managers any; only directors and managers assign", () => {
    const person = (roles: ("DISPATCHER" | "DIRECTOR" | "MANAGER" | "TECHNICIAN")[]) => ({ id: 1, branchId: 1, roles, active: true });
    expect(can(person(["DISPATCHER"]), "complaint.register", { branchId: 1 })).toBe(true);
    expect(can(person(["DISPATCHER"]), "complaint.register", { branchId: 2 })).toBe(false);
    expect(can(person(["TECHNICIAN"]), "complaint.register", { branchId: 1 })).toBe(false);
    expect(can(person(["MANAGER"]), "complaint.assign", { branchId: 2 })).toBe(true);
    expect(can(person(["DISPATCHER"]), "complaint.assign", { branchId: 1 })).toBe(false);
    expect(can(person(["DIRECTOR"]), "complaint.record", { branchId: 1 })).toBe(true);
  });
});
