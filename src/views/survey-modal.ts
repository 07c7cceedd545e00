// R19/R20: the Record survey modal — the call and whom to telephone, the outcome of the call
// (answered, unreachable, declined), the four items on four levels and the customer's comment.
// An answered survey needs all four ratings: the reader puts the errors on the missing items.
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { MAX_SURVEY_COMMENT, RATINGS, RECORDED_OUTCOMES, SURVEY_ITEMS, type RecordedOutcome, type SurveyItem, type SurveyRatings } from "../domain/surveys";
import type { SurveyForRecording } from "../services/surveys/get-survey-for-recording";
import { oneLine, safeText, slackDate } from "./format";
import { ACTIONS, BLOCKS, INPUTS, VIEWS } from "./ids";
import { messagesFor, type Locale } from "./messages";
import { optionValue, textValue, type StateValues, type Submission } from "./state";
import { plain } from "./ticket-modal-common";

export const MAX_COMMENT = MAX_SURVEY_COMMENT;

export const ITEM_BLOCKS: Record<SurveyItem, string> = {
  attitude: BLOCKS.surveyAttitude,
  skill: BLOCKS.surveySkill,
  arrivalTime: BLOCKS.surveyArrivalTime,
  promiseKeeping: BLOCKS.surveyPromiseKeeping,
};

export function surveyModalMetadata(surveyId: number, attempt: number): string {
  return `${surveyId}:${attempt}`;
}

/** `<survey id>:<try>` from a button's value or the modal's private_metadata; null when it is not one. */
export function readSurveyRef(value: string | undefined): { surveyId: number; attempt: number } | null {
  const match = /^(\d{1,9}):(\d{1,3})$/.exec(value ?? "");
  if (!match) return null;
  const surveyId = Number(match[1]);
  const attempt = Number(match[2]);
  return surveyId > 0 && attempt > 0 ? { surveyId, attempt } : null;
}

/** `offerLink` (PUBLIC_URL is set): a button gives the customer's link to answer on the bot's page instead (R20). */
export function buildSurveyModal(options: { survey: SurveyForRecording; offerLink?: boolean; locale?: Locale }): ModalView {
  const { survey } = options;
  const all = messagesFor(options.locale);
  const m = all.surveys;
  const option = (text: string, value: string): PlainTextOption => ({ text: plain(text, 75), value });
  const closed = survey.closedAt ? slackDate(survey.closedAt, survey.timeZone) : "—";
  const facts = [
    m.modal.call(survey.voucherNo, safeText(oneLine(survey.customerName, 80), 100), all.category[survey.category], closed),
    m.modal.phone(safeText(oneLine(survey.phone, 40), 60), survey.contactName ? safeText(oneLine(survey.contactName, 60), 80) : null),
    ...(survey.technicianName ? [m.modal.technician(safeText(oneLine(survey.technicianName, 60), 80))] : []),
    m.modal.tryOf(survey.attempt, survey.maxAttempts),
  ];
  const blocks: KnownBlock[] = [
    { type: "section", block_id: BLOCKS.surveyCall, text: { type: "mrkdwn", text: facts.join("\n") } },
    ...(options.offerLink
      ? [
          {
            type: "section",
            block_id: BLOCKS.surveyLinkOffer,
            text: { type: "mrkdwn", text: m.modal.linkOffer },
            accessory: { type: "button", action_id: ACTIONS.surveyCustomerLink, value: String(survey.surveyId), text: plain(m.modal.linkButton, 75) },
          } satisfies KnownBlock,
        ]
      : []),
    {
      type: "input",
      block_id: BLOCKS.surveyOutcome,
      label: plain(m.modal.outcome),
      element: { type: "radio_buttons", action_id: INPUTS.surveyOutcome, options: RECORDED_OUTCOMES.map((outcome) => option(m.outcomes[outcome], outcome)) },
    },
    { type: "context", block_id: BLOCKS.surveyRatingsHint, elements: [{ type: "mrkdwn", text: m.modal.ratingsHint }] },
    ...SURVEY_ITEMS.map(
      (item): KnownBlock => ({
        type: "input",
        block_id: ITEM_BLOCKS[item],
        optional: true,
        label: plain(m.items[item]),
        element: { type: "static_select", action_id: INPUTS.surveyRating, placeholder: plain(m.modal.ratingPlaceholder, 150), options: RATINGS.map((rating) => option(m.ratings[rating], rating)) },
      }),
    ),
    {
      type: "input",
      block_id: BLOCKS.surveyComment,
      optional: true,
      label: plain(m.modal.comment),
      element: { type: "plain_text_input", action_id: INPUTS.surveyComment, multiline: true, max_length: MAX_COMMENT, placeholder: plain(m.modal.commentPlaceholder, 150) },
    },
  ];
  return {
    type: "modal",
    callback_id: VIEWS.surveyRecord,
    title: plain(m.modal.title, 24),
    submit: plain(m.modal.submit, 24),
    close: plain(m.modal.close, 24),
    private_metadata: surveyModalMetadata(survey.surveyId, survey.attempt),
    blocks,
  };
}

export interface SurveySubmission {
  surveyId: number;
  attempt: number;
  outcome: RecordedOutcome;
  ratings: Partial<SurveyRatings>;
  comment: string | null;
}

export function readSurveySubmission(values: StateValues, metadata: string, options: { locale?: Locale } = {}): Submission<SurveySubmission> {
  const ref = readSurveyRef(metadata);
  if (!ref) throw new Error("survey modal submitted without `<survey id>:<try>` in private_metadata");
  const e = messagesFor(options.locale).surveys.modal.errors;
  const errors: Record<string, string> = {};
  const outcome = optionValue(values, BLOCKS.surveyOutcome, INPUTS.surveyOutcome) as RecordedOutcome | undefined;
  if (!outcome || !RECORDED_OUTCOMES.includes(outcome)) errors[BLOCKS.surveyOutcome] = e.outcomeRequired;
  const ratings: Partial<SurveyRatings> = {};
  for (const item of SURVEY_ITEMS) {
    const value = optionValue(values, ITEM_BLOCKS[item], INPUTS.surveyRating);
    if (value && (RATINGS as readonly string[]).includes(value)) ratings[item] = value as SurveyRatings[SurveyItem];
    else if (outcome === "ANSWERED") errors[ITEM_BLOCKS[item]] = e.ratingRequired;
  }
  const comment = textValue(values, BLOCKS.surveyComment, INPUTS.surveyComment) ?? null;
  if (comment && comment.length > MAX_COMMENT) errors[BLOCKS.surveyComment] = e.commentTooLong(MAX_COMMENT);
  if (Object.keys(errors).length || !outcome) return { ok: false, errors };
  return { ok: true, ...ref, outcome, ratings: outcome === "ANSWERED" ? ratings : {}, comment };
}

/** A second recording of a try: who recorded it and when, in the branch's zone (a call is surveyed once). */
export function buildSurveyAlreadyRecorded(options: { voucherNo: string; outcome: string | null; bySlackUserId: string | null; at: Date | null; timeZone: string; locale?: Locale }): { text: string } {
  const m = messagesFor(options.locale).surveys;
  const who = options.bySlackUserId && /^[UW][A-Z0-9]+$/.test(options.bySlackUserId) ? `<@${options.bySlackUserId}>` : m.alreadyRecordedSomeone;
  const outcome = options.outcome && options.outcome in m.outcomeNames ? m.outcomeNames[options.outcome as keyof typeof m.outcomeNames] : "—";
  const when = options.at ? slackDate(options.at, options.timeZone) : "—";
  return { text: m.alreadyRecorded(options.voucherNo, outcome, who, when) };
}

/** R20: the customer's link, pushed over the Record survey modal, to copy into a text message. */
export function buildSurveyLinkModal(options: { url: string; voucherNo: string; expiresAt: Date; timeZone: string; locale?: Locale }): ModalView {
  const m = messagesFor(options.locale).surveys.link;
  return {
    type: "modal",
    callback_id: VIEWS.surveyLink,
    title: plain(m.title, 24),
    close: plain(m.close, 24),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: m.intro(options.voucherNo) } },
      { type: "section", block_id: BLOCKS.surveyLinkAddress, text: { type: "mrkdwn", text: m.address(options.url) } },
      { type: "context", elements: [{ type: "mrkdwn", text: m.validUntil(slackDate(options.expiresAt, options.timeZone)) }] },
    ],
  };
}
