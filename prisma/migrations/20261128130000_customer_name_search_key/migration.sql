-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "nameSearchKey" TEXT;


-- Written by hand below this line: what Prisma's schema language cannot describe (see the
-- comment on Customer in schema.prisma).

-- Back-fill: the key of every name made only of Hangul syllables and printable ASCII, computed as
-- domain/name-search.ts does (initials of each run of syllables, ㄱ…ㅎ stored as A…S, spaces
-- skipped, anything else ends a run; "" when there is no syllable). Other names (Han characters, NFD, other scripts)
-- stay NULL and the bot fills them in at start (services/customers/backfill-name-search-keys.ts).
UPDATE "Customer" AS c
SET "nameSearchKey" = k."key"
FROM (
  SELECT cu."id",
         regexp_replace(btrim(string_agg(
           CASE WHEN ascii(t.ch) BETWEEN 44032 AND 55203 THEN substr('ABCDEFGHIJKLMNOPQRS', (ascii(t.ch) - 44032) / 588 + 1, 1)
                WHEN t.ch = ' ' THEN ''
                ELSE ' ' END, '' ORDER BY t.n)), ' +', ' ', 'g') AS "key"
  FROM "Customer" AS cu
  LEFT JOIN LATERAL regexp_split_to_table(cu."name", '') WITH ORDINALITY AS t(ch, n) ON true
  WHERE cu."name" ~ '^[가-힣 -~]*$'
  GROUP BY cu."id"
) AS k
WHERE c."id" = k."id";

-- Korean and Chinese type-ahead queries match inside the key (services/tickets/search-customers.ts).
CREATE INDEX "Customer_nameSearchKey_trgm_idx" ON "Customer" USING GIN ("nameSearchKey" gin_trgm_ops);
