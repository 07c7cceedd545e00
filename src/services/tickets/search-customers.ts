import type { DbOrTx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { PHONE_CHARACTERS, phoneDigits } from "../../domain/phone";
import type { CustomerSearchHit } from "./models";

/** Phone searches start at this many digits; fewer match too many numbers to help. */
const MIN_PHONE_DIGITS = 3;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The intake modal's customer type-ahead: the name contains the query (any case), or — when the
 * query looks like a phone number — the phone's digits contain its digits, so "010 1234" finds
 * "010-1234-5678". The given branch first, then grade A→C (R23), then name. Both tests use
 * trigram indexes (migration 20261123013821_repair_calls), so a substring search stays fast on
 * large customer lists.
 */
export async function searchCustomers(
  deps: { db: DbOrTx },
  options: { query: string; branchId?: number; limit?: number },
): Promise<CustomerSearchHit[]> {
  const query = options.query.trim();
  if (query === "") return [];
  const limit = Math.max(1, Math.min(options.limit ?? 20, 100));
  const digits = PHONE_CHARACTERS.test(query) ? phoneDigits(query) : "";
  const searchPhone = digits.length >= MIN_PHONE_DIGITS;
  const branchId = options.branchId ?? -1;
  // The phone expression must stay exactly as indexed: regexp_replace("phone", '[^0-9]', '', 'g').
  const phoneMatch = searchPhone ? Prisma.sql`OR regexp_replace("phone", '[^0-9]', '', 'g') LIKE ${likePattern(digits)}` : Prisma.empty;
  return deps.db.$queryRaw<CustomerSearchHit[]>`
    SELECT "id", "name", "phone", "grade"::text AS "grade", "area"::text AS "area"
    FROM "Customer"
    WHERE "name" ILIKE ${likePattern(query)} ${phoneMatch}
    ORDER BY ("branchId" = ${branchId}) DESC, "grade" ASC, "name" ASC, "id" ASC
    LIMIT ${limit}`;
}
