import { escalationEnd, type TicketProgress } from "../../../src/domain/escalation-end";

const at = new Date("2026-11-23T07:05:00Z");
const open: TicketProgress = { status: "ACCEPTED", arrivedAt: null, resolvedAt: null, closedAt: null, cancelledAt: null };

describe("escalationEnd (R7, R12)", () => {
  it("R7: an overdue escalation ends with the technician's arrival, at the arrival", () => {
    expect(escalationEnd("OVERDUE", open)).toBeNull();
    expect(escalationEnd("OVERDUE", { ...open, status: "ON_SITE", arrivedAt: at })).toEqual({ because: "ARRIVED", at });
    expect(escalationEnd("OVERDUE", { ...open, status: "CANCELLED", cancelledAt: at })).toEqual({ because: "CANCELLED", at });
  });

  it("R12: a cannot-finish escalation ends only when the call is resolved, closed or cancelled, not with an arrival", () => {
    expect(escalationEnd("CANNOT_FINISH", { ...open, status: "ON_SITE", arrivedAt: at })).toBeNull();
    expect(escalationEnd("CANNOT_FINISH", { ...open, status: "IN_WORKSHOP", arrivedAt: at })).toBeNull();
    expect(escalationEnd("CANNOT_FINISH", { ...open, status: "RESOLVED", arrivedAt: at, resolvedAt: at })).toEqual({ because: "RESOLVED", at });
    expect(escalationEnd("CANNOT_FINISH", { ...open, status: "CLOSED", closedAt: at })).toEqual({ because: "CLOSED", at });
  });
});
