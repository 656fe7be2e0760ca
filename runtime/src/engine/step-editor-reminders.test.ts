/// <reference types="vite/client" />
import { compileAndValidateXml } from "@alur/shared/compiler";
import type { ExecutionPlan } from "@alur/shared/plan";
import { beforeAll, describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
// The step editor's "kunjungan rumah" template as the designer writes it (its test keeps this
// file equal to what applyTemplate makes): the visit reminds the social workers after 2 working
// days and escalates to the head of division after 3.
import kunjunganXml from "./fixtures/step-editor-kunjungan.bpmn?raw";

const VISIT = "langkah_3";

describe("a step editor reminder and escalation on the engine", () => {
  let plan: ExecutionPlan;
  beforeAll(async () => {
    const compiled = await compileAndValidateXml(kunjunganXml, { forPublish: true });
    expect(compiled.problems.filter((p) => p.severity === "error")).toEqual([]);
    plan = compiled.plan!;
  });

  it("reminds the assignee's role after 2 working days and escalates after 3, the visit staying open", () => {
    // given a case whose visit opens on Tuesday 17 March 2026, the day before Idul Fitri's
    // holidays and cuti bersama (18–24 March on the test calendar)
    const driver = new CaseDriver(plan).at("2026-03-16T09:00:00+07:00");
    driver.start({ caseNumber: "KR-2026-0007" });
    driver.completeTask("langkah_1");
    driver.at("2026-03-17T09:00:00+07:00").completeTask("langkah_2");
    expect(driver.openTaskElements()).toEqual([VISIT]);

    // then the reminder and the escalation count working days past the holidays, by the
    // receipt-day convention (the close of the 2nd/3rd working day after it): Thu 26, Fri 27 March
    const byElement = (id: string) => {
      const subscription = Object.values(driver.state.subscriptions).find(
        (s) => s.target.kind === "boundary" && s.target.boundaryId === id,
      );
      return driver
        .liveTimers()
        .find((t) => subscription?.trigger.kind === "timer" && t.timerId === subscription.trigger.timerId);
    };
    const reminder = byElement(`${VISIT}_pengingat`)!;
    const escalation = byElement(`${VISIT}_eskalasi`)!;
    expect(reminder.fireAt).toBe("2026-03-26T08:30:00.000Z");
    expect(escalation.fireAt).toBe("2026-03-27T08:30:00.000Z");

    // when 2 working days pass: the notify connector is asked to tell the social workers
    driver.fireTimer(reminder.timerId);
    expect(driver.job(`${VISIT}_pengingat_kirim`)).toMatchObject({
      jobType: "notify",
      headers: { roles: "pekerja-sosial", reason: "reminder", title: "Pengingat: Kunjungan rumah" },
      variables: expect.objectContaining({ caseNumber: "KR-2026-0007" }),
    });
    driver.completeJob(`${VISIT}_pengingat_kirim`, { notificationId: "n-1" });
    // and the visit is still open, for the same people (the reminder does not interrupt)
    expect(driver.openTaskElements()).toEqual([VISIT]);
    expect(driver.finished).toBeUndefined();

    // when the third working day passes: the head of division is told
    driver.fireTimer(escalation.timerId);
    expect(driver.job(`${VISIT}_eskalasi_kirim`)).toMatchObject({
      jobType: "notify",
      headers: { roles: "kepala-bidang", reason: "escalation" },
    });
    driver.completeJob(`${VISIT}_eskalasi_kirim`, { notificationId: "n-2" });
    expect(driver.openTaskElements()).toEqual([VISIT]);

    // then the visit is done and approved; the case ends approved, nothing left waiting
    driver.completeTask(VISIT, { layakDibantu: true });
    expect(driver.openTaskElements()).toEqual(["langkah_4"]);
    driver.completeTask("langkah_4");
    expect(driver.finished).toMatchObject({ status: "completed" });
    expect(driver.liveTimers()).toEqual([]);
  });

  it("a visit done in time cancels its reminder and escalation: no notice is sent", () => {
    const driver = new CaseDriver(plan).at("2026-03-02T09:00:00+07:00");
    driver.start({});
    driver.completeTask("langkah_1");
    driver.completeTask("langkah_2");
    expect(driver.liveTimers().length).toBeGreaterThanOrEqual(2);
    driver.at("2026-03-03T10:00:00+07:00").completeTask(VISIT, { layakDibantu: false });
    expect(driver.commands("runJob").filter((j) => j.jobType === "notify")).toEqual([]);
    expect(driver.finished).toMatchObject({ status: "completed" });
    expect(driver.liveTimers()).toEqual([]);
    expect(driver.commands("cancelTimer").length).toBeGreaterThanOrEqual(2);
  });
});
