import { parseRepairCommand } from "../../../src/handlers/commands/repair";

describe("/repair complaint (R21)", () => {
  it("R21: `complaint` alone or with a voucher number opens the registration; anything else gets help", () => {
    expect(parseRepairCommand("complaint")).toEqual({ name: "complaint", voucherNo: null });
    expect(parseRepairCommand("Complaint sv-2026-000123")).toEqual({ name: "complaint", voucherNo: "SV-2026-000123" });
    expect(parseRepairCommand("complaint about the noise")).toEqual({ name: "help", unknownText: "complaint about the noise" });
  });
});
