import { addWorkingDuration, workingTimeBetween } from "@alur/shared/calendar";
import { ServiceStandard } from "@alur/shared/schemas";
import { describe, expect, it } from "vitest";
import { CaseDriver, TEST_CALENDAR } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";

describe("user-task SLA", () => {
  const plan = new PlanBuilder()
    .start("s")
    .userTask("verifikasi", {
      task: {
        roles: ["front-office"],
        documents: [],
        escalateTo: ["kepala-bidang"],
        sla: { value: 14, unit: "workingDays" },
      },
    })
    .end("e")
    .chain("s", "verifikasi", "e")
    .build();

  it("gets its due date from the pinned business calendar, across Idul Fitri and cuti bersama", () => {
    const driver = new CaseDriver(plan);
    driver.start();
    const task = driver.task("verifikasi");
    expect(task.dueAt).toBe(addWorkingDuration(TEST_CALENDAR, driver.now, { value: 14, unit: "workingDays" }));
    // 14 working days from Monday 2 March would be 19 March without the five holidays of 18–24 March
    expect(task.dueAt && task.dueAt > "2026-03-25").toBe(true);
    const [timer] = driver.liveTimers();
    expect(timer?.fireAt).toBe(task.dueAt);
  });

  it("records the breach and notifies the escalation roles, keeping the task open", () => {
    // given
    const driver = new CaseDriver(plan);
    driver.start();
    const task = driver.task("verifikasi");

    // when
    driver.fireTimer();

    // then
    expect(driver.records("slaBreached")).toMatchObject([{ elementId: "verifikasi", data: { taskId: task.taskId } }]);
    const [notice] = driver.commands("runJob");
    expect(notice).toMatchObject({
      jobType: "notify",
      elementInstanceId: null,
      headers: { roles: "kepala-bidang", taskId: task.taskId },
    });
    expect(driver.openTaskElements()).toEqual(["verifikasi"]);
    // the notice's completion is accepted and changes nothing else
    expect(driver.send({ type: "jobCompleted", jobId: notice?.jobId ?? "", output: {}, at: driver.now }).accepted).toBe(
      true,
    );
    driver.completeTask("verifikasi");
    expect(driver.finished?.status).toBe("completed");
  });

  it("completing the task in time cancels the SLA timer", () => {
    const driver = new CaseDriver(plan);
    driver.start();
    const [timer] = driver.liveTimers();
    driver.completeTask("verifikasi");
    expect(driver.commands("cancelTimer")).toEqual([{ type: "cancelTimer", timerId: timer?.timerId }]);
    expect(driver.records("slaBreached")).toEqual([]);
  });
});

describe("working-time timers", () => {
  it("a workingTime timer fires after the given working hours", () => {
    const plan = new PlanBuilder()
      .start("s")
      .catchEvent("tunggu", {
        kind: "timer",
        timer: { type: "workingTime", duration: { value: 3, unit: "workingHours" } },
      })
      .end("e")
      .chain("s", "tunggu", "e")
      .build();
    const driver = new CaseDriver(plan);
    // Friday 14:00 WIB: 1.5 h left today, 1.5 h on Monday
    driver.at("2026-03-06T14:00:00+07:00").start();
    expect(driver.liveTimers()[0]?.fireAt).toBe("2026-03-09T02:30:00.000Z");
  });
});

describe("clock pausing", () => {
  it("stops the service-standard clock while waiting on the applicant and moves the case due date", () => {
    // given: 10 working days for the whole service; the applicant may need to complete documents
    const plan = new PlanBuilder()
      .start("s")
      .userTask("periksa")
      .node({ type: "receiveTask", id: "lengkapi", messageName: "berkas-dilengkapi", pausesClock: true })
      .userTask("putuskan")
      .end("e")
      .chain("s", "periksa", "lengkapi", "putuskan", "e")
      .build();
    const driver = new CaseDriver(plan, { caseDue: { value: 10, unit: "workingDays" } });
    driver.start();
    const originalDue = driver.state.caseDueAt;
    expect(originalDue).toBe(addWorkingDuration(TEST_CALENDAR, driver.now, { value: 10, unit: "workingDays" }));

    // when the wait starts on Tuesday 09:00 and ends on Thursday 09:00
    driver.at("2026-03-03T09:00:00+07:00").completeTask("periksa");
    expect(driver.records("clockPaused")).toMatchObject([{ elementId: "lengkapi" }]);
    driver.at("2026-03-05T09:00:00+07:00").message("berkas-dilengkapi");

    // then two office days (2 × 450 minutes) were paused and the due date moved by them
    const paused = workingTimeBetween(TEST_CALENDAR, "2026-03-03T09:00:00+07:00", "2026-03-05T09:00:00+07:00").minutes;
    expect(paused).toBe(900);
    const [resumed] = driver.records("clockResumed");
    expect(resumed?.data).toMatchObject({ pausedWorkingMinutes: 900 });
    expect(driver.state.caseDueAt).toBe(
      addWorkingDuration(TEST_CALENDAR, originalDue ?? "", { value: 15, unit: "workingHours" }),
    );
    expect(driver.state.caseDueAt && originalDue && driver.state.caseDueAt > originalDue).toBe(true);
    expect(driver.state.clock).toMatchObject({ pausedBy: [], pausedAt: null, pausedMinutesTotal: 900 });
  });

  it("takes the case due time from the plan's service standard by default", () => {
    const plan = new PlanBuilder()
      .start("s")
      .userTask("a")
      .chain("s", "a")
      .build({
        standard: ServiceStandard.parse({
          code: "REK-LKS",
          name: "Rekomendasi izin operasional LKS",
          completionTime: { value: 14, unit: "workingDays" },
        }),
      });
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.state.caseDue).toEqual({ value: 14, unit: "workingDays" });
    expect(driver.state.caseDueAt).toBe(
      addWorkingDuration(TEST_CALENDAR, driver.now, { value: 14, unit: "workingDays" }),
    );
  });
});
