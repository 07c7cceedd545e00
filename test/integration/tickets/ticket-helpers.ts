// Shared set-up for the ticket service tests: a Seoul branch open Mon–Fri 09:00–18:00, its
// dispatcher, and intake submissions with sensible defaults.
import { fixedClock } from "../../../src/clock";
import type { Db } from "../../../src/db";
import { DEFAULT_ARRIVAL_LIMITS } from "../../../src/domain/deadline";
import type { IntakeInput } from "../../../src/services/tickets/models";
import { actorFor, createBranchWithCalendar, createCustomer, createDispatcher, createEquipment, type BranchCalendarOptions } from "../../support/factories/data";

/** A Seoul wall-clock time, "2026-11-27 17:00" → the instant. */
export function seoul(text: string): Date {
  return new Date(`${text.replace(" ", "T")}:00+09:00`);
}

/** 2026-11-23 is a Monday. */
export const MONDAY_10 = "2026-11-23 10:00";

let keys = 0;
export function nextIntakeKey(): string {
  return `intake-${process.pid}-${++keys}`;
}

export async function deskSetup(db: Db, options: { at?: string; calendar?: BranchCalendarOptions } = {}) {
  const clock = fixedClock(seoul(options.at ?? MONDAY_10));
  const branch = await createBranchWithCalendar(db, options.calendar ?? {});
  const dispatcherRow = await createDispatcher(db, { branchId: branch.id });
  const customer = await createCustomer(db, { branchId: branch.id, grade: "A", area: "URBAN" });
  const equipment = await createEquipment(db, {
    customerId: customer.id,
    model: "CH-500 chiller",
    acceptanceDate: new Date("2024-01-10T00:00:00Z"),
    warrantyEnd: new Date("2025-01-09T00:00:00Z"),
  });
  const deps = { db, clock, arrivalLimits: { ...DEFAULT_ARRIVAL_LIMITS } };
  return { clock, deps, branch, dispatcherRow, dispatcher: actorFor(dispatcherRow), customer, equipment };
}

/** A complete intake for an existing customer and their equipment. */
export function intakeFor(customerId: number, equipmentId: number, overrides: Partial<IntakeInput> = {}): IntakeInput {
  return {
    customer: { kind: "existing", customerId },
    equipment: { kind: "existing", equipmentId },
    faultDescription: "Compressor trips after ten minutes",
    saveAsIncomplete: false,
    ...overrides,
  };
}
