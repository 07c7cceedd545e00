// One place that turns a failure into what the person is told: a refusal (expected, AppError)
// names why and who may; anything else is logged with its cause and reported as "failed, nothing
// lost". Never a stack trace in Slack.
import type { RespondFn } from "@slack/bolt";
import { isAppError } from "../../errors";
import type { Log } from "../../logger";
import { buildFailure, buildRefusal } from "../../views/refusal";

export function describeFailure(error: unknown, log: Log, context: Record<string, unknown>): { text: string } {
  if (isAppError(error) && error.code !== "INTERNAL") {
    log.info("request refused", { ...context, code: error.code, details: error.details });
    return buildRefusal({ code: error.code, details: error.details });
  }
  log.error("request failed", { ...context, error });
  return buildFailure();
}

/** Tells the person privately, through the response_url Slack gave with the request. */
export async function respondWithFailure(respond: RespondFn, error: unknown, log: Log, context: Record<string, unknown>): Promise<void> {
  const message = describeFailure(error, log, context);
  await respond({ response_type: "ephemeral", replace_original: false, text: message.text }).catch((cause: unknown) =>
    log.warn("could not tell the user about a failure", { ...context, cause }),
  );
}
