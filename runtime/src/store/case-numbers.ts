/** Case numbers `SVC/DIST/YEAR/000123`, counted per district, service and year. */
import type { Db } from "./db";

/**
 * Takes the next number. One upsert statement, so concurrent starts on any number of API
 * processes never share a number; inside a transaction a rollback also returns nothing visible.
 */
export async function nextCaseNumber(
  db: Db,
  input: { district: string; districtAbbreviation: string; serviceCode: string; year: number },
): Promise<string> {
  const { value } = await db
    .insertInto("case_counters")
    .values({ district: input.district, service_code: input.serviceCode, year: input.year, value: 1 })
    .onConflict((oc) =>
      oc
        .columns(["district", "service_code", "year"])
        .doUpdateSet((eb) => ({ value: eb("case_counters.value", "+", 1) })),
    )
    .returning("value")
    .executeTakeFirstOrThrow();
  return formatCaseNumber({ ...input, sequence: value });
}

export function formatCaseNumber(input: {
  serviceCode: string;
  districtAbbreviation: string;
  year: number;
  sequence: number;
}): string {
  const service =
    input.serviceCode
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "")
      .slice(0, 12) || "SVC";
  return `${service}/${input.districtAbbreviation.toUpperCase()}/${input.year}/${String(input.sequence).padStart(6, "0")}`;
}
