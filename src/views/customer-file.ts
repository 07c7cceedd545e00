// R23: the customer's file as a modal (read only), and the `/repair customer` answers that are
// not a file: a short list to pick from, or why nothing matched. A modal holds 100 blocks and its
// sections 3000 characters each; the file uses one section per list and cuts each list to what
// fits, saying how many more there are.
import type { KnownBlock, ModalView, SectionBlock } from "@slack/types";
import type { CustomerFile, CustomerFileComplaint, CustomerFileSurvey, MessageRef } from "../services/customers/models";
import type { CustomerSearchHit } from "../services/tickets/models";
import { escapeMrkdwn, formatMoney, messageLink, oneLine, safeText, slackDate, truncate } from "./format";
import { ACTIONS, BLOCKS, VIEWS } from "./ids";
import { messagesFor, type Locale, type Messages } from "./messages";

/** Slack: a section's text holds at most 3000 characters. */
const SECTION_TEXT_MAX = 3000;
/** How many rows of each list the file shows at most, before "and N more". */
export const SHOWN = { equipment: 15, contracts: 8, openCalls: 10, closedCalls: 10, surveys: 8, complaints: 8 } as const;

type FileText = Messages["customerFile"];

function mrkdwnSection(blockId: string, text: string): SectionBlock {
  return { type: "section", block_id: blockId, text: { type: "mrkdwn", text } };
}

/** The call's voucher number, linked to its message in the dispatch channel when it was posted. */
function callRef(voucherNo: string, message: MessageRef | null): string {
  return message ? `<${messageLink(message)}|${voucherNo}>` : voucherNo;
}

/**
 * A heading, then as many lines as fit in one section (and at most `shown`), then "…and N more"
 * for the rest of `total`. Each line is already safe mrkdwn and short.
 */
export function listSection(blockId: string, heading: string, lines: string[], total: number, t: FileText, more = t.more): SectionBlock {
  if (total === 0 || lines.length === 0) return mrkdwnSection(blockId, `${heading}\n${t.none}`);
  const reserve = more(total).length + 1;
  let text = heading;
  let shown = 0;
  for (const line of lines) {
    if (text.length + 1 + line.length + reserve > SECTION_TEXT_MAX) break;
    text += `\n${line}`;
    shown += 1;
  }
  if (total > shown) text += `\n${more(total - shown)}`;
  return mrkdwnSection(blockId, text);
}

/** One survey of the file (R20): the call, when it was answered, the four ratings, the comment. */
export function surveyLine(survey: CustomerFileSurvey, timeZone: string, t: FileText): string {
  const call = callRef(survey.voucherNo, survey.message);
  const technician = survey.technicianName ? t.technician(safeText(survey.technicianName, 80)) : "";
  if (!survey.respondedAt) return t.surveyLine(call, t.surveyNotAnswered, technician, "");
  const rate = (rating: CustomerFileSurvey["attitude"]) => (rating ? t.rating[rating] : t.notRated);
  const line = t.surveyLine(call, slackDate(survey.respondedAt, timeZone, "{date_short}"), technician, t.ratings(rate(survey.attitude), rate(survey.skill), rate(survey.arrivalTime), rate(survey.promiseKeeping)));
  return survey.comment ? `${line}\n${t.comment(safeText(oneLine(survey.comment, 200), 260))}` : line;
}

/** One complaint of the file (R21/R22): when, how serious, where it stands, the call and the technician concerned. */
export function complaintLine(complaint: CustomerFileComplaint, timeZone: string, t: FileText): string {
  const substantiated = complaint.substantiated === null ? "" : complaint.substantiated ? t.substantiated : t.notSubstantiated;
  const call = complaint.voucherNo ? t.aboutCall(callRef(complaint.voucherNo, complaint.message)) : "";
  const against = complaint.technicianName ? t.against(safeText(complaint.technicianName, 80)) : "";
  const number = complaint.number ? callRef(complaint.number, complaint.complaintMessage) : null;
  const line = t.complaintLine(
    number,
    t.complaintKind[complaint.kind],
    slackDate(complaint.receivedAt, timeZone, "{date_short}"),
    t.severity[complaint.severity] ?? complaint.severity,
    t.complaintStatus[complaint.status] ?? complaint.status,
    substantiated,
    call + against,
  );
  return `${line}\n${t.description(safeText(oneLine(complaint.description, 200), 260))}`;
}

export function buildCustomerFileBlocks(file: CustomerFile, options: { locale?: Locale } = {}): KnownBlock[] {
  const m = messagesFor(options.locale);
  const t = m.customerFile;
  const { customer, timeZone, totals } = file;
  const identity = [
    t.identity(m.grade[customer.grade], safeText(customer.code, 60), m.area[customer.area], safeText(customer.branchName, 100)),
    t.address(safeText(oneLine(customer.address, 300), 400)),
    [t.phone(safeText(customer.phone, 60)), customer.contactPerson ? t.contactPerson(safeText(customer.contactPerson, 100)) : null].filter(Boolean).join(" · "),
  ].join("\n");

  const equipment = file.equipment.slice(0, SHOWN.equipment).map((item) => {
    const warranty = item.warrantyEnd === null ? t.warrantyUnknown : item.underWarranty ? t.inWarranty(item.warrantyEnd) : t.outOfWarranty(item.warrantyEnd);
    const contract = item.coverage.kind === "CONTRACT" ? t.underContract(escapeMrkdwn(item.coverage.contractNumber), item.coverage.until) : t.noContract;
    return t.equipmentLine(safeText(oneLine(item.model, 80), 100), safeText(oneLine(item.serial, 60), 80), warranty, contract);
  });
  const contracts = file.contracts.slice(0, SHOWN.contracts).map((contract) => {
    const status = [t.contractStatus[contract.status] ?? contract.status, contract.live ? t.contractLive : null].filter(Boolean).join(", ");
    return t.contractLine(safeText(contract.number, 60), contract.startsOn, contract.endsOn, status, contract.equipmentCount === 0 ? t.coversAll : t.coversSome(contract.equipmentCount));
  });
  const openCalls = file.openCalls.slice(0, SHOWN.openCalls).map((call) =>
    t.openCallLine(
      callRef(call.voucherNo, call.message),
      m.status[call.status],
      m.category[call.category],
      call.technicianName ? safeText(call.technicianName, 80) : t.unassigned,
      call.arrivalDeadline ? t.due(slackDate(call.arrivalDeadline, timeZone)) : t.noDeadline,
    ),
  );
  const closedCalls = file.closedCalls.slice(0, SHOWN.closedCalls).map((call) => {
    const line = t.closedCallLine(
      callRef(call.voucherNo, call.message),
      call.closedAt ? slackDate(call.closedAt, timeZone, "{date_short}") : "–",
      call.outcome ? m.workReport.modal.outcomes[call.outcome] : t.noOutcome,
      Number(call.fees) > 0 ? formatMoney(call.fees, file.currency, options.locale) : t.noFees,
      call.technicianName ? safeText(call.technicianName, 80) : t.unassigned,
    );
    return call.resolution ? `${line}\n${t.resolution(safeText(oneLine(call.resolution, 150), 200))}` : line;
  });
  const surveys = file.surveys.slice(0, SHOWN.surveys).map((survey) => surveyLine(survey, timeZone, t));
  const complaints = file.complaints.slice(0, SHOWN.complaints).map((complaint) => complaintLine(complaint, timeZone, t));

  return [
    { type: "header", text: { type: "plain_text", text: oneLine(customer.name, 150) || customer.code, emoji: true } },
    mrkdwnSection(BLOCKS.customerFileIdentity, identity),
    { type: "divider" },
    listSection(BLOCKS.customerFileEquipment, t.heading(t.sections.equipment, totals.equipment), equipment, totals.equipment, t),
    listSection(BLOCKS.customerFileContracts, t.heading(t.sections.contracts, totals.contracts), contracts, totals.contracts, t),
    { type: "divider" },
    listSection(BLOCKS.customerFileOpenCalls, t.heading(t.sections.openCalls, totals.openCalls), openCalls, totals.openCalls, t),
    listSection(BLOCKS.customerFileClosedCalls, t.heading(t.sections.closedCalls, totals.closedCalls), closedCalls, totals.closedCalls, t, t.moreClosed),
    { type: "divider" },
    listSection(BLOCKS.customerFileSurveys, t.heading(t.sections.surveys, totals.surveys), surveys, totals.surveys, t),
    listSection(BLOCKS.customerFileComplaints, t.heading(t.sections.complaints, totals.complaints), complaints, totals.complaints, t),
  ];
}

/** The type-ahead at the top of the file modal: picking a customer shows their file in its place. */
function finderBlock(t: FileText, current: { id: number; name: string } | null): KnownBlock {
  return {
    type: "actions",
    block_id: BLOCKS.customerFileFinder,
    elements: [
      {
        type: "external_select",
        action_id: ACTIONS.customerFileSelect,
        min_query_length: 2,
        placeholder: { type: "plain_text", text: oneLine(t.finderPlaceholder, 150) },
        ...(current ? { initial_option: { text: { type: "plain_text" as const, text: oneLine(current.name, 75) || String(current.id) }, value: String(current.id) } } : {}),
      },
    ],
  };
}

function fileModal(t: FileText, privateMetadata: string, blocks: KnownBlock[]): ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.customerFile,
    title: { type: "plain_text", text: oneLine(t.title, 24) },
    close: { type: "plain_text", text: oneLine(t.close, 24) },
    private_metadata: privateMetadata,
    blocks,
  };
}

/** The file in a modal of its own (opened from `/repair customer`, pushed from the intake modal), under the type-ahead. */
export function buildCustomerFileModal(file: CustomerFile, options: { locale?: Locale } = {}): ModalView {
  const t = messagesFor(options.locale).customerFile;
  return fileModal(t, String(file.customer.id), [finderBlock(t, { id: file.customer.id, name: file.customer.name }), ...buildCustomerFileBlocks(file, options)]);
}

/** `/repair customer` with nothing typed: the type-ahead alone, or with why the customer picked cannot be shown. */
export function buildCustomerFinderModal(options: { notice?: string; locale?: Locale } = {}): ModalView {
  const t = messagesFor(options.locale).customerFile;
  return fileModal(t, "", [finderBlock(t, null), mrkdwnSection(BLOCKS.customerFileNotice, options.notice ? truncate(options.notice, 2000) : t.finderIntro)]);
}

/** Several customers match: a short private list, each with Open file (value = customer id). */
export function buildCustomerPickList(options: { query: string; hits: (CustomerSearchHit & { code: string })[]; more: boolean; locale?: Locale }): { text: string; blocks: KnownBlock[] } {
  const m = messagesFor(options.locale);
  const t = m.customerFile;
  const blocks: KnownBlock[] = [mrkdwnSection(BLOCKS.customerPickIntro, t.pickIntro(safeText(oneLine(options.query, 100), 150)))];
  for (const hit of options.hits.slice(0, 10)) {
    blocks.push({
      type: "section",
      block_id: `${BLOCKS.customerPickPrefix}${hit.id}`,
      text: { type: "mrkdwn", text: t.pickLine(safeText(oneLine(hit.name, 200), 300), safeText(hit.code, 60), safeText(hit.phone, 60), m.grade[hit.grade], m.area[hit.area]) },
      accessory: { type: "button", action_id: ACTIONS.customerFileOpen, text: { type: "plain_text", text: t.open }, value: String(hit.id) },
    });
  }
  if (options.more) blocks.push({ type: "context", block_id: BLOCKS.customerPickMore, elements: [{ type: "mrkdwn", text: t.pickMore }] });
  return { text: t.pickFallback(options.hits.length), blocks };
}

/** Nothing to open: no match, or matches only in branches the person may not open. */
export function buildNoCustomer(options: { query: string; elsewhere: number; locale?: Locale }): { text: string } {
  const t = messagesFor(options.locale).customerFile;
  const query = safeText(oneLine(options.query, 100), 150);
  if (query === "") return { text: t.usage };
  return { text: options.elsewhere > 0 ? t.onlyElsewhere(query, options.elsewhere) : t.noMatch(query) };
}

