// R19: what the outbox needs to render a survey list message from the current state of its lines,
// and where it records the post. Not audited: these record where a message went.
import type { DbOrTx } from "../../db";
import type { ServiceCategory } from "../../domain/category";
import type { SurveyOutcome } from "../../domain/surveys";

export type SurveyLineState =
  /** Waiting for this try to be recorded: the line has its Record survey button. */
  | { kind: "open" }
  /** This try was recorded (an earlier try of a retried survey was UNREACHABLE). */
  | { kind: "recorded"; outcome: SurveyOutcome; bySlackUserId: string | null; at: Date | null; nextDueOn: string | null; complaint: boolean; byCustomer?: boolean };

export interface SurveyListLineView {
  surveyId: number;
  attempt: number;
  voucherNo: string;
  customerName: string;
  technician: { name: string; slackUserId: string } | null;
  category: ServiceCategory;
  closedAt: Date | null;
  state: SurveyLineState;
}

export interface SurveyListView {
  messageId: number;
  branchCode: string;
  timeZone: string;
  listDate: string;
  part: number;
  /** How many messages the day's list has (so far). */
  parts: number;
  /** The survey channel, else the dispatch channel; null when the branch has neither. */
  channelId: string | null;
  posted: { channelId: string; ts: string } | null;
  createdAt: Date;
  lines: SurveyListLineView[];
}

const DISSATISFIED = new Set(["DISSATISFIED", "VERY_DISSATISFIED"]);

export async function getSurveyListMessage(deps: { db: DbOrTx }, options: { messageId: number }): Promise<SurveyListView> {
  const row = await deps.db.surveyListMessage.findUniqueOrThrow({
    where: { id: options.messageId },
    select: {
      id: true,
      listDate: true,
      part: true,
      channelId: true,
      ts: true,
      createdAt: true,
      branchId: true,
      branch: { select: { code: true, timeZone: true, surveyChannelId: true, dispatchChannelId: true } },
      lines: {
        orderBy: { position: "asc" },
        select: {
          attempt: true,
          survey: {
            select: {
              id: true,
              outcome: true,
              attempts: true,
              dueOn: true,
              recordedAt: true,
              attitude: true,
              skill: true,
              arrivalTime: true,
              promiseKeeping: true,
              recordedBy: { select: { slackUserId: true } },
              method: true,
              technician: { select: { name: true, slackUserId: true } },
              ticket: { select: { voucherNo: true, category: true, closedAt: true, customer: { select: { name: true } } } },
            },
          },
        },
      },
    },
  });
  const parts = await deps.db.surveyListMessage.count({ where: { branchId: row.branchId, listDate: row.listDate } });
  return {
    messageId: row.id,
    branchCode: row.branch.code,
    timeZone: row.branch.timeZone,
    listDate: row.listDate.toISOString().slice(0, 10),
    part: row.part,
    parts,
    channelId: row.branch.surveyChannelId ?? row.branch.dispatchChannelId,
    posted: row.channelId && row.ts ? { channelId: row.channelId, ts: row.ts } : null,
    createdAt: row.createdAt,
    lines: row.lines.map(({ attempt, survey }) => {
      let state: SurveyLineState;
      if (survey.attempts < attempt || survey.outcome === null) state = { kind: "open" };
      else if (survey.attempts > attempt) state = { kind: "recorded", outcome: "UNREACHABLE", bySlackUserId: null, at: null, nextDueOn: null, complaint: false };
      else {
        const ratings = [survey.attitude, survey.skill, survey.arrivalTime, survey.promiseKeeping];
        state = {
          kind: "recorded",
          outcome: survey.outcome,
          bySlackUserId: survey.recordedBy?.slackUserId ?? null,
          // R20: answered by the customer on the survey page (their link).
          byCustomer: survey.method === "LINK",
          at: survey.recordedAt,
          nextDueOn: survey.outcome === "UNREACHABLE" ? survey.dueOn.toISOString().slice(0, 10) : null,
          complaint: survey.outcome === "ANSWERED" && ratings.some((rating) => rating !== null && DISSATISFIED.has(rating)),
        };
      }
      return {
        surveyId: survey.id,
        attempt,
        voucherNo: survey.ticket.voucherNo,
        customerName: survey.ticket.customer.name,
        technician: survey.technician,
        category: survey.ticket.category,
        closedAt: survey.ticket.closedAt,
        state,
      };
    }),
  };
}

/** Where the outbox posted the message, so later recordings update it in place. */
export async function recordSurveyListPost(deps: { db: DbOrTx }, options: { messageId: number; channelId: string; ts: string }): Promise<void> {
  await deps.db.surveyListMessage.update({ where: { id: options.messageId }, data: { channelId: options.channelId, ts: options.ts } });
}
