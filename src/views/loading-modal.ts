// What a modal shows while the reads that build it are still waiting on a busy database: its own
// title and callback_id, a line saying it is loading, and no submit button, so that nothing can be
// submitted from it. It is then updated in place with the modal itself (or a notice).
import type { ModalView } from "@slack/types";
import { VIEWS } from "./ids";
import { messagesFor, type Locale, type Messages } from "./messages";
import { plain } from "./ticket-modal-common";

/** Every modal a click opens, with the callback_id and title it opens with. */
const MODALS = {
  assign: { callbackId: VIEWS.assign, title: (m) => m.assign.title },
  schedule: { callbackId: VIEWS.schedule, title: (m) => m.schedule.title },
  cancel: { callbackId: VIEWS.cancel, title: (m) => m.cancel.title },
  intakeNew: { callbackId: VIEWS.intake, title: (m) => m.intake.titleNew },
  intakeEdit: { callbackId: VIEWS.intake, title: (m) => m.intake.titleEdit },
  intakeComplete: { callbackId: VIEWS.intake, title: (m) => m.intake.titleComplete },
  decline: { callbackId: VIEWS.decline, title: (m) => m.decline.title },
  cannotFinish: { callbackId: VIEWS.cannotFinish, title: (m) => m.escalations.cannotFinish.title },
  reportWork: { callbackId: VIEWS.reportWork, title: (m) => m.workReport.modal.title },
  closeTicket: { callbackId: VIEWS.closeTicket, title: (m) => m.workReport.close.title },
  partsBorrow: { callbackId: VIEWS.partsBorrow, title: (m) => m.partsWorkshop.parts.borrowTitle },
  partsReturn: { callbackId: VIEWS.partsReturn, title: (m) => m.partsWorkshop.parts.returnTitle },
  custodyReturn: { callbackId: VIEWS.custodyReturn, title: (m) => m.partsWorkshop.returnItem.title },
  dailyReport: { callbackId: VIEWS.dailyReport, title: (m) => m.dailyReport.title },
  customerFile: { callbackId: VIEWS.customerFile, title: (m) => m.customerFile.title },
  complaintRegister: { callbackId: VIEWS.complaintRegister, title: (m) => m.complaints.modal.registerTitle },
  complaintAssign: { callbackId: VIEWS.complaintAssignModal, title: (m) => m.complaints.modal.assignTitle },
  complaintRespond: { callbackId: VIEWS.complaintRespondModal, title: (m) => m.complaints.modal.respondTitle },
  complaintResolve: { callbackId: VIEWS.complaintResolveModal, title: (m) => m.complaints.modal.resolveTitle },
  complaintInform: { callbackId: VIEWS.complaintInformModal, title: (m) => m.complaints.modal.informTitle },
  surveyRecord: { callbackId: VIEWS.surveyRecord, title: (m) => m.surveys.modal.title },
  surveyLink: { callbackId: VIEWS.surveyLink, title: (m) => m.surveys.link.title },
} as const satisfies Record<string, { callbackId: string; title: (m: Messages) => string }>;

export type LoadingModal = keyof typeof MODALS;

export function buildLoadingModal(options: { modal: LoadingModal; locale?: Locale }): ModalView {
  const m = messagesFor(options.locale);
  const modal = MODALS[options.modal];
  return {
    type: "modal",
    callback_id: modal.callbackId,
    title: plain(modal.title(m), 24),
    close: plain(m.loading.close, 24),
    blocks: [{ type: "section", text: { type: "mrkdwn", text: m.loading.text } }],
  };
}
