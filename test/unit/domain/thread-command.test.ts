import { MAX_HOURS_PER_ENTRY, parseLine, parseThreadReply } from "../../../src/domain/thread-command";

describe("parseLine: thread reply commands (R9, R13, R14, R10)", () => {
  it.each([
    ["arrived", { kind: "arrived" }],
    ["Arrived", { kind: "arrived" }],
    ["ARRIVED!", { kind: "arrived" }],
    ["*arrived*", { kind: "arrived" }],
  ])("R9: %s is an arrival", (line, expected) => {
    expect(parseLine(line)).toEqual(expected);
  });

  it.each([
    ["hours 1.5", 1.5, null],
    ["hours 1,5", 1.5, null],
    ["hours 2h", 2, null],
    ["hours 2 h", 2, null],
    ["Hours 2 B", 2, "B"],
    ["hours 2h b", 2, "B"],
    ["hours 0.25 D", 0.25, "D"],
    ["hours .5", 0.5, null],
    ["HOURS 3 hours", 3, null],
    [`hours ${MAX_HOURS_PER_ENTRY}`, MAX_HOURS_PER_ENTRY, null],
  ])("R13: %s logs %d hours (category %s)", (line, hours, category) => {
    expect(parseLine(line)).toEqual({ kind: "hours", hours, category });
  });

  it.each([
    ["hours", "hours-missing"],
    ["hours abc", "hours-not-a-number"],
    ["hours 40", "hours-out-of-range"],
    ["hours 0", "hours-out-of-range"],
    ["hours 1.555", "hours-not-a-number"],
    ["hours 2 E", "hours-bad-category"],
    ["hours 2 contract", "hours-bad-category"],
    ["hours -1", "hours-not-a-number"],
  ])("R13: %s is malformed (%s)", (line, reason) => {
    expect(parseLine(line)).toEqual({ kind: "malformed", command: "hours", reason, line });
  });

  it.each([
    ["part P-1001 x2", "P-1001", 2],
    ["part P-1001", "P-1001", 1],
    ["part P-1001 2", "P-1001", 2],
    ["Part p-1001 X3", "P-1001", 3],
    ["part P-1001 ×4", "P-1001", 4],
  ])("R14: %s books %s ×%d", (line, partNo, quantity) => {
    expect(parseLine(line)).toEqual({ kind: "part", partNo, quantity, serialOut: null, serialIn: null });
  });

  it("R14: serialised parts carry the serial taken out and the one put in, in either order", () => {
    expect(parseLine("part P-2001 x1 out SN-OLD in SN-NEW")).toEqual({ kind: "part", partNo: "P-2001", quantity: 1, serialOut: "SN-OLD", serialIn: "SN-NEW" });
    expect(parseLine("part P-2001 in SN-NEW out SN-OLD")).toEqual({ kind: "part", partNo: "P-2001", quantity: 1, serialOut: "SN-OLD", serialIn: "SN-NEW" });
  });

  it.each([
    ["part", "part-missing"],
    ["part ???", "part-missing"],
    ["part P-1001 x0", "part-bad-quantity"],
    ["part P-1001 x100", "part-bad-quantity"],
    ["part P-1001 lots", "part-bad-quantity"],
    ["part P-1001 x1 out SN1", "part-bad-serials"],
    ["part P-1001 x1 in SN2", "part-bad-serials"],
    ["part P-1001 out in", "part-bad-serials"],
    ["part P-1001 out A out B", "part-bad-serials"],
  ])("R14: %s is malformed (%s)", (line, reason) => {
    expect(parseLine(line)).toEqual({ kind: "malformed", command: "part", reason, line });
  });

  it.each([
    ["done", null],
    ["Done.", null],
    ["done signed Lee Jiwon", "Lee Jiwon"],
    ["DONE Signed by Lee Jiwon", "Lee Jiwon"],
    ["done signed: Lee Jiwon", "Lee Jiwon"],
  ])("R10: %s finishes the call, signed by %s", (line, signedBy) => {
    expect(parseLine(line)).toEqual({ kind: "done", signedBy });
  });

  it("R10: done with a signature but no name, or other words, is malformed", () => {
    expect(parseLine("done signed")).toMatchObject({ kind: "malformed", command: "done", reason: "done-signed-missing-name" });
    expect(parseLine("done signed by")).toMatchObject({ kind: "malformed", command: "done", reason: "done-signed-missing-name" });
    expect(parseLine("done for today")).toMatchObject({ kind: "malformed", command: "done", reason: "extra-words" });
    expect(parseLine("arrived at the gate")).toMatchObject({ kind: "malformed", command: "arrived", reason: "extra-words" });
  });

  it("notes keep their text; an empty note is malformed", () => {
    expect(parseLine("note Customer asks for a call before noon")).toEqual({ kind: "note", text: "Customer asks for a call before noon" });
    expect(parseLine("NOTE  gate code 1234")).toEqual({ kind: "note", text: "gate code 1234" });
    expect(parseLine("note")).toEqual({ kind: "malformed", command: "note", reason: "note-empty", line: "note" });
  });

  it("text that does not start with a command word is free text", () => {
    expect(parseLine("The compressor relay was burnt")).toEqual({ kind: "free-text", text: "The compressor relay was burnt" });
    expect(parseLine("Done, waiting for the customer")).toEqual({ kind: "free-text", text: "Done, waiting for the customer" });
    expect(parseLine("hoursly rate?")).toEqual({ kind: "free-text", text: "hoursly rate?" });
  });
});

describe("parseThreadReply: one command per line", () => {
  it("R13: handles every line in order and skips blank ones", () => {
    expect(parseThreadReply("arrived\n\nhours 1.5\npart P-1001 x2\r\ndone signed Lee Jiwon")).toEqual([
      { kind: "arrived" },
      { kind: "hours", hours: 1.5, category: null },
      { kind: "part", partNo: "P-1001", quantity: 2, serialOut: null, serialIn: null },
      { kind: "done", signedBy: "Lee Jiwon" },
    ]);
  });

  it("joins consecutive free-text lines into one note, split by commands", () => {
    expect(parseThreadReply("Relay burnt.\nReplaced it.\nhours 2\nCustomer happy")).toEqual([
      { kind: "free-text", text: "Relay burnt.\nReplaced it." },
      { kind: "hours", hours: 2, category: null },
      { kind: "free-text", text: "Customer happy" },
    ]);
  });

  it("gives nothing for an empty or blank reply", () => {
    expect(parseThreadReply("")).toEqual([]);
    expect(parseThreadReply("  \n \n")).toEqual([]);
  });

  it("keeps a malformed line among good ones", () => {
    expect(parseThreadReply("hours abc\narrived").map((c) => c.kind)).toEqual(["malformed", "arrived"]);
  });
});
