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

/**
 * Which customers a query finds by name. Korean initials (ㅅㅇ, 서ㅇ) are answered by the key
 * alone: it also holds the initials of names that contain lone jamo, so "name ILIKE" would find
 * nothing more, and where LC_CTYPE is C (the embedded server) Hangul gives pg_trgm no trigrams,
 * so that branch of an OR would force a scan of the whole table. Pinyin (bjkj, beijing) is
 * matched on the key besides the name.
 */
function nameMatch(query: string): Prisma.Sql {
  const byName = Prisma.sql`"name" ILIKE ${likePattern(query)}`;
  const keyQuery = nameSearchQuery(query);
  if (keyQuery === null) return byName;
  const byKey = Prisma.sql`"nameSearchKey" LIKE ${likePattern(keyQuery.key)}`;
  if (keyQuery.kind === "latin") return Prisma.sql`${byName} OR ${byKey}`;
  // The key finds the candidates through its index; syllables typed in full are then checked on the name.
  if (keyQuery.parts.some((part) => part.kind === "syllable")) return Prisma.sql`(${byKey} AND normalize("name", NFC) ~ ${hangulNamePattern(keyQuery.parts)})`;
  return byKey;
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
    WHERE ${nameMatch(query)} ${phoneMatch}
    ORDER BY ("branchId" = ${branchId}) DESC, "grade" ASC, "name" ASC, "id" ASC
    LIMIT ${limit}`;
}
