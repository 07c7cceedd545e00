import type { Db } from "../../src/db/client";

/** The app's tables, children before parents, so rows can be deleted without breaking foreign keys. */
export async function tablesChildrenFirst(prisma: Db): Promise<string[]> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  const edges = await prisma.$queryRaw<{ child: string; parent: string }[]>`
    SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
    FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`;
  const unquote = (name: string) => name.replace(/^"|"$/g, "");
  const parentsOf = new Map<string, Set<string>>();
  for (const { child, parent } of edges) {
    if (unquote(child) === unquote(parent)) continue;
    if (!parentsOf.has(unquote(child))) parentsOf.set(unquote(child), new Set());
    parentsOf.get(unquote(child))!.add(unquote(parent));
  }
  // Depth-first: a table comes after every table that references it.
  const referencedBy = new Map<string, string[]>();
  for (const [child, parents] of parentsOf) for (const p of parents) referencedBy.set(p, [...(referencedBy.get(p) ?? []), child]);
  const ordered: string[] = [];
  const visited = new Set<string>();
  const visit = (table: string) => {
    if (visited.has(table)) return;
    visited.add(table);
    for (const child of referencedBy.get(table) ?? []) visit(child);
    ordered.push(table);
  };
  for (const { name } of tables) visit(name);
  return ordered;
}
