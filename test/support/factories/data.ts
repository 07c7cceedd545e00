// Data factories: each creates one valid record with defaults and unique values, and anything a
// test cares about is passed as an override. Missing parents (a staff member's branch, a piece of
// equipment's customer) are created on the way. Calendars live in calendar.ts.
import type { DbOrTx } from "../../../src/db";
import { nameSearchKey } from "../../../src/domain/name-search";
import type { Role } from "../../../src/domain/permissions";
import type { Prisma } from "../../../src/generated/prisma/client";
import type { Actor } from "../../../src/services/staff/resolve-actor";
import { allocateVoucherNumber } from "../../../src/services/tickets/allocate-voucher-number";

let counter = 0;
/** Unique within a test run, so tests never collide on a natural key. */
function next(): number {
  return ++counter;
}

function pad(n: number): string {
  return String(n).padStart(4, "0");
}

export async function createBranch(db: DbOrTx, overrides: Partial<Prisma.BranchUncheckedCreateInput> = {}) {
  const n = next();
  return db.branch.create({
    data: {
      code: `BR${pad(n)}`,
      name: `Branch ${n}`,
      timeZone: "Asia/Seoul",
      dispatchChannelId: `C0DSP${pad(n)}`,
      directorsChannelId: `C0DIR${pad(n)}`,
      labourRate: 50000,
      currency: "KRW",
      ...overrides,
    },
  });
}

export async function createStaff(db: DbOrTx, overrides: Partial<Prisma.StaffUncheckedCreateInput> = {}) {
  const n = next();
  const branchId = overrides.branchId ?? (await createBranch(db)).id;
  return db.staff.create({
    data: {
      slackUserId: `U0STAFF${pad(n)}`,
      name: `Staff ${n}`,
      roles: ["TECHNICIAN"],
      skills: ["compressor"],
      areas: ["URBAN"],
      email: `staff${n}@example.com`,
      phone: `010-5550-${pad(n)}`,
      ...overrides,
      branchId,
    },
  });
}

export async function createCustomer(db: DbOrTx, overrides: Partial<Prisma.CustomerUncheckedCreateInput> = {}) {
  const n = next();
  const branchId = overrides.branchId ?? (await createBranch(db)).id;
  const name = overrides.name ?? `Customer ${n}`;
  return db.customer.create({
    data: {
      code: `CU${pad(n)}`,
      name,
      // As every write of a name does (domain/name-search.ts); an override may still set it, e.g. to null.
      nameSearchKey: nameSearchKey(name),
      address: `${n} Service Street`,
      phone: `02-555-${pad(n)}`,
      contactPerson: `Contact ${n}`,
      area: "URBAN",
      grade: "B",
      ...overrides,
      branchId,
    },
  });
}

export async function createEquipment(db: DbOrTx, overrides: Partial<Prisma.EquipmentUncheckedCreateInput> = {}) {
  const n = next();
  const customerId = overrides.customerId ?? (await createCustomer(db)).id;
  return db.equipment.create({
    data: {
      model: "AC-300",
      serial: `SN${pad(n)}`,
      acceptanceDate: new Date("2026-01-15T00:00:00Z"),
      warrantyEnd: new Date("2027-01-14T00:00:00Z"),
      ...overrides,
      customerId,
    },
  });
}

/** A contract on the customer's branch; `equipmentIds` lists what it covers (none = all). */
export async function createContract(
  db: DbOrTx,
  overrides: Partial<Omit<Prisma.ContractUncheckedCreateInput, "equipment">> & { equipmentIds?: number[] } = {},
) {
  const n = next();
  const { equipmentIds = [], ...fields } = overrides;
  const customer = fields.customerId
    ? await db.customer.findUniqueOrThrow({ where: { id: fields.customerId } })
    : await createCustomer(db, fields.branchId ? { branchId: fields.branchId } : {});
  return db.contract.create({
    data: {
      number: `MC${pad(n)}`,
      startsOn: new Date("2026-01-01T00:00:00Z"),
      endsOn: new Date("2026-12-31T00:00:00Z"),
      terms: "Quarterly inspection",
      status: "ACTIVE",
      branchId: customer.branchId,
      ...fields,
      customerId: customer.id,
      equipment: { connect: equipmentIds.map((id) => ({ id })) },
    },
  });
}

/** A catalogue part; `stock` sets on-hand quantities per branch. */
export async function createPart(
  db: DbOrTx,
  overrides: Partial<Omit<Prisma.PartUncheckedCreateInput, "stock">> & { stock?: { branchId: number; quantity: number }[] } = {},
) {
  const n = next();
  const { stock = [], ...fields } = overrides;
  return db.part.create({
    data: {
      partNo: `P${pad(n)}`,
      name: `Part ${n}`,
      unitPrice: 10000,
      ...fields,
      stock: { create: stock },
    },
  });
}

export interface BranchCalendarOptions {
  /** Local dates YYYY-MM-DD on which the branch is closed. */
  holidays?: string[];
  /** 0 = Sunday … 6 = Saturday; Monday to Friday by default. */
  weekdays?: number[];
  /** Minutes after local midnight; 09:00–18:00 by default. */
  opensAt?: number;
  closesAt?: number;
}

/** A branch with WorkingHours rows (Mon–Fri 09:00–18:00 in its zone, Asia/Seoul by default) and holidays. */
export async function createBranchWithCalendar(
  db: DbOrTx,
  overrides: Partial<Prisma.BranchUncheckedCreateInput> & BranchCalendarOptions = {},
) {
  const { holidays = [], weekdays = [1, 2, 3, 4, 5], opensAt = 9 * 60, closesAt = 18 * 60, ...fields } = overrides;
  const branch = await createBranch(db, fields);
  await db.workingHours.createMany({ data: weekdays.map((weekday) => ({ branchId: branch.id, weekday, opensAt, closesAt })) });
  if (holidays.length > 0) {
    await db.holiday.createMany({
      data: holidays.map((date) => ({ branchId: branch.id, date: new Date(`${date}T00:00:00Z`), name: `Holiday ${date}` })),
    });
  }
  return branch;
}

export function createTechnician(db: DbOrTx, overrides: Partial<Prisma.StaffUncheckedCreateInput> = {}) {
  return createStaff(db, { roles: ["TECHNICIAN"], ...overrides });
}

export function createDispatcher(db: DbOrTx, overrides: Partial<Prisma.StaffUncheckedCreateInput> = {}) {
  return createStaff(db, { roles: ["DISPATCHER"], skills: [], areas: [], ...overrides });
}

/** The acting person as services see them (what resolveActor would return for this staff row). */
export function actorFor(staff: { id: number; slackUserId: string; name: string; branchId: number; roles: Role[]; active: boolean }): Actor {
  return {
    slackUserId: staff.slackUserId,
    staffId: staff.id,
    name: staff.name,
    branchId: staff.branchId,
    branchName: null,
    branchTimeZone: null,
    roles: [...staff.roles],
    active: staff.active,
    available: true,
  };
}

/**
 * A ticket written directly (no service, no audit row): REGISTERED, urban, paid, received (and called) now,
 * with a customer of the branch; the voucher number comes from the real counter, so tickets made
 * here and by registerTicket never collide.
 */
export async function createTicket(db: DbOrTx, overrides: Partial<Prisma.TicketUncheckedCreateInput> = {}) {
  const receivedAt = overrides.receivedAt ? new Date(overrides.receivedAt) : new Date();
  const customerId =
    overrides.customerId ?? (await createCustomer(db, overrides.branchId !== undefined ? { branchId: overrides.branchId } : {})).id;
  const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
  const voucherNo = overrides.voucherNo ?? (await allocateVoucherNumber(db, receivedAt.getUTCFullYear()));
  return db.ticket.create({
    data: {
      status: "REGISTERED",
      category: "A_PAID",
      suggestedCategory: "A_PAID",
      area: customer.area,
      faultDescription: "Does not cool",
      receivedAt,
      calledAt: receivedAt,
      ...overrides,
      voucherNo,
      customerId,
      branchId: customer.branchId,
    },
  });
}
