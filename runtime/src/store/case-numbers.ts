/**
 * Case numbers `SVC/DIST/YEAR/000123`, counted per printed prefix `SVC/DIST/YEAR`: the service part
 * is cut to 12 characters, so services (or process ids) alike in those share one sequence rather
 * than repeat each other's numbers.
 */
import type { Db } from "./db";

/**
 * Takes the next number. One upsert statement, so concurrent starts on any number of API
 * processes never share a number; inside a transaction a rollback also returns nothing visible.
 */
export async function nextCaseNumber(
  db: Db,
  input: { districtAbbreviation: string; serviceCode: string; year: number },
): Promise<string> {
  const prefix = caseNumberPrefix(input);
  const { value } = await db
    .insertInto("case_number_counters")
    .values({ prefix, value: 1 })
    .onConflict((oc) => oc.column("prefix").doUpdateSet((eb) => ({ value: eb("case_number_counters.value", "+", 1) })))
    .returning("value")
    .executeTakeFirstOrThrow();
  return `${prefix}/${String(value).padStart(6, "0")}`;
}

/** `SVC/DIST/YEAR` of a case number. */
function caseNumberPrefix(input: { serviceCode: string; districtAbbreviation: string; year: number }): string {
  const service =
    input.serviceCode
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "")
      .slice(0, 12) || "SVC";
  return `${service}/${input.districtAbbreviation.toUpperCase()}/${input.year}`;
}
