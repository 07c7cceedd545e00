// What register, complete-intake and edit share: reading an intake submission against the
// database (existing customer and equipment, contracts), checking it, and deciding R1's category
// and R3's missing fields — before the transaction — then writing new customers and equipment
// inside it.
import type { DbOrTx } from "../../db";
import { isWarrantyUnknown, resolveCategory, suggestCategory, type ResolvedCategory } from "../../domain/category";
import type { ServiceArea } from "../../domain/deadline";
import { isDomainError } from "../../domain/errors";
import { calledAtProblem, intakeFormatProblems, isLocalDate, missingIntakeFields, type IntakeField } from "../../domain/intake";
import { nameSearchKey } from "../../domain/name-search";
import type { Action } from "../../domain/permissions";
import { localDate, type WorkingCalendar } from "../../domain/working-calendar";
import { loadBranchCalendar } from "./load-branch-calendar";
import { AppError } from "../../errors";
import type { Customer, Equipment } from "../../generated/prisma/client";
import type { Actor } from "../staff/resolve-actor";
import { assertCan } from "./authorize";
import type { CustomerGrade, IntakeInput } from "./models";
import { dateColumn, liveContracts, localDateText } from "./ticket-rows";

const AREAS: readonly string[] = ["URBAN", "SUBURBAN"];
const GRADES: readonly string[] = ["A", "B", "C"];

export interface IntakePlan {
  branchId: number;
  timeZone: string;
  /** The branch's working calendar (R6), read with the plan. */
  calendar: WorkingCalendar;
  customer:
    | { kind: "existing"; row: Customer }
    | {
        kind: "new";
        data: { name: string; address: string; phone: string; contactPerson: string | null; area: ServiceArea; grade: CustomerGrade };
        /** The customer this very call created earlier (`NEW-<voucher>`), updated instead of creating another. */
        ownCustomerId: number | null;
      };
  equipment:
    | { kind: "existing"; row: Equipment; setWarrantyEnd?: Date }
    | { kind: "new"; data: { model: string; serial: string; acceptanceDate: Date | null; warrantyEnd: Date | null } }
    | { kind: "none" };
  area: ServiceArea;
  missingFields: IntakeField[];
  category: ResolvedCategory;
  /** The live contract covering the equipment on the call date (shown as coverage), whatever the category. */
  contractId: number | null;
  ticket: {
    contactName: string | null;
    contactPhone: string | null;
    siteAddress: string | null;
    faultDescription: string | null;
    requestedServiceAt: Date | null;
  };
}

function clean(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

function validation(fieldErrors: Record<string, string>, message = "invalid intake"): AppError {
  return new AppError("VALIDATION", { message, fieldErrors, details: { fields: Object.keys(fieldErrors) } });
}

/**
 * Reads and checks a submission. `branchId` fixes the branch (an existing ticket's); otherwise it
 * is the existing customer's, or the actor's for a new customer. `callAt` is the instant R1 is
 * applied to (when the customer called); with `checkCalledAtAgainst` (now, for a new call) it is
 * also checked to be a time a call may have been taken (calledAtProblem). Throws VALIDATION (all
 * field problems at once), FORBIDDEN when `action` is not allowed in the branch.
 *
 * fieldErrors values are message keys: required, invalid, not-found, no-branch, other-branch,
 * other-customer, before-acceptance-date, in-future, too-long-ago.
 */
export async function planIntake(
  db: DbOrTx,
  options: { actor: Actor; action: Action; input: IntakeInput; callAt: Date; checkCalledAtAgainst?: Date; branchId?: number; voucherNo?: string },
): Promise<IntakePlan> {
  const { actor, action, input, callAt } = options;
  const errors: Record<string, string> = {};

  // Customer and branch.
  let customer: IntakePlan["customer"];
  let branchId: number;
  if (input.customer.kind === "existing") {
    const row = await db.customer.findUnique({ where: { id: input.customer.customerId } });
    if (!row) throw validation({ customer: "not-found" }, `customer ${input.customer.customerId} not found`);
    if (options.branchId !== undefined && row.branchId !== options.branchId) {
      throw validation({ customer: "other-branch" }, `customer ${row.id} belongs to another branch`);
    }
    customer = { kind: "existing", row };
    branchId = row.branchId;
  } else {
    const candidate = options.branchId ?? actor.branchId;
    if (candidate === null) throw validation({ customer: "no-branch" }, "a new customer needs the actor's branch");
    branchId = candidate;
    const { name, address, phone, contactPerson, area, grade } = input.customer;
    if (!AREAS.includes(area)) errors.area = "invalid";
    if (!GRADES.includes(grade)) errors.grade = "invalid";
    const own = options.voucherNo ? await db.customer.findUnique({ where: { code: newCustomerCode(options.voucherNo) }, select: { id: true } }) : null;
    customer = {
      kind: "new",
      data: { name: clean(name) ?? "", address: clean(address) ?? "", phone: clean(phone) ?? "", contactPerson: clean(contactPerson), area, grade },
      ownCustomerId: own?.id ?? null,
    };
  }
  assertCan(actor, action, { branchId });

  const calledAtIssue = options.checkCalledAtAgainst ? calledAtProblem(callAt, options.checkCalledAtAgainst) : null;
  if (calledAtIssue === "invalid") throw validation({ calledAt: calledAtIssue });
  if (calledAtIssue) errors.calledAt = calledAtIssue;
  // The whole calendar in the one read: registration counts the R6 deadline with it.
  const calendar = await loadBranchCalendar(db, branchId);
  const onDate = localDate({ timeZone: calendar.timeZone }, callAt);

  // Format checks, whatever is missing (R3 allows blanks, not nonsense).
  const newEquipment = input.equipment.kind === "new" ? input.equipment : null;
  Object.assign(
    errors,
    intakeFormatProblems({
      phone: customer.kind === "new" ? customer.data.phone : null,
      contactPhone: input.contactPhone,
      acceptanceDate: newEquipment?.acceptanceDate,
      warrantyEnd: newEquipment?.warrantyEnd,
    }),
  );
  if (input.area !== undefined && !AREAS.includes(input.area)) errors.area = "invalid";
  if (input.requestedServiceAt !== undefined && Number.isNaN(new Date(input.requestedServiceAt).getTime())) {
    errors.requestedServiceAt = "invalid";
  }

  // Equipment: one of the customer's, or typed in (R2: reused when it is already theirs).
  let equipment: IntakePlan["equipment"] = { kind: "none" };
  let equipmentFacts: { model: string | null; serial: string | null } | null = null;
  const customerId = customer.kind === "existing" ? customer.row.id : customer.ownCustomerId;
  if (input.equipment.kind === "existing") {
    const row = await db.equipment.findUnique({ where: { id: input.equipment.equipmentId } });
    if (!row) errors.equipment = "not-found";
    else if (row.customerId !== customerId) errors.equipment = "other-customer";
    else {
      // R1: the dispatcher may set an unknown warranty end here; a known one is never overwritten.
      const given = input.equipment.warrantyEnd ? dateColumn(clean(input.equipment.warrantyEnd)) : null;
      const settable = given && !row.warrantyEnd && isLocalDate(clean(input.equipment.warrantyEnd) ?? "") && !(row.acceptanceDate && given < row.acceptanceDate);
      equipment = settable ? { kind: "existing", row: { ...row, warrantyEnd: given }, setWarrantyEnd: given } : { kind: "existing", row };
      equipmentFacts = row;
    }
  } else if (input.equipment.kind === "new") {
    const model = clean(input.equipment.model);
    const serial = clean(input.equipment.serial);
    equipmentFacts = { model, serial };
    if (model && serial) {
      const row = await db.equipment.findUnique({ where: { model_serial: { model, serial } } });
      if (row && row.customerId !== customerId) errors.serial = "other-customer";
      else if (row) equipment = { kind: "existing", row };
      else if (!errors.acceptanceDate && !errors.warrantyEnd) {
        equipment = {
          kind: "new",
          data: { model, serial, acceptanceDate: dateColumn(clean(input.equipment.acceptanceDate)), warrantyEnd: dateColumn(clean(input.equipment.warrantyEnd)) },
        };
      }
    }
    // A model without a serial (or the reverse) is not saved: it could not be told apart later.
  }

  const customerFacts = customer.kind === "existing" ? customer.row : customer.data;
  const ticket = {
    contactName: clean(input.contactName),
    contactPhone: clean(input.contactPhone),
    siteAddress: clean(input.siteAddress),
    faultDescription: clean(input.faultDescription),
    requestedServiceAt: input.requestedServiceAt ?? null,
  };
  const missingFields = missingIntakeFields({ customer: customerFacts, equipment: equipmentFacts, faultDescription: ticket.faultDescription });

  // R1 on the call date: warranty, then a live contract covering this equipment, else paid.
  const contracts =
    customerId !== null ? await db.contract.findMany({ where: { customerId }, include: { equipment: { select: { id: true } } } }) : [];
  const equipmentId = equipment.kind === "existing" ? equipment.row.id : null;
  const contractFacts = contracts.map((contract) => ({
    id: contract.id,
    number: contract.number,
    startsOn: localDateText(contract.startsOn)!,
    endsOn: localDateText(contract.endsOn)!,
    status: contract.status,
    coversEquipment: contract.equipment.length === 0 || (equipmentId !== null && contract.equipment.some((e) => e.id === equipmentId)),
  }));
  const warrantyEnd =
    equipment.kind === "existing" ? localDateText(equipment.row.warrantyEnd) : equipment.kind === "new" ? localDateText(equipment.data.warrantyEnd) : null;
  const suggested = suggestCategory({ onDate, equipment: equipment.kind === "none" ? null : { warrantyEnd }, contracts: contractFacts });
  let category: ResolvedCategory | null = null;
  try {
    const warrantyUnknown = isWarrantyUnknown({ onDate, equipment: equipment.kind === "none" ? null : { warrantyEnd }, contracts: contractFacts.filter((c) => c.coversEquipment) });
    category = resolveCategory({ suggested, override: input.categoryOverride, overrideReason: input.categoryOverrideReason, warrantyUnknown });
  } catch (error) {
    if (isDomainError(error, "CATEGORY_OVERRIDE_NEEDS_REASON")) errors.categoryOverrideReason = "required";
    else if (isDomainError(error, "UNKNOWN_CATEGORY")) errors.categoryOverrideReason = "invalid";
    else throw error;
  }

  if (Object.keys(errors).length > 0 || !category) throw validation(errors);
  const covering = liveContracts(contractFacts, onDate).find((contract) => contract.coversEquipment);
  return {
    branchId,
    timeZone: calendar.timeZone,
    calendar,
    customer,
    equipment,
    area: input.area ?? (customer.kind === "existing" ? customer.row.area : customer.data.area),
    missingFields,
    category,
    contractId: covering?.id ?? null,
    ticket,
  };
}

/** Throws VALIDATION naming every missing field (R3), for submissions not saved as incomplete. */
/** The ticket columns an intake plan decides, shared by register, complete and edit. */
export function plannedTicketFields(plan: IntakePlan) {
  return {
    contractId: plan.contractId,
    category: plan.category.category,
    suggestedCategory: plan.category.suggestedCategory,
    categoryOverrideReason: plan.category.overrideReason,
    area: plan.area,
    ...plan.ticket,
  };
}

export function requireComplete(plan: IntakePlan): void {
  if (plan.missingFields.length > 0) {
    throw validation(Object.fromEntries(plan.missingFields.map((field) => [field, "required"])), "intake is incomplete");
  }
}

export function newCustomerCode(voucherNo: string): string {
  return `NEW-${voucherNo}`;
}

/**
 * Inside the transaction: creates the new customer and equipment the plan calls for. A customer
 * made in Slack gets the code `NEW-<voucher>` (the company's own number comes with the next
 * import). When completing or editing, a new-customer submission updates the customer that this
 * very call created instead of making a second one, so an incomplete customer can be completed.
 */
export async function writeIntakeParties(tx: DbOrTx, plan: IntakePlan, options: { voucherNo: string }) {
  let customerId: number;
  let createdCustomer = false;
  if (plan.customer.kind === "existing") {
    customerId = plan.customer.row.id;
  } else if (plan.customer.ownCustomerId !== null) {
    const data = { ...plan.customer.data, nameSearchKey: nameSearchKey(plan.customer.data.name) };
    customerId = (await tx.customer.update({ where: { id: plan.customer.ownCustomerId }, data })).id;
  } else {
    const data = { ...plan.customer.data, nameSearchKey: nameSearchKey(plan.customer.data.name), code: newCustomerCode(options.voucherNo), branchId: plan.branchId };
    customerId = (await tx.customer.create({ data })).id;
    createdCustomer = true;
  }
  let equipmentId: number | null = null;
  if (plan.equipment.kind === "existing") {
    equipmentId = plan.equipment.row.id;
    if (plan.equipment.setWarrantyEnd) await tx.equipment.update({ where: { id: equipmentId }, data: { warrantyEnd: plan.equipment.setWarrantyEnd } });
  }
  if (plan.equipment.kind === "new") {
    equipmentId = (await tx.equipment.create({ data: { ...plan.equipment.data, customerId } })).id;
  }
  return { customerId, equipmentId, createdCustomer, createdEquipment: plan.equipment.kind === "new" };
}
