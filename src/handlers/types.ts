import type { WebClient } from "@slack/web-api";
import type { Clock } from "../clock";
import type { Log } from "../logger";
import type { Services } from "../services";
import type { LocaleSource } from "../i18n/locale-source";

export interface HandlerDeps {
  services: Services;
  log: Log;
  /** Views show times relative to now (overdue marks); tests travel in time. */
  clock: Clock;
  /** The scheduled jobs' names, for `/repair jobs` (handlers do not import the jobs). */
  jobNames: readonly string[];
  /** PUBLIC_URL: where customers reach the survey page; without it no survey link is offered. */
  publicUrl?: string;
  /**
   * Opens and updates modals (support/open-modal.ts): a Web API client of its own, because the
   * listeners' shared client queues its calls (100 at once, all paused on a rate limit) and a
   * trigger expires while it waits. Without it, the listener's client does.
   */
  modalClient?: { views: Pick<WebClient["views"], "open" | "update"> };
  /** Each person reads the bot in their language (middleware/reader-locale.ts); without it, in the default. */
  locales?: LocaleSource;
}
