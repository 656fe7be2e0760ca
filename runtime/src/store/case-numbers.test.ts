import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextCaseNumber } from "./case-numbers";
import { type Db, openDb } from "./db";

describe("case numbers", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({ kind: "pglite", dataDir: null });
  }, 60_000);
  afterAll(async () => {
    await db.destroy();
  });

  it("counts per district, service and year, without gaps or repeats under concurrent starts", async () => {
    // given two services of one district
    const adoption = { districtAbbreviation: "bks", serviceCode: "adp", year: 2026 };
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

  it("never repeats a number for services whose codes print alike", async () => {
    // given two process ids without a service code, alike in their first 12 characters
    const base = { districtAbbreviation: "bks", year: 2026 };
    // when a case of each starts
    const first = await nextCaseNumber(db, { ...base, serviceCode: "customer-onboarding" });
    const second = await nextCaseNumber(db, { ...base, serviceCode: "customer-onboarding-flaky" });
    // then they share the printed prefix and one sequence
    expect([first, second]).toEqual(["CUSTOMERONBO/BKS/2026/000001", "CUSTOMERONBO/BKS/2026/000002"]);
  });
});
