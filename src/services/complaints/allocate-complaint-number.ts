// R21: the next complaint number of `year`, one atomic upsert on a per-year counter row, as the
// voucher number (tickets/allocate-voucher-number.ts). Taken inside the registering transaction:
// complaints are few, and a survey's complaint must stand or fall with the survey's answer.
import type { DbOrTx } from "../../db";
import { formatComplaintNumber } from "../../domain/complaints";

export async function allocateComplaintNumber(tx: DbOrTx, year: number): Promise<string> {
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "ComplaintCounter" ("year", "last") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "last" = "ComplaintCounter"."last" + 1
    RETURNING "last"`;
  return formatComplaintNumber(year, rows[0].last);
}
