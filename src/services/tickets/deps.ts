import type { Clock } from "../../clock";
import type { Db } from "../../db";
import type { ArrivalLimits } from "../../domain/deadline";
import type { Log } from "../../logger";

/** What every ticket use case receives. */
export interface TicketDeps {
  db: Db;
  clock: Clock;
  log?: Log;
}

/** Use cases that compute an R6 arrival deadline also get the configured limits. */
export interface DeadlineDeps extends TicketDeps {
  arrivalLimits: ArrivalLimits;
}
