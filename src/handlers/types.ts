import type { Clock } from "../clock";
import type { Log } from "../logger";
import type { Services } from "../services";

export interface HandlerDeps {
  services: Services;
  log: Log;
  /** Views show times relative to now (overdue marks); tests travel in time. */
  clock: Clock;
  /** The scheduled jobs' names, for `/repair jobs` (handlers do not import the jobs). */
  jobNames: readonly string[];
}
