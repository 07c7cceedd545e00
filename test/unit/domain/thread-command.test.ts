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

describe("parseLine: field commands in Korean and Chinese", () => {
  it.each([
    ["도착", { kind: "arrived" }],
    ["도착함", { kind: "arrived" }],
    ["到达", { kind: "arrived" }],
    ["已到达。", { kind: "arrived" }],
    ["시간 1.5", { kind: "hours", hours: 1.5, category: null }],
    ["시간 １．５", { kind: "hours", hours: 1.5, category: null }],
    ["시간 1.5시간 B", { kind: "hours", hours: 1.5, category: "B" }],
    ["工时 1.5", { kind: "hours", hours: 1.5, category: null }],
    ["工时1.5小时", { kind: "hours", hours: 1.5, category: null }],
    ["工时 ２ Ｃ", { kind: "hours", hours: 2, category: "C" }],
    ["부품 P-1001 x2", { kind: "part", partNo: "P-1001", quantity: 2, serialOut: null, serialIn: null }],
    ["부품 P-1001 2개", { kind: "part", partNo: "P-1001", quantity: 2, serialOut: null, serialIn: null }],
    ["配件 Ｐ－１００１ ×２", { kind: "part", partNo: "P-1001", quantity: 2, serialOut: null, serialIn: null }],
    ["配件 P-1001 3个", { kind: "part", partNo: "P-1001", quantity: 3, serialOut: null, serialIn: null }],
    ["완료", { kind: "done", signedBy: null }],
    ["완료 서명 김민수", { kind: "done", signedBy: "김민수" }],
    ["完成 签字 王伟", { kind: "done", signedBy: "王伟" }],
    ["完成，签字王伟", { kind: "done", signedBy: "王伟" }],
    ["完成 签名：王伟", { kind: "done", signedBy: "王伟" }],
    ["메모 고객이 다음 주 재방문 요청", { kind: "note", text: "고객이 다음 주 재방문 요청" }],
    ["备注 客户要求下周再来", { kind: "note", text: "客户要求下周再来" }],
  ])("R9/R13/R14: %s", (line, expected) => {
    expect(parseLine(line)).toEqual(expected);
  });

  it.each([
    ["시간", "hours", "hours-missing"],
    ["工时 abc", "hours", "hours-not-a-number"],
    ["도착 늦음", "arrived", "extra-words"],
    ["완료 내일", "done", "extra-words"],
    ["完成 签字", "done", "done-signed-missing-name"],
  ])("%s is malformed like its English form", (line, command, reason) => {
    expect(parseLine(line)).toEqual({ kind: "malformed", command, reason, line });
  });

  it("a sentence that only begins like a command is free text", () => {
    expect(parseLine("도착했어요 고객 부재")).toEqual({ kind: "free-text", text: "도착했어요 고객 부재" });
    expect(parseLine("시간이 부족했습니다")).toEqual({ kind: "free-text", text: "시간이 부족했습니다" });
    expect(parseLine("完成了吗")).toEqual({ kind: "free-text", text: "完成了吗" });
  });

  it("a reply mixes languages, one command per line", () => {
    expect(parseThreadReply("到达\n工时 1.5 B\n配件 P-1001 x2\n完成 签字 王伟").map((command) => command.kind)).toEqual(["arrived", "hours", "part", "done"]);
  });
});
