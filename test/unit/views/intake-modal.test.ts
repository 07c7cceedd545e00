import { validateOptionsResponse, validateView } from "../../../src/sandbox/slack/block-kit-validator";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "../../../src/views/ids";
import {
  buildCustomerOptions,
  buildEquipmentOptionText,
  buildIntakeModal,
  CATEGORY_AUTO,
  intakePrefillFromCard,
  NO_CUSTOMER_MATCH,
  OTHER_EQUIPMENT,
  readIntakeMetadata,
  type IntakeModalState,
} from "../../../src/views/intake-modal";
import { INTAKE_FIELD_BLOCKS, intakeFieldErrors, readIntakeSubmission } from "../../../src/views/intake-submission";
import { customerContext, ids, submitted, textOf, ticketCard } from "./fixtures";

const fresh = (overrides: Partial<IntakeModalState> = {}): IntakeModalState => ({ mode: "new", customerContext: null, newCustomer: false, prefill: {}, ...overrides });

describe("intake modal", () => {
  it("opens empty with a customer type-ahead that dispatches when a customer is chosen", () => {
    const view = buildIntakeModal(fresh());
    expect(validateView(view)).toEqual([]);
    expect(view.callback_id).toBe(VIEWS.intake);
    const customer = view.blocks.find((b) => b.block_id === BLOCKS.intakeCustomer);
    expect(customer).toMatchObject({ type: "input", dispatch_action: true, element: { type: "external_select", action_id: ACTIONS.intakeCustomerSelect, min_query_length: 2 } });
    expect(textOf(view.blocks)).toContain("Save as incomplete (R3)");
    expect(JSON.parse(view.private_metadata!)).toEqual({ mode: "new", newCustomer: false });
  });

  it("R2/R23: once a customer is chosen, shows their equipment with warranty/contract state, open tickets as a repeat call, and live contracts", () => {
    const context = customerContext({
      openTickets: [{ id: 9, voucherNo: "SV-2026-000009", status: "ASSIGNED", receivedAt: new Date("2026-02-27T01:00:00Z"), faultDescription: "Noisy drum", equipmentId: null }],
    });
    const view = buildIntakeModal(fresh({ customerContext: context }));
    expect(validateView(view)).toEqual([]);
    const text = textOf(view.blocks);
    expect(text).toContain("Repeat call?");
    expect(text).toContain("SV-2026-000009 · Assigned");
    expect(text).toContain("MC-2025-17 until 2026-12-31");
    expect(text).toContain("LX-200 loom · L");
    expect(text).toContain("(B contract, contract to 2026-12-31)");
    expect(text).toContain("(C warranty, warranty to 2027-10-31)");
    expect(view.blocks.find((b) => b.block_id === BLOCKS.intakeArea)).toMatchObject({ element: { initial_option: { value: "SUBURBAN" } } });
    expect(JSON.parse(view.private_metadata!)).toMatchObject({ customerId: context.customer.id });
  });

  it("keeps every block_id/action_id of the first view when a customer and equipment are chosen, so typed input survives", () => {
    const before = buildIntakeModal(fresh({ prefill: { faultDescription: "Leaks" } }));
    const context = customerContext();
    const after = buildIntakeModal(fresh({ prefill: { faultDescription: "Leaks" }, customerContext: context, selectedEquipmentId: context.equipment[1].id }));
    expect(ids(after.blocks)).toEqual(expect.arrayContaining(ids(before.blocks)));
    // Typed text survives views.update in the fake too.
    const typed = submitted(before.blocks, { [BLOCKS.intakeFault]: "Leaks a lot", [BLOCKS.intakeModel]: "X1" });
    const kept = submitted(after.blocks, {}, typed);
    expect(kept[BLOCKS.intakeFault]?.[INPUTS.fault]?.value).toBe("Leaks a lot");
    expect(kept[BLOCKS.intakeModel]?.[INPUTS.model]?.value).toBe("X1");
  });

  it("R1: pre-selects the only piece of equipment and names the suggestion that follows the chosen equipment", () => {
    const context = customerContext();
    const warranty = buildIntakeModal(fresh({ customerContext: context, selectedEquipmentId: context.equipment[1].id }));
    expect(textOf(warranty.blocks)).toContain("R1 suggests C warranty.");
    expect(JSON.parse(warranty.private_metadata!)).toMatchObject({ suggestedCategory: "C_WARRANTY" });
    const single = buildIntakeModal(fresh({ customerContext: { ...context, equipment: [context.equipment[0]] } }));
    expect(single.blocks.find((b) => b.block_id === BLOCKS.intakeEquipment)).toMatchObject({ dispatch_action: true, element: { initial_option: { value: String(context.equipment[0].id) } } });
    expect(textOf(single.blocks)).toContain("R1 suggests B contract.");
  });

  it("the New customer toggle swaps the search for the new-customer fields, keeping the other fields", () => {
    const search = buildIntakeModal(fresh());
    const typing = buildIntakeModal(fresh({ newCustomer: true }));
    expect(validateView(typing)).toEqual([]);
    expect(typing.blocks.find((b) => b.block_id === BLOCKS.intakeCustomer)).toBeUndefined();
    for (const block of [BLOCKS.intakeNewName, BLOCKS.intakeNewAddress, BLOCKS.intakeNewPhone, BLOCKS.intakeNewContactPerson, BLOCKS.intakeNewGrade]) {
      expect(typing.blocks.some((b) => b.block_id === block)).toBe(true);
    }
    const shared = ids(search.blocks).filter((id) => !id.startsWith(BLOCKS.intakeCustomer + "/") && !id.startsWith("intake_contact") && !id.startsWith("intake_site"));
    expect(ids(typing.blocks)).toEqual(expect.arrayContaining(shared));
    expect(textOf(search.blocks)).toContain(ACTIONS.intakeNewCustomerToggle);
  });

  it("prefills the fault and the source link from a message (shortcut)", () => {
    const link = "https://acme.slack.com/archives/C1/p1772420000000100";
    const view = buildIntakeModal(fresh({ prefill: { faultDescription: "x".repeat(5000), sourceMessageLink: link }, channelId: "C1" }));
    expect(validateView(view)).toEqual([]);
    expect(textOf(view.blocks)).toContain(`<${link}|this message>`);
    expect(readIntakeMetadata(view.private_metadata)).toEqual({ mode: "new", newCustomer: false, sourceMessageLink: link, channelId: "C1" });
  });

  it("R6: a new call asks when the customer called, a datetime picker defaulting to now (or the shortcut message's time)", () => {
    const now = new Date("2026-03-02T03:00:30Z");
    const view = buildIntakeModal(fresh({ now }));
    expect(validateView(view)).toEqual([]);
    const picker = view.blocks.find((b) => b.block_id === BLOCKS.intakeCalledAt);
    expect(picker).toMatchObject({ type: "input", optional: true, element: { type: "datetimepicker", action_id: INPUTS.calledAt, initial_date_time: 1772420430 } });
    expect(textOf(view.blocks)).toContain("at most 3 days back");
    const fromMessage = buildIntakeModal(fresh({ now, prefill: { calledAt: new Date("2026-03-02T02:10:00Z") } }));
    expect(fromMessage.blocks.find((b) => b.block_id === BLOCKS.intakeCalledAt)).toMatchObject({ element: { initial_date_time: 1772417400 } });
    // Completing or editing keeps the registered time: no picker.
    const card = ticketCard({ status: "INCOMPLETE" });
    expect(buildIntakeModal({ mode: "complete", ticketId: card.id, customerContext: null, newCustomer: false, prefill: intakePrefillFromCard(card), now }).blocks.some((b) => b.block_id === BLOCKS.intakeCalledAt)).toBe(false);
  });

  it("R3: completing or editing a ticket starts from its values and cannot be saved incomplete", () => {
    const card = ticketCard({ status: "INCOMPLETE", category: "A_PAID", suggestedCategory: "C_WARRANTY", categoryOverrideReason: "Dropped" });
    const context = customerContext({ equipment: [] });
    const view = buildIntakeModal({ mode: "complete", ticketId: card.id, customerContext: context, newCustomer: false, prefill: intakePrefillFromCard(card), suggestedCategory: card.suggestedCategory });
    expect(validateView(view)).toEqual([]);
    expect(view.title.text).toBe("Complete intake");
    expect(view.blocks.some((b) => b.block_id === BLOCKS.intakeIncomplete)).toBe(false);
    expect(view.blocks.find((b) => b.block_id === BLOCKS.intakeCategory)).toMatchObject({ element: { initial_option: { value: "A_PAID" } } });
    expect(JSON.parse(view.private_metadata!)).toMatchObject({ mode: "complete", ticketId: card.id });
    expect(buildIntakeModal({ mode: "edit", ticketId: card.id, customerContext: context, newCustomer: false, prefill: {} }).title.text).toBe("Edit repair call");
  });

  it("stays inside Slack's limits with 150 pieces of equipment, 30 open tickets and long names", () => {
    const base = customerContext();
    const context = customerContext({
      customer: { ...base.customer, name: "N".repeat(400), address: "A".repeat(1000) },
      equipment: Array.from({ length: 150 }, (_, i) => ({ ...base.equipment[0], id: 5000 + i, model: "Model".repeat(40), serial: "S".repeat(80) })),
      openTickets: Array.from({ length: 30 }, (_, i) => ({ id: i + 1, voucherNo: `SV-2026-${String(i).padStart(6, "0")}`, status: "REGISTERED" as const, receivedAt: new Date(), faultDescription: "F".repeat(2000), equipmentId: null })),
      liveContracts: Array.from({ length: 20 }, (_, i) => ({ number: `MC-${i}`, endsOn: "2026-12-31", coversAllEquipment: true })),
    });
    const view = buildIntakeModal(fresh({ customerContext: context, prefill: { sourceMessageLink: `https://acme.slack.com/${"p".repeat(1900)}` } }));
    expect(validateView(view)).toEqual([]);
    expect(view.private_metadata!.length).toBeLessThanOrEqual(3000);
    expect(textOf(view.blocks)).toContain("and 25 more");
  });

  it("answers the customer type-ahead with options of at most 75 characters, value = customer id", () => {
    const answer = buildCustomerOptions([
      { id: 7, name: "Hanil Foods", phone: "02-555-0100", grade: "A", area: "URBAN" },
      { id: 8, name: "L".repeat(200), phone: "010-1234-5678", grade: "C", area: "SUBURBAN" },
    ]);
    expect(validateOptionsResponse(answer)).toEqual([]);
    expect(answer.options[0]).toEqual({ text: { type: "plain_text", text: "Hanil Foods · 02-555-0100 · Grade A · Urban", emoji: true }, value: "7" });
    expect(answer.options[1].text.text).toContain("010-1234-5678");
    const none = buildCustomerOptions([]);
    expect(validateOptionsResponse(none)).toEqual([]);
    expect(none.options[0].text.text).toContain("No customer found");
  });

  it("keeps equipment option texts within 75 characters, serial and cover visible", () => {
    const text = buildEquipmentOptionText({ ...customerContext().equipment[1], model: "M".repeat(200), serial: "SER-123" });
    expect(text.length).toBeLessThanOrEqual(75);
    expect(text).toContain("SER-123");
    expect(text).toContain("C warranty");
  });
});

describe("readIntakeSubmission", () => {
  const context = customerContext();
  const withCustomer = buildIntakeModal(fresh({ customerContext: context, selectedEquipmentId: context.equipment[1].id }));
  const metaExisting = readIntakeMetadata(withCustomer.private_metadata);
  const newCustomer = buildIntakeModal(fresh({ newCustomer: true }));
  const metaNew = readIntakeMetadata(newCustomer.private_metadata);

  it("R2: reads an existing customer, their equipment and the call", () => {
    const values = submitted(withCustomer.blocks, {
      [BLOCKS.intakeFault]: "  Dryer does not heat  ",
      [BLOCKS.intakeRequestedAt]: 1772445600,
      [BLOCKS.intakeContactPhone]: "010-9876-5432",
    });
    const result = readIntakeSubmission(values, metaExisting);
    expect(result).toEqual({
      ok: true,
      input: {
        customer: { kind: "existing", customerId: context.customer.id },
        equipment: { kind: "existing", equipmentId: context.equipment[1].id },
        contactPhone: "010-9876-5432",
        faultDescription: "Dryer does not heat",
        requestedServiceAt: new Date(1772445600 * 1000),
        area: "SUBURBAN",
        saveAsIncomplete: false,
      },
    });
  });

  it("R6: reads when the customer called; an untouched picker passes its default on", () => {
    const values = submitted(withCustomer.blocks, { [BLOCKS.intakeFault]: "x", [BLOCKS.intakeCalledAt]: 1772413200 });
    expect(readIntakeSubmission(values, metaExisting)).toMatchObject({ ok: true, input: { calledAt: new Date(1772413200 * 1000) } });
    const defaulted = buildIntakeModal(fresh({ customerContext: context, selectedEquipmentId: context.equipment[1].id, now: new Date(1772420400 * 1000) }));
    expect(readIntakeSubmission(submitted(defaulted.blocks, { [BLOCKS.intakeFault]: "x" }), metaExisting)).toMatchObject({ ok: true, input: { calledAt: new Date(1772420400 * 1000) } });
    expect(intakeFieldErrors({ calledAt: "Not in the future" }, { newCustomer: false })).toEqual({ [BLOCKS.intakeCalledAt]: "Not in the future" });
  });

  it("reads a new customer with new equipment, the private_metadata given as JSON", () => {
    const values = submitted(newCustomer.blocks, {
      [BLOCKS.intakeNewName]: "Samil Bakery",
      [BLOCKS.intakeNewAddress]: "3 Market-gil, Busan",
      [BLOCKS.intakeNewPhone]: "+82 51-123-4567",
      [BLOCKS.intakeNewGrade]: "C",
      [BLOCKS.intakeArea]: "URBAN",
      [BLOCKS.intakeModel]: "OV-3 oven",
      [BLOCKS.intakeSerial]: "OV3-0001",
      [BLOCKS.intakeAcceptanceDate]: "2025-05-01",
      [BLOCKS.intakeWarrantyEnd]: "2027-04-30",
      [BLOCKS.intakeFault]: "Will not heat",
    });
    const result = readIntakeSubmission(values, newCustomer.private_metadata!);
    expect(result).toMatchObject({
      ok: true,
      input: {
        customer: { kind: "new", name: "Samil Bakery", address: "3 Market-gil, Busan", phone: "+82 51-123-4567", area: "URBAN", grade: "C" },
        equipment: { kind: "new", model: "OV-3 oven", serial: "OV3-0001", acceptanceDate: "2025-05-01", warrantyEnd: "2027-04-30" },
        area: "URBAN",
        saveAsIncomplete: false,
      },
    });
  });

  it("shows a bad phone number on the phone field", () => {
    const values = submitted(newCustomer.blocks, { [BLOCKS.intakeNewName]: "A", [BLOCKS.intakeNewAddress]: "B", [BLOCKS.intakeNewPhone]: "call me maybe", [BLOCKS.intakeNewGrade]: "A", [BLOCKS.intakeArea]: "URBAN", [BLOCKS.intakeFault]: "x", [BLOCKS.intakeModel]: "m", [BLOCKS.intakeSerial]: "s" });
    expect(readIntakeSubmission(values, metaNew)).toEqual({ ok: false, errors: { [BLOCKS.intakeNewPhone]: expect.stringContaining("phone number") } });
    const short = submitted(newCustomer.blocks, { [BLOCKS.intakeNewName]: "A", [BLOCKS.intakeNewAddress]: "B", [BLOCKS.intakeNewPhone]: "12-34", [BLOCKS.intakeNewGrade]: "A", [BLOCKS.intakeArea]: "URBAN", [BLOCKS.intakeFault]: "x", [BLOCKS.intakeModel]: "m", [BLOCKS.intakeSerial]: "s" });
    expect(readIntakeSubmission(short, metaNew)).toMatchObject({ ok: false, errors: { [BLOCKS.intakeNewPhone]: expect.any(String) } });
  });

  it("shows a warranty end before the acceptance date on the warranty end", () => {
    const values = submitted(withCustomer.blocks, { [BLOCKS.intakeEquipment]: OTHER_EQUIPMENT, [BLOCKS.intakeModel]: "M", [BLOCKS.intakeSerial]: "S", [BLOCKS.intakeAcceptanceDate]: "2026-01-10", [BLOCKS.intakeWarrantyEnd]: "2025-12-31", [BLOCKS.intakeFault]: "x" });
    expect(readIntakeSubmission(values, metaExisting)).toEqual({ ok: false, errors: { [BLOCKS.intakeWarrantyEnd]: "The warranty cannot end before the acceptance date." } });
  });

  it("refuses a missing fault description, and missing equipment, unless saved as incomplete (R3)", () => {
    const empty = buildIntakeModal(fresh({ customerContext: customerContext({ equipment: [] }) }));
    const meta = readIntakeMetadata(empty.private_metadata);
    expect(readIntakeSubmission(submitted(empty.blocks), meta)).toEqual({
      ok: false,
      errors: { [BLOCKS.intakeFault]: expect.stringContaining("Describe the fault"), [BLOCKS.intakeModel]: expect.stringContaining("Choose the equipment") },
    });
    const incomplete = readIntakeSubmission(submitted(empty.blocks, { [BLOCKS.intakeIncomplete]: ["incomplete"] }), meta);
    expect(incomplete).toMatchObject({ ok: true, input: { saveAsIncomplete: true, equipment: { kind: "none" } } });
    expect(incomplete.ok && incomplete.input.faultDescription).toBeFalsy();
  });

  it("R3: an incomplete new customer still needs a name and a phone to call back", () => {
    const values = submitted(newCustomer.blocks, { [BLOCKS.intakeIncomplete]: ["incomplete"], [BLOCKS.intakeNewGrade]: "B", [BLOCKS.intakeArea]: "URBAN" });
    expect(readIntakeSubmission(values, metaNew)).toEqual({ ok: false, errors: { [BLOCKS.intakeNewName]: expect.any(String), [BLOCKS.intakeNewPhone]: expect.any(String) } });
    const ok = submitted(newCustomer.blocks, { [BLOCKS.intakeIncomplete]: ["incomplete"], [BLOCKS.intakeNewGrade]: "B", [BLOCKS.intakeArea]: "URBAN", [BLOCKS.intakeNewName]: "Kim", [BLOCKS.intakeNewPhone]: "010-1111-2222" });
    expect(readIntakeSubmission(ok, metaNew)).toMatchObject({ ok: true, input: { saveAsIncomplete: true, customer: { kind: "new", address: "" } } });
  });

  it("asks for a customer when none was chosen, or when the no-match line was picked", () => {
    const view = buildIntakeModal(fresh());
    const expected = { ok: false, errors: { [BLOCKS.intakeCustomer]: expect.stringContaining("Choose a customer") } };
    expect(readIntakeSubmission(submitted(view.blocks, { [BLOCKS.intakeIncomplete]: ["incomplete"] }), readIntakeMetadata(view.private_metadata))).toEqual(expected);
    const noMatch = submitted(view.blocks, { [BLOCKS.intakeIncomplete]: ["incomplete"], [BLOCKS.intakeCustomer]: NO_CUSTOMER_MATCH });
    expect(readIntakeSubmission(noMatch, readIntakeMetadata(view.private_metadata))).toEqual(expected);
  });

  it("R1: overriding the suggested category needs a reason; with one it is passed on", () => {
    const base = { [BLOCKS.intakeFault]: "x", [BLOCKS.intakeCategory]: "A_PAID" };
    expect(readIntakeSubmission(submitted(withCustomer.blocks, base), metaExisting)).toEqual({ ok: false, errors: { [BLOCKS.intakeOverrideReason]: expect.stringContaining("R1") } });
    const withReason = readIntakeSubmission(submitted(withCustomer.blocks, { ...base, [BLOCKS.intakeOverrideReason]: "Water damage by the customer" }), metaExisting);
    expect(withReason).toMatchObject({ ok: true, input: { categoryOverride: "A_PAID", categoryOverrideReason: "Water damage by the customer" } });
    const same = readIntakeSubmission(submitted(withCustomer.blocks, { [BLOCKS.intakeFault]: "x", [BLOCKS.intakeCategory]: "C_WARRANTY" }), metaExisting);
    expect(same.ok).toBe(true);
    const auto = readIntakeSubmission(submitted(withCustomer.blocks, { [BLOCKS.intakeFault]: "x", [BLOCKS.intakeCategory]: CATEGORY_AUTO, [BLOCKS.intakeOverrideReason]: "ignored" }), metaExisting);
    expect(auto.ok && auto.input.categoryOverride).toBeUndefined();
  });

  it("refuses equipment chosen from the list and typed at the same time", () => {
    const values = submitted(withCustomer.blocks, { [BLOCKS.intakeFault]: "x", [BLOCKS.intakeModel]: "Another" });
    expect(readIntakeSubmission(values, metaExisting)).toEqual({ ok: false, errors: { [BLOCKS.intakeModel]: expect.stringContaining("clear model and serial") } });
  });

  it("maps every semantic field of the services to a block of the modal", () => {
    const blockIds = new Set(Object.values(BLOCKS));
    for (const block of Object.values(INTAKE_FIELD_BLOCKS)) expect(blockIds.has(block as never)).toBe(true);
    expect(intakeFieldErrors({ phone: "Bad phone", faultDescription: "Missing" }, { newCustomer: true })).toEqual({ [BLOCKS.intakeNewPhone]: "Bad phone", [BLOCKS.intakeFault]: "Missing" });
    expect(intakeFieldErrors({ phone: "Bad phone", address: "No address", unknownThing: "Huh" }, { newCustomer: false })).toEqual({
      [BLOCKS.intakeCustomer]: "Bad phone",
      [BLOCKS.intakeSiteAddress]: "No address",
      [BLOCKS.intakeFault]: "Huh",
    });
  });
});
