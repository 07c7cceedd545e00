import { calledAtProblem, intakeFormatProblems, isLocalDate, MAX_CALLED_AT_DAYS_BACK, missingIntakeFields } from "../../../src/domain/intake";
import { isPhoneNumber, phoneDigits } from "../../../src/domain/phone";

const complete = {
  customer: { name: "Hanbit Foods", address: "1 Sejong-daero", phone: "02-123-4567", area: "URBAN" },
  equipment: { model: "CH-500", serial: "SN1" },
  faultDescription: "Does not cool",
};

describe("R2/R3: missingIntakeFields", () => {
  it("a complete call misses nothing", () => {
    expect(missingIntakeFields(complete)).toEqual([]);
  });

  it("R3: names each missing field in form order; blanks count as missing", () => {
    expect(
      missingIntakeFields({
        customer: { name: " ", address: null, phone: "", area: undefined },
        equipment: { model: "CH-500", serial: "  " },
        faultDescription: "\n",
      }),
    ).toEqual(["customerName", "address", "phone", "area", "serial", "faultDescription"]);
  });

  it("R3: no customer or no equipment at all", () => {
    expect(missingIntakeFields({ ...complete, customer: null, equipment: null })).toEqual(["customer", "equipment"]);
  });
});

describe("R2: intake format checks", () => {
  it("accepts well-formed input and ignores blanks", () => {
    expect(intakeFormatProblems({ phone: "010-1234-5678", contactPhone: "", acceptanceDate: "2026-01-01", warrantyEnd: "2027-01-01" })).toEqual({});
    expect(intakeFormatProblems({})).toEqual({});
  });

  it("flags a malformed phone and contact phone", () => {
    expect(intakeFormatProblems({ phone: "call me", contactPhone: "12" })).toEqual({ phone: "invalid", contactPhone: "invalid" });
  });

  it("flags a warranty end before the acceptance date, and impossible dates", () => {
    expect(intakeFormatProblems({ acceptanceDate: "2026-06-01", warrantyEnd: "2026-05-31" })).toEqual({ warrantyEnd: "before-acceptance-date" });
    expect(intakeFormatProblems({ acceptanceDate: "2026-06-01", warrantyEnd: "2026-06-01" })).toEqual({});
    expect(intakeFormatProblems({ acceptanceDate: "2026-02-30", warrantyEnd: "01/02/2027" })).toEqual({ acceptanceDate: "invalid", warrantyEnd: "invalid" });
  });

  it("isLocalDate accepts real days only", () => {
    expect(isLocalDate("2028-02-29")).toBe(true);
    expect(isLocalDate("2026-02-29")).toBe(false);
    expect(isLocalDate("2026-1-1")).toBe(false);
  });
});

describe("R6: when the customer called", () => {
  const now = new Date("2026-11-26T05:00:00Z");
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

  it("R6: the clock starts at the customer's call: any time from now back to MAX_CALLED_AT_DAYS_BACK days is accepted", () => {
    expect(MAX_CALLED_AT_DAYS_BACK).toBe(3);
    expect(calledAtProblem(now, now)).toBeNull();
    expect(calledAtProblem(minutes(-90), now)).toBeNull();
    expect(calledAtProblem(minutes(-3 * 24 * 60), now)).toBeNull();
    expect(calledAtProblem(minutes(1), now)).toBeNull(); // the picker's whole minute, a clock a little ahead
  });

  it("R6: a call in the future or further back than the limit is refused", () => {
    expect(calledAtProblem(minutes(5), now)).toBe("in-future");
    expect(calledAtProblem(minutes(-3 * 24 * 60 - 1), now)).toBe("too-long-ago");
    expect(calledAtProblem(minutes(-2 * 24 * 60), now, 1)).toBe("too-long-ago");
    expect(calledAtProblem(new Date(Number.NaN), now)).toBe("invalid");
  });
});

describe("phone numbers (shared with the importer)", () => {
  it("digits with spaces, + - and parentheses; 6 to 20 digits", () => {
    expect(isPhoneNumber("+82 (2) 123-4567")).toBe(true);
    expect(isPhoneNumber(" 010-1234-5678 ")).toBe(true);
    expect(isPhoneNumber("12345")).toBe(false);
    expect(isPhoneNumber("1".repeat(21))).toBe(false);
    expect(isPhoneNumber("010.1234.5678")).toBe(false);
  });

  it("phoneDigits keeps the digits only", () => {
    expect(phoneDigits("(010) 1234-5678")).toBe("01012345678");
  });
});
