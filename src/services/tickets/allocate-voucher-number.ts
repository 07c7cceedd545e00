import type { DbOrTx } from "../../db";
import { formatVoucherNumber } from "../../domain/voucher";

/**
 * R4: the next voucher number of `year`. One atomic upsert on a per-year counter row: concurrent
 * callers queue on the row lock, so every number is handed out once. Called inside the ticket's
 * own transaction, a rolled-back ticket gives its number back.
 */
export async function allocateVoucherNumber(tx: DbOrTx, year: number): Promise<string> {
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "VoucherCounter" ("year", "last") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "last" = "VoucherCounter"."last" + 1
    RETURNING "last"`;
  return formatVoucherNumber(year, rows[0].last);
}
