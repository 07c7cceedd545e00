import type { DbOrTx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { nameSearchQuery, syllablesStartingWith, type HangulQueryPart } from "../../domain/name-search";
import { PHONE_CHARACTERS, phoneDigits } from "../../domain/phone";
import type { CustomerSearchHit } from "./models";

/** Phone searches start at this many digits; fewer match too many numbers to help. */
const MIN_PHONE_DIGITS = 3;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A PostgreSQL regular expression for a mixed Korean query (서ㅇ): a typed syllable matches
 * itself, a lone initial any syllable starting with it (or itself), spaces in the name skipped.
 */
function hangulNamePattern(parts: HangulQueryPart[]): string {
  return parts
    .map((part) => {
      if (part.kind === "syllable") return part.char;
      const { first, last } = syllablesStartingWith(part.char);
      return `[${first}-${last}${part.char}]`;
    })
    .join("[[:space:]]*");
}

/** Korean initials (ㅅㅇ, 서ㅇ) and pinyin (bjkj, beijing) against Customer.nameSearchKey. */
function nameSearchKeyMatch(query: string): Prisma.Sql {
  const keyQuery = nameSearchQuery(query);
  if (keyQuery === null) return Prisma.empty;
  const key = Prisma.sql`"nameSearchKey" LIKE ${likePattern(keyQuery.key)}`;
  // The key finds the candidates through its index; syllables typed in full are then checked on the name.
  if (keyQuery.kind === "hangul" && keyQuery.parts.some((part) => part.kind === "syllable")) {
    return Prisma.sql`OR (${key} AND normalize("name", NFC) ~ ${hangulNamePattern(keyQuery.parts)})`;
  }
  return Prisma.sql`OR ${key}`;
}

/**
 * The intake modal's customer type-ahead: the name contains the query (any case), or — when the
 * query looks like a phone number — the phone's digits contain its digits, so "010 1234" finds
 * "010-1234-5678". The given branch first, then grade A→C (R23), then name. Both tests use
 * trigram indexes (migration 20261123013821_repair_calls), so a substring search stays fast on
 * large customer lists. Korean and Chinese names are also found as people type them: by initial
 * consonants (ㅅㅇ, 서ㅇ → 서울상사) and by pinyin initials or full pinyin (bjkj, beijing →
 * 北京科技), through the stored search key and its trigram index (domain/name-search.ts).
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
    WHERE "name" ILIKE ${likePattern(query)} ${phoneMatch} ${nameSearchKeyMatch(query)}
    ORDER BY ("branchId" = ${branchId}) DESC, "grade" ASC, "name" ASC, "id" ASC
    LIMIT ${limit}`;
}
