import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";
import { caseView } from "./case-view";

describe("tokens through a sequence", () => {
  it("opens the user task, completes it and ends the case with its data", () => {
    // given
    const plan = new PlanBuilder()
      .start("mulai")
      .userTask("verifikasi", {
        name: "Verifikasi berkas",
        task: { roles: ["front-office"], documents: ["ktp"], escalateTo: [] },
      })
      .end("selesai")
      .chain("mulai", "verifikasi", "selesai")
      .build();
    const driver = new CaseDriver(plan);

    // when
    driver.start({ pemohon: "Siti" });

    // then
    const task = driver.task("verifikasi");
    expect(task).toMatchObject({ name: "Verifikasi berkas", roles: ["front-office"], documents: ["ktp"], dueAt: null });
    expect(task.taskId).toBe(`k1-t${task.taskId.split("-t")[1]}`);
    expect(caseView(driver.state)).toMatchObject({ status: "active", activeElements: ["verifikasi"] });

    // when
    driver.completeTask("verifikasi", { lengkap: true });

    // then
    expect(driver.commands("closeTask")).toEqual([
      { type: "closeTask", taskId: task.taskId, status: "completed", by: "petugas-1" },
    ]);
    expect(driver.finished).toMatchObject({ status: "completed", variables: { pemohon: "Siti", lengkap: true } });
    expect(driver.entered()).toEqual(["mulai", "verifikasi", "selesai"]);
    expect(caseView(driver.state)).toMatchObject({ status: "completed", openTasks: [], activeElements: [] });
  });

  it("ignores events for unknown tasks and events after the end", () => {
    const plan = new PlanBuilder().start("s").end("e").chain("s", "e").build();
    const driver = new CaseDriver(plan);
    driver.start();
    const before = driver.state;
    const result = driver.send({ type: "timerFired", timerId: "nope", at: driver.now });
    expect(result).toEqual({ state: before, commands: [], accepted: false });
  });
});
