// English text for thread replies (see ../messages.ts: one catalogue per language, split by feature).
// Pieces (mentions, dates, part numbers) come already formatted and escaped.
export const en = {
  /** What the bot understands, shown after a malformed line. */
  usage: [
    "I understand one command per line:",
    "• `arrived` — you are on site",
    "• `hours 1.5` or `hours 2 B` — hours worked today (category A–D, default the call's)",
    "• `part P-1001 x2` — a part used (`part P-1001 x1 out SN1 in SN2` for serialised parts)",
    "• `done signed <customer name>` — fixed on site, signed by the customer",
    "• `note <text>` — a note on the call (other text is kept as a note too)",
  ].join("\n"),
  malformed: {
    "extra-words": (line: string) => `I did not understand \`${line}\`.`,
    "hours-missing": (line: string) => `\`${line}\`: how many hours? For example \`hours 1.5\`.`,
    "hours-not-a-number": (line: string) => `\`${line}\`: hours must be a number such as \`1.5\` or \`2h\`.`,
    "hours-out-of-range": (line: string, max: number) => `\`${line}\`: hours must be more than 0 and at most ${max} per line.`,
    "hours-bad-category": (line: string) => `\`${line}\`: the category is one letter, A, B, C or D, after the hours (\`hours 2 B\`).`,
    "part-missing": (line: string) => `\`${line}\`: which part? Give its number, for example \`part P-1001 x2\`.`,
    "part-bad-quantity": (line: string, max: number) => `\`${line}\`: the quantity is a whole number from 1 to ${max}, for example \`x2\`.`,
    "part-bad-serials": (line: string) => `\`${line}\`: give both serials, \`out <serial taken out> in <serial put in>\`.`,
    "done-signed-missing-name": (line: string) => `\`${line}\`: who signed for the customer? \`done signed <name>\`.`,
    "note-empty": (line: string) => `\`${line}\`: write the note after the word, \`note <text>\`.`,
  },
  stranger: "Only the call's technician and the branch's dispatchers, directors and managers can update this call from its thread.",
  notAssignee: (command: string, assignee: string) => `Only the assigned technician, ${assignee}, can use \`${command}\` on this call.`,
  nobodyAssigned: (command: string) => `\`${command}\` is for the assigned technician, and nobody is assigned to this call yet.`,
  wrongStatus: (command: string, status: string) => `\`${command}\` is not possible while the call is ${status}.`,
  alreadyArrived: (when: string) => `Your arrival was already recorded at ${when}.`,
  needsSignature: "R10: who signed for the customer? Reply `done signed <customer name>` (for example `done signed Lee Jiwon`).",
  needsHours: "R13: every visit records its hours. Log them first (`hours 1.5`), then `done signed <customer name>`.",
  paidCall: "This work is charged to the customer (paid call, a cost the contract does not cover, or a wearing part): use Report work (fee and settlement, R10) on the ticket message to finish it.",
  unknownPart: (partNo: string) => `I know no active part \`${partNo}\`. Check the number in the parts list.`,
  notEnoughStock: (partNo: string, requested: number, available: number) =>
    `Not enough \`${partNo}\`: you asked for ${requested}, ${available} left (your loans and the branch's stock). Nothing was booked.`,
  serialRequired: (partNo: string) => `\`${partNo}\` is serialised: add the serials, \`part ${partNo} x1 out <old serial> in <new serial>\`.`,
  /** History lines in the ticket's thread (rendered events). */
  history: {
    resolved: (actor: string, signedBy: string, hours: string, partLines: number, when: string) =>
      `${actor} fixed the call on site (${when}); signed for the customer by ${signedBy}. ${hours} h and ${partLines} part line(s) in the visit report.`,
  },
};
