import {
  ASSIGNABLE_STATUSES,
  canTransition,
  EDITABLE_STATUSES,
  isOpen,
  OPEN_STATUSES,
  TICKET_STATUSES,
  TRANSITIONS,
} from "../../../src/domain/ticket-status";
import type { TicketStatus as ContractStatus } from "../../../src/services/tickets/models";

describe("ticket status machine", () => {
  it("covers every status of the contract and the schema", () => {
    const fromContract: ContractStatus[] = [...TICKET_STATUSES];
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...fromContract].sort());
  });

  it("R3: an incomplete call may only be completed or cancelled", () => {
    expect(TRANSITIONS.INCOMPLETE).toEqual(["REGISTERED", "CANCELLED"]);
    expect(canTransition("INCOMPLETE", "ASSIGNED")).toBe(false);
    expect(ASSIGNABLE_STATUSES).not.toContain("INCOMPLETE");
  });

  it("R5: registered calls are assigned; assigned ones re-assigned, accepted or declined back", () => {
    expect(canTransition("REGISTERED", "ASSIGNED")).toBe(true);
    expect(canTransition("ASSIGNED", "ASSIGNED")).toBe(true);
    expect(canTransition("ASSIGNED", "ACCEPTED")).toBe(true);
    expect(canTransition("ASSIGNED", "REGISTERED")).toBe(true);
    expect(canTransition("REGISTERED", "ON_SITE")).toBe(false);
  });

  it("R9: on site the call is fixed, taken to the workshop, put on hold or handed over", () => {
    for (const to of ["RESOLVED", "IN_WORKSHOP", "ON_HOLD", "ASSIGNED"] as const) expect(canTransition("ON_SITE", to)).toBe(true);
    expect(canTransition("RESOLVED", "CLOSED")).toBe(true);
  });

  it("CLOSED and CANCELLED are final", () => {
    for (const to of TICKET_STATUSES) {
      expect(canTransition("CLOSED", to)).toBe(false);
      expect(canTransition("CANCELLED", to)).toBe(false);
    }
    expect(isOpen("CLOSED")).toBe(false);
    expect(isOpen("CANCELLED")).toBe(false);
    expect(isOpen("RESOLVED")).toBe(true);
    expect(isOpen("INCOMPLETE")).toBe(true);
  });

  it("derived lists agree with the transitions", () => {
    expect(ASSIGNABLE_STATUSES).toEqual(["REGISTERED", "ASSIGNED", "ACCEPTED", "ON_SITE", "IN_WORKSHOP", "ON_HOLD"]);
    expect(OPEN_STATUSES).toHaveLength(8);
    expect(EDITABLE_STATUSES).not.toContain("INCOMPLETE");
  });

  it("every target is a known status", () => {
    for (const targets of Object.values(TRANSITIONS)) for (const to of targets) expect(TICKET_STATUSES).toContain(to as ContractStatus);
  });

  it("unknown statuses never transition", () => {
    expect(canTransition("LOST" as never, "CLOSED")).toBe(false);
  });
});
