// English text for the customer surveys (R19–R21; see ../messages.ts): the day's survey list, the
// Record survey modal, and the survey line of the directors' daily summary.
import type { SurveyItem, Rating, SurveyOutcome, RecordedOutcome } from "../../domain/surveys";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const en = {
  items: {
    attitude: "Attitude",
    skill: "Skill",
    arrivalTime: "Arrival time",
    promiseKeeping: "Keeping what was promised",
  } satisfies Record<SurveyItem, string>,
  ratings: {
    VERY_SATISFIED: "Very satisfied",
    SATISFIED: "Satisfied",
    DISSATISFIED: "Dissatisfied",
    VERY_DISSATISFIED: "Very dissatisfied",
  } satisfies Record<Rating, string>,
  outcomes: {
    ANSWERED: "Answered",
    UNREACHABLE: "Unreachable",
    DECLINED: "Declined",
  } satisfies Record<RecordedOutcome, string>,
  list: {
    header: (date: string) => `Surveys to make: ${date}`,
    part: (part: number, parts: number) => `part ${part} of ${parts}`,
    intro: "Every call closed on the previous working day, and customers to call again (R19). Telephone each customer and press *Record survey*.",
    fallback: (date: string, count: number) => `Survey list for ${date}: ${plural(count, "call", "calls")} to survey (R19)`,
    line: (voucherNo: string, customer: string, technician: string, category: string, closed: string) => `*${voucherNo}* · ${customer}\n${technician} · ${category} · closed ${closed}`,
    noTechnician: "no technician",
    tryOf: (attempt: number) => `try ${attempt}`,
    record: "Record survey",
    state: {
      ANSWERED: (who: string, when: string) => `:white_check_mark: Answered, recorded by ${who} ${when}`,
      DECLINED: (who: string, when: string) => `:no_entry_sign: Declined, recorded by ${who} ${when}`,
      NO_ANSWER: (who: string, when: string) => `:mute: No answer after the last try, recorded by ${who} ${when}`,
      UNREACHABLE: (who: string, when: string) => `:telephone_receiver: Unreachable, recorded by ${who} ${when}`,
    } satisfies Record<SurveyOutcome, (who: string, when: string) => string>,
    earlierTry: ":telephone_receiver: Unreachable on this try; called again later.",
    again: (date: string) => ` · called again on ${date}`,
    complaint: " · :warning: dissatisfied: registered as a complaint (R21)",
    someone: "someone",
    customerOnPage: "the customer, on the survey page",
  },
  modal: {
    title: "Record survey",
    submit: "Save",
    close: "Cancel",
    call: (voucherNo: string, customer: string, category: string, closed: string) => `*${voucherNo}* · ${customer} · ${category} · closed ${closed}`,
    phone: (phone: string, contact: string | null) => `:telephone_receiver: ${phone}${contact ? ` (${contact})` : ""}`,
    technician: (name: string) => `Technician: ${name}`,
    tryOf: (attempt: number, max: number) => `Try ${attempt} of ${max}`,
    outcome: "How did the call go?",
    ratingsHint: "If the customer answered, rate the technician on all four items (R20).",
    ratingPlaceholder: "Choose a level",
    comment: "Customer's comment",
    commentPlaceholder: "What the customer said, in their words",
    linkOffer: "The customer would rather answer by text message? Send them a link to a page where they answer in Korean, Chinese or English.",
    linkButton: "Link for the customer",
    errors: {
      outcomeRequired: "Choose how the call went.",
      ratingRequired: "The customer answered: choose a level for this item.",
      commentTooLong: (max: number) => `Keep the comment under ${max} characters.`,
    },
  },
  link: {
    title: "Customer's survey link",
    close: "Done",
    intro: (voucherNo: string) => `Paste this address into a text message to the customer of *${voucherNo}*. They answer the same four questions on their phone; the survey list shows their answer.`,
    address: (url: string) => `\`\`\`${url}\`\`\``,
    validUntil: (date: string) => `It works once, until ${date}. Each click makes a new link; every link stops working once the survey is answered.`,
  },
  alreadyRecorded: (voucherNo: string, outcome: string, who: string, when: string) => `The survey of ${voucherNo} was already recorded (${outcome}) by ${who} at ${when}: a call is surveyed once.`,
  alreadyRecordedSomeone: "someone",
  summary: {
    line: (p: { date: string; closed: number; surveyed: number; coverage: string; warranty: string; target: string; answered: number }) =>
      `*Surveys* (R19/R20) of calls closed ${p.date}: surveyed ${p.surveyed} of ${p.closed} (${p.coverage}; inside warranty ${p.warranty}; target ${p.target}) · answered ${p.answered}`,
    satisfaction: (overall: string, target: string, items: string) => `*Satisfaction* ${overall} (target ${target}): ${items}`,
    item: (name: string, value: string) => `${name} ${value}`,
    none: "—",
    below: ":warning:",
  },
  outcomeNames: {
    ANSWERED: "answered",
    UNREACHABLE: "unreachable",
    DECLINED: "declined",
    NO_ANSWER: "no answer",
  } satisfies Record<SurveyOutcome, string>,
};
