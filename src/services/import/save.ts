// Create-or-update that knows when nothing changed, so a re-import reports what it really did
// and leaves updatedAt alone on rows it did not touch.
import { isDeepStrictEqual } from "node:util";
import { Prisma } from "../../generated/prisma/client";
import type { WriteOutcome } from "./definition";

export async function saveRecord(
  existing: object | null,
  planned: Record<string, unknown>,
  operations: { create(): Promise<unknown>; update(): Promise<unknown> },
): Promise<WriteOutcome> {
  if (!existing) {
    await operations.create();
    return "created";
  }
  if (sameValues(existing as Record<string, unknown>, planned)) return "unchanged";
  await operations.update();
  return "updated";
}

/** Compares only the keys the import controls; Decimals and Dates by value. */
function sameValues(existing: Record<string, unknown>, planned: Record<string, unknown>): boolean {
  return Object.keys(planned).every((key) => isDeepStrictEqual(comparable(existing[key]), comparable(planned[key])));
}

function comparable(value: unknown): unknown {
  if (Prisma.Decimal.isDecimal(value)) return value.toString();
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  return value;
}
