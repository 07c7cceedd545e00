// Reads the intake modal's submission into the service's IntakeInput, or into errors keyed by the
// input block they concern (`response_action: "errors"`). Slack sees every input as optional, so
// that R3's "save as incomplete" can leave things out; what is required is decided here.
import { z } from "zod";
import { SERVICE_CATEGORIES } from "../domain/category";
import type { IntakeInput } from "../services/tickets/models";
import { BLOCKS, INPUTS, ACTIONS } from "./ids";
import { CATEGORY_AUTO, MAX_FAULT_INPUT, OTHER_EQUIPMENT, readIntakeMetadata, type IntakeMetadata } from "./intake-modal";
import { messagesFor, type IntakeField, type Locale } from "./messages";
import { checkedValues, dateTimeValue, dateValue, optionValue, textValue, type StateValues, type Submission } from "./state";

/** 7 to 15 digits (E.164's maximum), written with spaces, hyphens, dots or brackets, maybe a leading +. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]+$/)
  .refine((phone) => {
    const digits = phone.replace(/\D/g, "").length;
    return digits >= 7 && digits <= 15;
  });

/** A real calendar date written YYYY-MM-DD. */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  });

const areaSchema = z.enum(["URBAN", "SUBURBAN"]);
const gradeSchema = z.enum(["A", "B", "C"]);
const categorySchema = z.enum(SERVICE_CATEGORIES);
const idSchema = z.coerce.number().int().positive();

/**
 * Where a service's semantic field lands in the modal (its VALIDATION fieldErrors), for a new
 * customer typed in the modal. `intakeFieldErrors` adjusts it for an existing customer.
 */
export const INTAKE_FIELD_BLOCKS: Record<IntakeField, string> = {
  customer: BLOCKS.intakeCustomer,
  customerName: BLOCKS.intakeNewName,
  address: BLOCKS.intakeNewAddress,
  phone: BLOCKS.intakeNewPhone,
  contactPhone: BLOCKS.intakeContactPhone,
  area: BLOCKS.intakeArea,
  grade: BLOCKS.intakeNewGrade,
  equipment: BLOCKS.intakeEquipment,
  model: BLOCKS.intakeModel,
  serial: BLOCKS.intakeSerial,
  acceptanceDate: BLOCKS.intakeAcceptanceDate,
  warrantyEnd: BLOCKS.intakeWarrantyEnd,
  faultDescription: BLOCKS.intakeFault,
  requestedServiceAt: BLOCKS.intakeRequestedAt,
  calledAt: BLOCKS.intakeCalledAt,
  categoryOverrideReason: BLOCKS.intakeOverrideReason,
};

const EXISTING_CUSTOMER_BLOCKS: Partial<Record<IntakeField, string>> = {
  // The customer's own record is not editable here: problems with it are shown on the customer.
  customer: BLOCKS.intakeCustomer,
  customerName: BLOCKS.intakeCustomer,
  phone: BLOCKS.intakeCustomer,
  grade: BLOCKS.intakeCustomer,
  address: BLOCKS.intakeSiteAddress,
};

/**
 * A service's field errors (semantic names, or block ids already) as `response_action: "errors"`
 * wants them, on blocks the modal actually shows. Unknown fields go on the fault description,
 * so that no message is lost.
 */
export function intakeFieldErrors(
  fieldErrors: Record<string, string>,
  metadata: Pick<IntakeMetadata, "newCustomer"> & { hasEquipmentSelect?: boolean },
): Record<string, string> {
  const blockIds = new Set<string>(Object.values(BLOCKS));
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors)) {
    let block: string | undefined = blockIds.has(field) ? field : undefined;
    if (!block && !metadata.newCustomer) block = EXISTING_CUSTOMER_BLOCKS[field as IntakeField];
    if (!block && metadata.newCustomer && field === "customer") block = BLOCKS.intakeNewName;
    if (!block && field === "equipment" && metadata.hasEquipmentSelect === false) block = BLOCKS.intakeModel;
    block ??= (INTAKE_FIELD_BLOCKS as Record<string, string>)[field] ?? BLOCKS.intakeFault;
    errors[block] = errors[block] ? `${errors[block]} ${message}` : message;
  }
  return errors;
}

export function readIntakeSubmission(
  values: StateValues,
  metadataOrJson: IntakeMetadata | string,
  options: { locale?: Locale } = {},
): Submission<{ input: IntakeInput }> {
  const metadata = typeof metadataOrJson === "string" ? readIntakeMetadata(metadataOrJson) : metadataOrJson;
  const e = messagesFor(options.locale).intake.errors;
  const errors: Record<string, string> = {};
  const fail = (block: string, message: string) => {
    errors[block] ??= message;
  };
  const text = (block: string, action: string) => textValue(values, block, action);
  const incomplete = metadata.mode === "new" && checkedValues(values, BLOCKS.intakeIncomplete, INPUTS.incomplete).includes("incomplete");

  // Area: for an existing customer it defaults to theirs; a new customer's area is the call's.
  const areaRaw = optionValue(values, BLOCKS.intakeArea, INPUTS.area);
  const area = areaRaw === undefined ? undefined : areaSchema.safeParse(areaRaw).data;
  if (areaRaw !== undefined && !area) fail(BLOCKS.intakeArea, e.unknownOption);

  // Customer
  let customer: IntakeInput["customer"] | undefined;
  if (metadata.newCustomer) {
    const name = text(BLOCKS.intakeNewName, INPUTS.newName);
    const address = text(BLOCKS.intakeNewAddress, INPUTS.newAddress);
    const phone = text(BLOCKS.intakeNewPhone, INPUTS.newPhone);
    const contactPerson = text(BLOCKS.intakeNewContactPerson, INPUTS.newContactPerson);
    const gradeRaw = optionValue(values, BLOCKS.intakeNewGrade, INPUTS.newGrade);
    const grade = gradeSchema.safeParse(gradeRaw).data;
    if (!name) fail(BLOCKS.intakeNewName, e.nameRequired);
    // R3: a call-back needs the phone, even for an incomplete call.
    if (!phone) fail(BLOCKS.intakeNewPhone, e.phoneRequired);
    else if (!phoneSchema.safeParse(phone).success) fail(BLOCKS.intakeNewPhone, e.phoneFormat);
    if (!address && !incomplete) fail(BLOCKS.intakeNewAddress, e.addressRequired);
    if (!grade) fail(BLOCKS.intakeNewGrade, gradeRaw === undefined ? e.gradeRequired : e.unknownOption);
    if (!area && areaRaw === undefined) fail(BLOCKS.intakeArea, e.areaRequired);
    if (name && phone && grade && area) {
      customer = { kind: "new", name, address: address ?? "", phone, ...(contactPerson ? { contactPerson } : {}), area, grade };
    }
  } else {
    const chosen = idSchema.safeParse(optionValue(values, BLOCKS.intakeCustomer, ACTIONS.intakeCustomerSelect) ?? metadata.customerId);
    if (chosen.success) customer = { kind: "existing", customerId: chosen.data };
    else fail(BLOCKS.intakeCustomer, e.customerRequired);
  }

  // Equipment: the customer's, or typed (model and serial together), or none (R3 only).
  const selected = optionValue(values, BLOCKS.intakeEquipment, ACTIONS.intakeEquipmentSelect);
  const model = text(BLOCKS.intakeModel, INPUTS.model);
  const serial = text(BLOCKS.intakeSerial, INPUTS.serial);
  const acceptanceDate = dateValue(values, BLOCKS.intakeAcceptanceDate, INPUTS.acceptanceDate);
  const warrantyEnd = dateValue(values, BLOCKS.intakeWarrantyEnd, INPUTS.warrantyEnd);
  const acceptanceOk = acceptanceDate === undefined || localDateSchema.safeParse(acceptanceDate).success;
  const warrantyOk = warrantyEnd === undefined || localDateSchema.safeParse(warrantyEnd).success;
  if (!acceptanceOk) fail(BLOCKS.intakeAcceptanceDate, e.dateFormat);
  if (!warrantyOk) fail(BLOCKS.intakeWarrantyEnd, e.dateFormat);
  if (acceptanceDate && warrantyEnd && acceptanceOk && warrantyOk && warrantyEnd < acceptanceDate) fail(BLOCKS.intakeWarrantyEnd, e.warrantyBeforeAcceptance);

  let equipment: IntakeInput["equipment"] = { kind: "none" };
  const existingId = selected && selected !== OTHER_EQUIPMENT ? idSchema.safeParse(selected).data : undefined;
  if (selected && selected !== OTHER_EQUIPMENT && existingId === undefined) fail(BLOCKS.intakeEquipment, e.unknownOption);
  if (existingId !== undefined) {
    if (model || serial) fail(BLOCKS.intakeModel, e.equipmentBoth);
    // The warranty date is kept only if the equipment has none on file (R1: an unknown warranty).
    equipment = { kind: "existing", equipmentId: existingId, ...(warrantyEnd && warrantyOk ? { warrantyEnd } : {}) };
  } else if (model || serial) {
    if (!model) fail(BLOCKS.intakeModel, e.modelRequired);
    if (!serial) fail(BLOCKS.intakeSerial, e.serialRequired);
    if (model && serial) {
      equipment = { kind: "new", model, serial, ...(acceptanceDate ? { acceptanceDate } : {}), ...(warrantyEnd ? { warrantyEnd } : {}) };
    }
  } else if (!incomplete) {
    fail(values[BLOCKS.intakeEquipment] ? BLOCKS.intakeEquipment : BLOCKS.intakeModel, e.equipmentRequired);
  }

  // The call
  const faultDescription = text(BLOCKS.intakeFault, INPUTS.fault);
  if (!faultDescription && !incomplete) fail(BLOCKS.intakeFault, e.faultRequired);
  if (faultDescription && faultDescription.length > MAX_FAULT_INPUT) fail(BLOCKS.intakeFault, e.tooLong(MAX_FAULT_INPUT));
  const requestedServiceAt = dateTimeValue(values, BLOCKS.intakeRequestedAt, INPUTS.requestedAt);
  // R6: whether it is in the allowed window is the service's check (it has the clock).
  const calledAt = metadata.mode === "new" ? dateTimeValue(values, BLOCKS.intakeCalledAt, INPUTS.calledAt) : undefined;

  const contactName = metadata.newCustomer ? undefined : text(BLOCKS.intakeContactName, INPUTS.contactName);
  const contactPhone = metadata.newCustomer ? undefined : text(BLOCKS.intakeContactPhone, INPUTS.contactPhone);
  const siteAddress = metadata.newCustomer ? undefined : text(BLOCKS.intakeSiteAddress, INPUTS.siteAddress);
  if (contactPhone && !phoneSchema.safeParse(contactPhone).success) fail(BLOCKS.intakeContactPhone, e.phoneFormat);

  // R1: an explicit category other than the suggestion needs a reason.
  const categoryRaw = optionValue(values, BLOCKS.intakeCategory, INPUTS.category);
  const reason = text(BLOCKS.intakeOverrideReason, INPUTS.overrideReason);
  let categoryOverride: IntakeInput["categoryOverride"];
  if (categoryRaw !== undefined && categoryRaw !== CATEGORY_AUTO) {
    const parsed = categorySchema.safeParse(categoryRaw);
    if (!parsed.success) fail(BLOCKS.intakeCategory, e.unknownOption);
    else {
      categoryOverride = parsed.data;
      if (parsed.data !== metadata.suggestedCategory && !reason && metadata.suggestedCategory !== undefined) {
        fail(BLOCKS.intakeOverrideReason, e.overrideReasonRequired);
      }
    }
  }

  if (Object.keys(errors).length || !customer) return { ok: false, errors };
  const input: IntakeInput = {
    customer,
    equipment,
    ...(contactName ? { contactName } : {}),
    ...(contactPhone ? { contactPhone } : {}),
    ...(siteAddress ? { siteAddress } : {}),
    ...(faultDescription ? { faultDescription } : {}),
    ...(requestedServiceAt ? { requestedServiceAt } : {}),
    ...(calledAt ? { calledAt } : {}),
    ...(area ? { area } : {}),
    ...(categoryOverride ? { categoryOverride, ...(reason ? { categoryOverrideReason: reason } : {}) } : {}),
    saveAsIncomplete: incomplete,
    ...(metadata.sourceMessageLink ? { sourceMessageLink: metadata.sourceMessageLink } : {}),
  };
  return { ok: true, input };
}
