// English text for the customer's file (R23; see ../messages.ts).
type Rating = "VERY_SATISFIED" | "SATISFIED" | "DISSATISFIED" | "VERY_DISSATISFIED";
type ComplaintKind = "COMPLAINT" | "SUGGESTION";

export const en = {
  /** Modal title: at most 24 characters. */
  title: "Customer's file",
  close: "Close",
  fallback: (name: string) => `Customer's file: ${name}`,
  identity: (grade: string, code: string, area: string, branch: string) => `*${grade}* · ${code} · ${area} · ${branch}`,
  address: (address: string) => `:round_pushpin: ${address}`,
  phone: (phone: string) => `:telephone_receiver: ${phone}`,
  contactPerson: (name: string) => `Contact: ${name}`,
  heading: (title: string, count: number) => `*${title}* (${count})`,
  sections: {
    equipment: "Equipment",
    contracts: "Contracts",
    openCalls: "Open calls",
    closedCalls: "Last closed calls",
    surveys: "Surveys",
    complaints: "Complaints",
  },
  none: "_None._",
  more: (count: number) => `_…and ${count} more._`,
  moreClosed: (count: number) => `_…and ${count} earlier closed calls._`,
  // Equipment: R1's facts today.
  equipmentLine: (model: string, serial: string, warranty: string, contract: string) => `• ${model} · ${serial} — ${warranty} · ${contract}`,
  inWarranty: (until: string) => `in warranty until ${until}`,
  outOfWarranty: (ended: string) => `out of warranty (ended ${ended})`,
  warrantyUnknown: "warranty unknown",
  underContract: (number: string, until: string) => `under contract ${number} until ${until}`,
  noContract: "no contract",
  // Contracts.
  contractLine: (number: string, startsOn: string, endsOn: string, status: string, covers: string) => `• ${number} · ${startsOn} → ${endsOn} · ${status} · ${covers}`,
  contractStatus: { ACTIVE: "Active", EXPIRED: "Expired", RENEWED: "Renewed", CANCELLED: "Cancelled" } as Record<string, string>,
  contractLive: "running",
  coversAll: "all equipment",
  coversSome: (count: number) => `${count} piece(s) of equipment`,
  // Calls.
  openCallLine: (voucher: string, status: string, category: string, technician: string, deadline: string) => `• ${voucher} · ${status} · ${category} · ${technician} · ${deadline}`,
  due: (when: string) => `due ${when}`,
  noDeadline: "no deadline yet",
  unassigned: "unassigned",
  closedCallLine: (voucher: string, when: string, outcome: string, fees: string, technician: string) => `• ${voucher} · closed ${when} · ${outcome} · ${fees} · ${technician}`,
  noOutcome: "no visit report",
  noFees: "no charges",
  resolution: (text: string) => `   _${text}_`,
  // Surveys (R20): the four items, each on four levels.
  surveyLine: (voucher: string, when: string, technician: string, ratings: string) => `• ${voucher} · ${when}${technician}${ratings ? ` · ${ratings}` : ""}`,
  technician: (name: string) => ` · ${name}`,
  surveyNotAnswered: "not answered yet",
  ratings: (attitude: string, skill: string, arrival: string, promise: string) => `attitude ${attitude}, skill ${skill}, arrival ${arrival}, promise ${promise}`,
  rating: { VERY_SATISFIED: "very satisfied", SATISFIED: "satisfied", DISSATISFIED: "*dissatisfied*", VERY_DISSATISFIED: "*very dissatisfied*" } satisfies Record<Rating, string>,
  notRated: "–",
  comment: (text: string) => `   “${text}”`,
  // Complaints (R21/R22).
  complaintLine: (number: string | null, kind: string, when: string, severity: string, status: string, substantiated: string, call: string) =>
    `• ${number ? `${number} ` : ""}${kind} ${when} · ${severity} · ${status}${substantiated}${call}`,
  complaintKind: { COMPLAINT: "complaint", SUGGESTION: "suggestion" } satisfies Record<ComplaintKind, string>,
  severity: { GENERAL: "General", SERIOUS: ":rotating_light: Serious" } as Record<string, string>,
  complaintStatus: { OPEN: "Open", RESPONDED: "Responded", RESOLVED: "Resolved", CLOSED: "Closed" } as Record<string, string>,
  substantiated: " · substantiated",
  notSubstantiated: " · not substantiated",
  aboutCall: (voucher: string) => ` · ${voucher}`,
  against: (name: string) => ` · ${name}`,
  description: (text: string) => `   _${text}_`,
  // `/repair customer <query>`
  usage: "Type what you know of the customer: `/repair customer Hanbit`, `/repair customer CU0001` or `/repair customer 010-1234`.",
  pickIntro: (query: string) => `Several customers match *${query}*. Open one:`,
  pickFallback: (count: number) => `${count} customers match`,
  pickLine: (name: string, code: string, phone: string, grade: string, area: string) => `*${name}* · ${code}\n${phone} · ${grade} · ${area}`,
  pickMore: "More match: add to the name, or type the code or the phone number.",
  open: "Open file",
  noMatch: (query: string) => `No customer matches *${query}*. Try part of the name, the customer code or the phone number.`,
  onlyElsewhere: (query: string, count: number) => `No customer of your branch matches *${query}* (${count} in other branches: ask a manager or that branch's desk).`,
  finderPlaceholder: "Another customer: name or phone",
  finderIntro: "Type part of the customer's name or phone number, then pick them.",
  /** The intake modal's link to the file. */
  intakeButton: "Customer's file",
};
