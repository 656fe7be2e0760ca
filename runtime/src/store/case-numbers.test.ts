import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextCaseNumber } from "./case-numbers";
import { type Db, openDb } from "./db";

describe("case numbers", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({ kind: "pglite", dataDir: null });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it("counts per district, service and year, without gaps or repeats under concurrent starts", async () => {
    // given two services of one district
    const adoption = { district: "3216", districtAbbreviation: "bks", serviceCode: "adp", year: 2026 };
    // when ten cases start at once, and one of another service and another year
    const numbers = await Promise.all(Array.from({ length: 10 }, () => nextCaseNumber(db, adoption)));
    const other = await nextCaseNumber(db, { ...adoption, serviceCode: "sjpp" });
    const nextYear = await nextCaseNumber(db, { ...adoption, year: 2027 });
    // then
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `ADP/BKS/2026/${String(i + 1).padStart(6, "0")}`),
    );
    expect(other).toBe("SJPP/BKS/2026/000001");
    expect(nextYear).toBe("ADP/BKS/2027/000001");
  });
});
