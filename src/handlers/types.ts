import type { Clock } from "../clock";
import type { Log } from "../logger";
import type { Services } from "../services";

export interface HandlerDeps {
  services: Services;
  log: Log;
  /** Views show times relative to now (overdue marks); tests travel in time. */
  clock: Clock;
}
