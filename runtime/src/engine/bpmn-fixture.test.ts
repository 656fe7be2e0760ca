/// <reference types="vite/client" />
import { compileProcess, parseBpmn } from "@alur/shared/compiler";
import type { ExecutionPlan } from "@alur/shared/plan";
import { beforeAll, describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
// Imported as text by Vite: engine code (tests included) does no file I/O.
import lksXml from "./fixtures/rekomendasi-lks.bpmn?raw";

/** The Seruyan LKS permit recommendation, compiled from BPMN by the real compiler. */
async function compileFixture(xml: string): Promise<ExecutionPlan> {
  const parsed = await parseBpmn(xml);
  if (!parsed.definitions) throw new Error(`parse failed: ${JSON.stringify(parsed.problems)}`);
  const compiled = compileProcess(parsed.definitions);
  if (!compiled.plan) throw new Error(`compile failed: ${JSON.stringify(compiled.problems)}`);
  return compiled.plan;
}

describe("rekomendasi-lks.bpmn through compiler and engine", () => {
  let plan: ExecutionPlan;
  beforeAll(async () => {
    plan = await compileFixture(lksXml);
  });

  it("runs a case with one round of missing documents to the signed recommendation", () => {
    // given
    const driver = new CaseDriver(plan);
    driver.start({ nomorPermohonan: "LKS-2026-04" });
    expect(driver.state.caseDue).toEqual({ value: 14, unit: "workingDays" });
    expect(driver.task("verifikasi")).toMatchObject({ roles: ["front-office"], dueAt: expect.any(String) });

    // when the documents are incomplete, the applicant completes them two days later
    driver.completeTask("verifikasi", { lengkap: false });
    expect(driver.message("berkas-dilengkapi", {}, "LKS-LAIN")).toMatchObject({ accepted: true, buffered: true });
    driver.at("2026-03-04T09:00:00+07:00").message("berkas-dilengkapi", { catatan: "akta notaris" }, "LKS-2026-04");

    // then verification comes back; the clock pause moved the case due date
    expect(driver.records("clockResumed")).toHaveLength(1);
    driver.completeTask("verifikasi", { lengkap: true });
    expect(driver.openTaskElements()).toEqual(["paraf"]);
    expect(driver.job("cetak")).toMatchObject({ jobType: "document", headers: { template: "rekomendasi-lks" } });

    // when initial and printing finish (in any order), the head of office signs
    driver.completeJob("cetak", { dokumen: "sha256:abc" });
    driver.completeTask("paraf");
    driver.completeTask("tandatangan");

    // then
    expect(driver.finished).toMatchObject({
      status: "completed",
      variables: { berkasLengkap: true, dokumen: "sha256:abc" },
    });
    expect(driver.entered().filter((id) => id === "verifikasi")).toHaveLength(2);
  });

  it("lapses when the applicant does not complete the documents within 30 days", () => {
    const driver = new CaseDriver(plan);
    driver.start({ nomorPermohonan: "LKS-2026-05" });
    driver.completeTask("verifikasi", { lengkap: false });
    const lapse = driver.liveTimers().find((t) => t.fireAt === "2026-04-01T02:00:00.000Z");
    expect(lapse).toBeDefined();
    driver.fireTimer(lapse?.timerId);
    expect(driver.finished?.status).toBe("completed");
    expect(driver.entered().at(-1)).toBe("gugur");
  });
});
