import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";

/**
 * A supervisor corrects a data-entry mistake: the case's variables change, later decisions read
 * the corrected value, and the history says who changed what and why.
 */
describe("correcting case variables", () => {
  const plan = new PlanBuilder()
    .start("s")
    .userTask("verifikasi")
    .gateway("layak", "exclusiveGateway", { defaultFlow: "layak->tolak" })
    .userTask("terbitkan")
    .userTask("tolak")
    .chain("s", "verifikasi", "layak")
    .flow("layak", "terbitkan", "desil <= 4")
    .flow("layak", "tolak", undefined, "layak->tolak")
    .build();

  it("writes the corrected values on the case, and the next decision reads them", () => {
    // given a case started with a mistyped income decile
    const driver = new CaseDriver(plan);
    driver.start({ nama: "Sitti Aminah", desil: 9 });

    // when the head of division corrects it before the verification completes
    const result = driver.send({
      type: "correctVariables",
      variables: { nama: "Siti Aminah", desil: 2 },
      actor: { userId: "kabid-1", displayName: "Bu Kabid" },
      reason: "Salah ketik saat pendaftaran",
      at: driver.now,
    });
    driver.completeTask("verifikasi");

    // then the case holds the corrected values and the gateway took the corrected path
    expect(result.accepted).toBe(true);
    expect(driver.variables).toMatchObject({ nama: "Siti Aminah", desil: 2 });
    expect(driver.openTaskElements()).toEqual(["terbitkan"]);
    expect(driver.records("variablesCorrected").map((r) => r.data)).toEqual([
      {
        variables: ["nama", "desil"],
        reason: "Salah ketik saat pendaftaran",
        actor: "kabid-1",
        authorName: "Bu Kabid",
      },
    ]);
  });
});
