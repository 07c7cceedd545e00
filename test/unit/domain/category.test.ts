import { awaitsCategoryConfirmation, isWarrantyUnknown, resolveCategory, SERVICE_CATEGORIES, suggestCategory, type ContractFacts } from "../../../src/domain/category";
import { DomainError, isDomainError } from "../../../src/domain/errors";

function contract(overrides: Partial<ContractFacts> = {}): ContractFacts {
  return { startsOn: "2026-01-01", endsOn: "2026-12-31", status: "ACTIVE", coversEquipment: true, ...overrides };
}

describe("service category (R1)", () => {
  it("R1: lists the four categories in order A, B, C, D", () => {
    expect(SERVICE_CATEGORIES).toEqual(["A_PAID", "B_CONTRACT", "C_WARRANTY", "D_INTERNAL"]);
  });

  it("R1: equipment inside warranty is C, even with a live contract", () => {
    expect(
      suggestCategory({ onDate: "2026-06-01", equipment: { warrantyEnd: "2026-12-31" }, contracts: [contract()] }),
    ).toBe("C_WARRANTY");
  });

  it("R1: the warranty end date itself is still inside warranty", () => {
    expect(suggestCategory({ onDate: "2026-06-01", equipment: { warrantyEnd: "2026-06-01" }, contracts: [] })).toBe(
      "C_WARRANTY",
    );
    expect(suggestCategory({ onDate: "2026-06-02", equipment: { warrantyEnd: "2026-06-01" }, contracts: [] })).toBe(
      "A_PAID",
    );
  });

  it("R1: out of warranty under a live maintenance contract is B", () => {
    expect(
      suggestCategory({ onDate: "2026-06-01", equipment: { warrantyEnd: "2025-06-01" }, contracts: [contract()] }),
    ).toBe("B_CONTRACT");
  });

  it("R1: a contract is live on its first and its last day", () => {
    const contracts = [contract({ startsOn: "2026-06-01", endsOn: "2026-06-30" })];
    expect(suggestCategory({ onDate: "2026-06-01", contracts })).toBe("B_CONTRACT");
    expect(suggestCategory({ onDate: "2026-06-30", contracts })).toBe("B_CONTRACT");
    expect(suggestCategory({ onDate: "2026-05-31", contracts })).toBe("A_PAID");
    expect(suggestCategory({ onDate: "2026-07-01", contracts })).toBe("A_PAID");
  });

  it.each(["EXPIRED", "RENEWED", "CANCELLED"] as const)("R1: a %s contract does not make the call B", (status) => {
    expect(suggestCategory({ onDate: "2026-06-01", contracts: [contract({ status })] })).toBe("A_PAID");
  });

  it("R1: a contract that does not cover the equipment does not make the call B", () => {
    expect(suggestCategory({ onDate: "2026-06-01", contracts: [contract({ coversEquipment: false })] })).toBe("A_PAID");
  });

  it("R1: one live contract among old ones is enough for B", () => {
    const contracts = [
      contract({ status: "RENEWED", endsOn: "2025-12-31", startsOn: "2025-01-01" }),
      contract({ coversEquipment: false }),
      contract(),
    ];
    expect(suggestCategory({ onDate: "2026-06-01", contracts })).toBe("B_CONTRACT");
  });

  it("R1: unknown equipment or no warranty date, and no contract, is A", () => {
    expect(suggestCategory({ onDate: "2026-06-01", contracts: [] })).toBe("A_PAID");
    expect(suggestCategory({ onDate: "2026-06-01", equipment: { warrantyEnd: null }, contracts: [] })).toBe("A_PAID");
  });

  it("R1: internal work (D) is never suggested for a customer call", () => {
    const suggestions = new Set(
      ["2024-01-01", "2026-06-01", "2030-01-01"].flatMap((onDate) => [
        suggestCategory({ onDate, contracts: [] }),
        suggestCategory({ onDate, equipment: { warrantyEnd: "2026-06-01" }, contracts: [contract()] }),
      ]),
    );
    expect(suggestions.has("D_INTERNAL")).toBe(false);
  });

  it("R1: a date in another format is refused rather than compared wrongly", () => {
    expect(() => suggestCategory({ onDate: "1/6/2026", contracts: [] })).toThrow(RangeError);
  });
});

describe("category override (R1)", () => {
  it("R1: without an override the suggestion stands and no reason is recorded", () => {
    expect(resolveCategory({ suggested: "C_WARRANTY" })).toEqual({
      category: "C_WARRANTY",
      suggestedCategory: "C_WARRANTY",
      overrideReason: null,
    });
  });

  it("R1: choosing the suggested category again is not an override", () => {
    expect(resolveCategory({ suggested: "A_PAID", override: "A_PAID", overrideReason: "  " })).toEqual({
      category: "A_PAID",
      suggestedCategory: "A_PAID",
      overrideReason: null,
    });
  });

  it("R1: an override is recorded with its reason next to the suggestion", () => {
    expect(
      resolveCategory({ suggested: "A_PAID", override: "C_WARRANTY", overrideReason: "  Warranty card found on site " }),
    ).toEqual({ category: "C_WARRANTY", suggestedCategory: "A_PAID", overrideReason: "Warranty card found on site" });
  });

  it.each([undefined, null, "", "   "])("R1: an override without a reason (%p) is refused", (overrideReason) => {
    let thrown: unknown;
    try {
      resolveCategory({ suggested: "A_PAID", override: "B_CONTRACT", overrideReason });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(isDomainError(thrown, "CATEGORY_OVERRIDE_NEEDS_REASON")).toBe(true);
    expect((thrown as DomainError).message).toMatch(/A_PAID to B_CONTRACT/);
  });

  it("R1: an unknown category from a form is refused", () => {
    expect(() =>
      resolveCategory({ suggested: "A_PAID", override: "Z_FREE" as never, overrideReason: "because" }),
    ).toThrow(expect.objectContaining({ code: "UNKNOWN_CATEGORY" }));
  });
});

describe("an unknown warranty (R1, seed 001 §4.4.1)", () => {
  it("R1: no warranty end and no live contract is unknown; a warranty end or a covering contract is known", () => {
    expect(isWarrantyUnknown({ onDate: "2026-11-23", equipment: { warrantyEnd: null }, contracts: [] })).toBe(true);
    expect(isWarrantyUnknown({ onDate: "2026-11-23", equipment: { warrantyEnd: "2020-01-01" }, contracts: [] })).toBe(false);
    expect(isWarrantyUnknown({ onDate: "2026-11-23", equipment: null, contracts: [{ startsOn: "2026-01-01", endsOn: "2026-12-31", status: "ACTIVE", coversEquipment: true }] })).toBe(false);
  });

  it("R1: keeping category A with a reason confirms it; without one the call waits", () => {
    expect(resolveCategory({ suggested: "A_PAID", override: "A_PAID", overrideReason: " No warranty card ", warrantyUnknown: true })).toEqual({ category: "A_PAID", suggestedCategory: "A_PAID", overrideReason: "No warranty card" });
    expect(awaitsCategoryConfirmation({ category: "A_PAID", warrantyEnd: null, contractId: null, overrideReason: null })).toBe(true);
    expect(awaitsCategoryConfirmation({ category: "A_PAID", warrantyEnd: null, contractId: null, overrideReason: "No warranty card" })).toBe(false);
    expect(awaitsCategoryConfirmation({ category: "A_PAID", warrantyEnd: "2020-01-01", contractId: null, overrideReason: null })).toBe(false);
  });
});
