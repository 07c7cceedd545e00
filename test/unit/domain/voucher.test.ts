import {
  CUSTODY_RECEIPT_PATTERN,
  formatCustodyReceiptNumber,
  formatVoucherNumber,
  parseCustodyReceiptNumber,
  parseVoucherNumber,
  VOUCHER_PATTERN,
} from "../../../src/domain/voucher";

describe("service voucher numbers (R4)", () => {
  it("R4: a voucher number reads SV-year-six digits", () => {
    expect(formatVoucherNumber(2026, 123)).toBe("SV-2026-000123");
    expect(formatVoucherNumber(2026, 1)).toBe("SV-2026-000001");
  });

  it("R4: a busy year grows past 999999 without truncating", () => {
    expect(formatVoucherNumber(2026, 999_999)).toBe("SV-2026-999999");
    expect(formatVoucherNumber(2026, 1_000_000)).toBe("SV-2026-1000000");
    expect(parseVoucherNumber("SV-2026-1000000")).toEqual({ year: 2026, sequence: 1_000_000 });
  });

  it("R4: numbers quoted by people parse whatever the case and surrounding spaces", () => {
    expect(parseVoucherNumber("  sv-2026-000123\n")).toEqual({ year: 2026, sequence: 123 });
    expect(parseVoucherNumber("SV-2026-000123")).toEqual({ year: 2026, sequence: 123 });
  });

  it.each(["", "SV-2026-123", "SV-26-000123", "SV-2026-0000123", "SV-2026-000000", "CR-2026-000123", "SV 2026 000123", "xSV-2026-000123"])(
    "R4: %p is not a voucher number",
    (text) => {
      expect(parseVoucherNumber(text)).toBeNull();
    },
  );

  it("R4: formatting and parsing round-trip", () => {
    for (const sequence of [1, 42, 999_999, 1_000_000, 123_456_789]) {
      const text = formatVoucherNumber(2027, sequence);
      expect(VOUCHER_PATTERN.test(text)).toBe(true);
      expect(parseVoucherNumber(text)).toEqual({ year: 2027, sequence });
    }
  });

  it("R4: a sequence or year that cannot make a valid number is a programming error", () => {
    expect(() => formatVoucherNumber(2026, 0)).toThrow(RangeError);
    expect(() => formatVoucherNumber(2026, 1.5)).toThrow(RangeError);
    expect(() => formatVoucherNumber(26, 1)).toThrow(RangeError);
  });
});

describe("custody receipt numbers (R11)", () => {
  it("R11: a custody receipt number reads CR-year-six digits", () => {
    expect(formatCustodyReceiptNumber(2026, 42)).toBe("CR-2026-000042");
    expect(CUSTODY_RECEIPT_PATTERN.test("CR-2026-000042")).toBe(true);
  });

  it("R11: custody receipt numbers parse like vouchers but are never taken for one", () => {
    expect(parseCustodyReceiptNumber(" cr-2026-000042 ")).toEqual({ year: 2026, sequence: 42 });
    expect(parseVoucherNumber("CR-2026-000042")).toBeNull();
    expect(parseCustodyReceiptNumber("SV-2026-000042")).toBeNull();
  });
});
