import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";

const actor = { userId: "kabid-1", displayName: "Kabid Uji" };

/** verifikasi (SLA 2 working days) → end, with a 1-hour non-interrupting reminder timer on it. */
function plan() {
  return new PlanBuilder()
    .start("mulai")
    .userTask("verifikasi", {
      name: "Verifikasi berkas",
      task: { roles: ["front-office"], documents: [], escalateTo: [] },
    })
    .boundary(
      "pengingat",
      "verifikasi",
      { kind: "timer", timer: { type: "duration", value: { kind: "literal", value: "PT1H" } } },
      false,
    )
    .userTask("tindak-lanjut", { task: { roles: ["front-office"], documents: [], escalateTo: [] } })
    .end("selesai")
    .end("selesai-pengingat")
    .chain("mulai", "verifikasi", "selesai")
    .chain("pengingat", "tindak-lanjut", "selesai-pengingat")
    .build({ standard: undefined });
}

describe("suspending a case", () => {
  it("refuses task completions and messages while suspended, holds a timer until resume", () => {
    const driver = new CaseDriver(plan(), { caseDue: { value: 5, unit: "workingDays" } });
    driver.at("2026-03-02T09:00:00+07:00").start();
    const dueBefore = driver.state.caseDueAt;
    expect(dueBefore).not.toBeNull();

    driver
      .at("2026-03-02T09:30:00+07:00")
      .send({ type: "suspend", reason: "Pengaduan sedang diperiksa", actor, at: driver.now });
    expect(driver.last?.accepted).toBe(true);
    expect(driver.records("caseSuspended")).toEqual([
      expect.objectContaining({
        data: { reason: "Pengaduan sedang diperiksa", actor: "kabid-1", authorName: "Kabid Uji" },
      }),
    ]);
    // a second suspension is not a new one
    expect(driver.send({ type: "suspend", reason: "lagi", actor, at: driver.now }).accepted).toBe(false);

    // the task cannot be completed
    const before = driver.state;
    expect(driver.completeTask("verifikasi").accepted).toBe(false);
    expect(driver.state).toBe(before);
    expect(driver.openTaskElements()).toEqual(["verifikasi"]);

    // the reminder timer comes due: held, nothing happens yet
    driver.fireTimer();
    expect(driver.last?.accepted).toBe(true);
    expect(driver.last?.commands).toEqual([]);
    expect(driver.openTaskElements()).toEqual(["verifikasi"]);

    // resumed the next working day at 09:30: the timer fires now, the due date moves one working day
    driver
      .at("2026-03-03T09:30:00+07:00")
      .send({ type: "resume", reason: "Pemeriksaan selesai", actor, at: driver.now });
    expect(driver.last?.accepted).toBe(true);
    expect(driver.records("caseResumed")[0]?.data).toMatchObject({
      reason: "Pemeriksaan selesai",
      suspendedSince: "2026-03-02T09:30:00+07:00",
    });
    expect(driver.openTaskElements()).toEqual(["verifikasi", "tindak-lanjut"]);
    expect(driver.records("clockResumed")[0]?.data).toMatchObject({ pausedWorkingMinutes: 450 });
    expect(Date.parse(driver.state.caseDueAt!) - Date.parse(dueBefore!)).toBe(24 * 3600_000);
    expect(driver.state.suspension).toBeUndefined();

    // and the task completes again
    expect(driver.completeTask("verifikasi").accepted).toBe(true);
  });

  it("a resume without a suspension is refused", () => {
    const driver = new CaseDriver(plan());
    driver.start();
    expect(driver.send({ type: "resume", reason: "tidak ditangguhkan", actor, at: driver.now }).accepted).toBe(false);
  });
});
