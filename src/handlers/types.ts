import type { Log } from "../logger";
import type { Services } from "../services";

export interface HandlerDeps {
  services: Services;
  log: Log;
}
