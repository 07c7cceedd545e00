// Customer.nameSearchKey for the customers saved before it existed whose names migration
// 20261128130000 could not key in SQL (Han characters need pinyin-pro): the bot fills them in
// at start, in the background. Idempotent and safe beside other replicas and concurrent edits.
import type { DbOrTx } from "../../db";
import { nameSearchKey } from "../../domain/name-search";

const BATCH_SIZE = 500;

/**
 * Keys every customer whose key is NULL, a batch per statement. A row renamed meanwhile is left
 * alone (its new name came with its own key). The key is derived from the name, not a change
 * anyone made, so no audit row and no updatedAt.
 */
export async function backfillNameSearchKeys(
  deps: { db: DbOrTx },
  options: { batchSize?: number; shouldStop?: () => boolean } = {},
): Promise<{ filled: number }> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  let filled = 0;
  let afterId = 0;
  while (!options.shouldStop?.()) {
    const rows = await deps.db.customer.findMany({
      where: { nameSearchKey: null, id: { gt: afterId } },
      select: { id: true, name: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1].id;
    filled += await deps.db.$executeRaw`
      UPDATE "Customer" AS c SET "nameSearchKey" = v."key"
      FROM unnest(${rows.map((row) => row.id)}::int[], ${rows.map((row) => row.name)}::text[], ${rows.map((row) => nameSearchKey(row.name))}::text[]) AS v("id", "name", "key")
      WHERE c."id" = v."id" AND c."name" = v."name" AND c."nameSearchKey" IS NULL`;
  }
  return { filled };
}
