import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";

/**
 * Element ids are the modeller's: any NCName, including the names of Object.prototype's
 * properties. A lookup by id must not find the prototype's (a task named `constructor` once made
 * the engine read a function as its boundary list and crash).
 */
describe("element ids", () => {
  for (const id of ["constructor", "toString", "hasOwnProperty", "valueOf"]) {
    it(`runs a task whose id is "${id}"`, () => {
      const plan = new PlanBuilder()
        .start("mulai")
        .userTask(id, { task: { roles: ["front-office"], documents: [], escalateTo: [] } })
        .end("selesai")
        .chain("mulai", id, "selesai")
        .build({ standard: undefined });
      const driver = new CaseDriver(plan);
      driver.at("2026-03-02T09:00:00+07:00").start();
      driver.at("2026-03-02T10:00:00+07:00").completeTask(id);
      expect(driver.state.status).toBe("completed");
    });
  }
});
