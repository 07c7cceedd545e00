// R20/R22: a manager's Sign off on the monthly evaluation, by the daily summary's rule (R17; support/sign-off.ts).
import { messagesFor } from "../../views/messages";
import { buildEvaluationMessage } from "../../views/monthly-evaluation";
import { signOffButton } from "../support/sign-off";
import type { HandlerDeps } from "../types";

export function signOffEvaluationButton(deps: HandlerDeps) {
  return signOffButton(deps, {
    action: "evaluation.sign-off",
    what: "monthly evaluation",
    texts: () => messagesFor().evaluation,
    signOff: (actor, reportId) => deps.services.signOffEvaluation({ actor, reportId }),
    render: (report, state) => buildEvaluationMessage({ reportId: report.id, evaluation: report.figures, state }),
  });
}
