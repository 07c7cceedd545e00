// Slack's trigger_id expires 3 s after the click, and only views.open takes it. The reads that build
// a modal (who the person is, the ticket's card, the technicians' load) wait for a database
// connection behind other work when the desk is busy, and can outlast it. So every modal a click
// opens starts its reads at once and races them against a short budget:
// - in time, the modal opens directly: one views.open, no flicker; a refusal or failure is told
//   privately, as it always was;
// - late, a light "Loading…" modal takes the trigger before it expires, and is updated in place
//   (view_id and hash) once the reads end: with the modal, or with why it was refused or failed.
//   While the database is busy (earlier reads still late, or as many running as it has
//   connections), the loading modal opens at once, without waiting out the budget.
// Nothing (limiter, queue, database) stands between the ack and views.open: the budget is a plain
// timer, which fires while the reads are still waiting for a pool connection, and views.open goes
// out on a Web API client whose queue holds nothing back (deps.modalClient).
import type { ModalView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { Log } from "../../logger";
import { msLeftSinceArrival } from "../../observability/request-context";
import { buildLoadingModal, type LoadingModal } from "../../views/loading-modal";
import { buildNoticeModal } from "../../views/notice-modal";
import { describeFailure, type PrivateReply } from "./failures";

/**
 * How long after the request reached us the reads may take before the loading modal opens instead.
 * Of the trigger's 3 s, Slack's delivery of the click takes some, and the views.open round trip
 * after the budget more (slower on a loaded machine): 1 s leaves that margin twice over, and is far
 * above what a quiet desk's reads take (tens of ms), so a quiet desk never sees the loading modal.
 */
export const OPEN_BUDGET_MS = 1_000;

/** What the reads found: the modal to show, or what the person is told instead (a refusal). */
export type ModalContent = { view: ModalView } | { reply: PrivateReply };

export type ViewsClient = { views: Pick<WebClient["views"], "open" | "update"> };

/** The client modals open on: the app's own for modals when it has one (handlers/types.ts), else the listener's. */
export function viewsClient(deps: { modalClient?: ViewsClient }, listenerClient: ViewsClient): ViewsClient {
  return deps.modalClient ?? listenerClient;
}

export interface OpenModalOptions {
  client: ViewsClient;
  triggerId: string;
  /** Which modal: its title and callback_id while it loads. */
  modal: LoadingModal;
  /** Tells the person privately, when no modal is open: the listener's usual answer to a refusal or failure. */
  tell: (reply: PrivateReply) => Promise<void>;
  log: Log;
  /** For logs: the action or command, and the user. */
  context: Record<string, unknown>;
  budgetMs?: number;
}

type Loaded = { ok: true; content: ModalContent } | { ok: false; error: unknown };

/**
 * As many modals' reads at once as the database pool has connections (10, db/client.ts): past that,
 * a new click's reads would wait for one.
 */
export const BUSY_LOADS = 10;

/** Reads running, and those of them that outlasted their budget. */
let loads = 0;
let lateLoads = 0;

/**
 * The database is busy when reads outlasted their budget and still run, or when enough run to take
 * every connection: a new click's reads would wait behind them, so its loading modal opens at once,
 * rather than after a budget that would only spend the trigger's life.
 */
function databaseBusy(): boolean {
  return lateLoads > 0 || loads >= BUSY_LOADS;
}

/** Opens the modal `load` builds, within the trigger's life however long `load` takes. Never throws. */
export async function openModal(options: OpenModalOptions, load: () => Promise<ModalContent>): Promise<void> {
  const busy = databaseBusy();
  // The reads start first and are never awaited alone: the timer runs whatever they wait for.
  loads += 1;
  const loaded: Promise<Loaded> = (async () => load())()
    .then(
      (content) => ({ ok: true as const, content }),
      (error: unknown) => ({ ok: false as const, error }),
    )
    .finally(() => (loads -= 1));
  const first = busy ? "late" : await withinBudget(loaded, options.budgetMs ?? OPEN_BUDGET_MS);
  if (first !== "late") return openAtOnce(options, contentOf(first, options));
  lateLoads += 1;
  void loaded.then(() => (lateLoads -= 1));
  await openLoadingFirst(options, loaded);
}

/**
 * What the reads found, or "late" once `budgetMs` has passed since the request reached us: what a
 * busy event loop took before this listener ran is already gone from the trigger's life.
 */
async function withinBudget(loaded: Promise<Loaded>, budgetMs: number): Promise<Loaded | "late"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), msLeftSinceArrival(budgetMs));
  });
  try {
    return await Promise.race([loaded, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function openAtOnce(options: OpenModalOptions, content: ModalContent): Promise<void> {
  if ("reply" in content) return options.tell(content.reply);
  try {
    await options.client.views.open({ trigger_id: options.triggerId, view: content.view });
  } catch (error) {
    await options.tell(describeFailure(error, options.log, options.context));
  }
}

async function openLoadingFirst(options: OpenModalOptions, loaded: Promise<Loaded>): Promise<void> {
  const { client, log, context } = options;
  log.info("a modal's reads outlasted the budget: it opens loading", { ...context, modal: options.modal });
  let loading: { id: string; hash?: string };
  try {
    const answer = await client.views.open({ trigger_id: options.triggerId, view: buildLoadingModal({ modal: options.modal }) });
    if (!answer.view?.id) throw new Error("views.open answered without the view's id");
    loading = { id: answer.view.id, hash: answer.view.hash };
  } catch (error) {
    // No modal to update: the person is told privately, a refusal if the reads found one.
    const content = contentOf(await loaded, options);
    return options.tell("reply" in content ? content.reply : describeFailure(error, log, context));
  }
  const content = contentOf(await loaded, options);
  const view = "view" in content ? content.view : buildNoticeModal(content.reply);
  try {
    await client.views.update({ view_id: loading.id, hash: loading.hash, view });
  } catch (error) {
    const code = slackErrorCode(error);
    // not_found: the person closed the loading modal meanwhile; nobody is waiting for it.
    if (code === "not_found" || code === "hash_conflict") return void log.info("the loading modal was gone before its content came; dropped", { ...context, code });
    // Anything else (a view Slack refuses): not left saying "Loading…" for ever.
    const { text } = describeFailure(error, log, context);
    await client.views
      .update({ view_id: loading.id, hash: loading.hash, view: buildNoticeModal({ text }) })
      .catch((cause: unknown) => log.warn("could not replace the loading modal", { ...context, cause }));
  }
}

/** A failed read becomes what the person is told (logged as a refusal or a failure). */
function contentOf(loaded: Loaded, options: OpenModalOptions): ModalContent {
  return loaded.ok ? loaded.content : { reply: describeFailure(loaded.error, options.log, options.context) };
}

function slackErrorCode(error: unknown): string | undefined {
  const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
  return typeof code === "string" ? code : undefined;
}
