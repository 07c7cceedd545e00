import { computeCharges, feePolicy, formatCents, mayCharge, settlementProblem, totalCents } from "../../../src/domain/fees";

const visit = {
  labourRate: 100,
  labourHours: 1.5,
  parts: [
    { unitPrice: 40, quantity: 2, wearing: false },
    { unitPrice: 12.5, quantity: 1, wearing: true },
  ],
  travel: 30,
  meals: 15,
  lodging: 0,
};

describe("fees (R10)", () => {
  it("R10: paid work charges labour, every part, travel and meals, each as paid service", () => {
    const lines = computeCharges(feePolicy("A_PAID", null), visit);
    expect(lines).toEqual([
      { kind: "LABOUR", reason: "PAID_SERVICE", cents: 15000 },
      { kind: "PARTS", reason: "PAID_SERVICE", cents: 9250 },
      { kind: "TRAVEL", reason: "PAID_SERVICE", cents: 3000 },
      { kind: "MEALS", reason: "PAID_SERVICE", cents: 1500 },
    ]);
    expect(formatCents(totalCents(lines))).toBe("287.50");
  });

  it("R10: warranty work (C) charges only the wearing parts", () => {
    expect(computeCharges(feePolicy("C_WARRANTY", null), visit)).toEqual([{ kind: "PARTS", reason: "WEARING_PART", cents: 1250 }]);
    expect(computeCharges(feePolicy("C_WARRANTY", null), { ...visit, parts: [{ unitPrice: 40, quantity: 1, wearing: false }] })).toEqual([]);
  });

  it("R10: contract work (B) charges what the contract does not cover, and nothing when it covers all", () => {
    const noLabour = feePolicy("B_CONTRACT", { coversLabour: false, coversParts: true, coversTravel: false });
    expect(computeCharges(noLabour, visit)).toEqual([
      { kind: "LABOUR", reason: "NOT_COVERED_BY_CONTRACT", cents: 15000 },
      { kind: "TRAVEL", reason: "NOT_COVERED_BY_CONTRACT", cents: 3000 },
      { kind: "MEALS", reason: "NOT_COVERED_BY_CONTRACT", cents: 1500 },
    ]);
    const everything = feePolicy("B_CONTRACT", { coversLabour: true, coversParts: true, coversTravel: true });
    expect(mayCharge(everything)).toBe(false);
    expect(computeCharges(everything, visit)).toEqual([]);
    expect(mayCharge(feePolicy("D_INTERNAL", null))).toBe(false);
  });

  it("R10: up to the limit a fee may be collected on site; above it only an invoice; something charged needs a settlement", () => {
    expect(settlementProblem("COLLECTED_ON_SITE", 50000, 500)).toBeNull();
    expect(settlementProblem("COLLECTED_ON_SITE", 50001, 500)).toBe("above-collection-limit");
    expect(settlementProblem("INVOICE_REQUESTED", 10, 500)).toBeNull();
    expect(settlementProblem("NONE", 10, 500)).toBe("settlement-required");
    expect(settlementProblem("NONE", 0, 500)).toBeNull();
  });
});
