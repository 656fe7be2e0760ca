import { describe, expect, it } from "vitest";
import { CaseDriver } from "../testing/engine/case-driver";
import { PlanBuilder } from "../testing/engine/plan-builder";

const officer = { task: { roles: ["front-office"], documents: [], escalateTo: [] } };

/** v1: verifikasi → survei → selesai. */
const v1 = () =>
  new PlanBuilder("layanan")
    .start("mulai")
    .userTask("verifikasi", { name: "Verifikasi berkas", ...officer })
    .userTask("survei", { name: "Survei lapangan", ...officer })
    .end("selesai")
    .chain("mulai", "verifikasi", "survei", "selesai")
    .build();

/** v2: verifikasi (renamed) → persetujuan (new) → survei → selesai. */
const v2 = () =>
  new PlanBuilder("layanan")
    .start("mulai")
    .userTask("verifikasi", { name: "Verifikasi dokumen", ...officer })
    .userTask("persetujuan", { name: "Persetujuan kepala bidang", ...officer })
    .userTask("survei", { name: "Survei lapangan", ...officer })
    .end("selesai")
    .chain("mulai", "verifikasi", "persetujuan", "survei", "selesai")
    .build();

describe("migrating a running case", () => {
  it("keeps the open task (same id), renames it, and continues on the new plan", () => {
    const driver = new CaseDriver(v1());
    driver.start({ pemohon: "Siti" });
    const { taskId } = driver.task("verifikasi");

    const result = driver.migrate(v2());

    expect(result).toMatchObject({
      ok: true,
      tasks: [{ taskId, elementId: "verifikasi", name: "Verifikasi dokumen" }],
    });
    expect(driver.records("caseMigrated")[0]?.data).toEqual({ fromVersion: 1, toVersion: 2, actor: "admin-1" });
    expect(Object.keys(driver.state.tasks)).toEqual([taskId]);
    driver.completeTask("verifikasi");
    expect(driver.openTaskElements()).toEqual(["persetujuan"]);
    driver.completeTask("persetujuan");
    driver.completeTask("survei");
    expect(driver.finished?.status).toBe("completed");
    expect(driver.entered()).toEqual(["mulai", "verifikasi", "persetujuan", "survei", "selesai"]);
  });

  it("maps an active element to a renamed id", () => {
    const renamed = new PlanBuilder("layanan")
      .start("mulai")
      .userTask("cek-berkas", { name: "Cek berkas", ...officer })
      .end("selesai")
      .chain("mulai", "cek-berkas", "selesai")
      .build();
    const driver = new CaseDriver(v1());
    driver.start();
    const { taskId } = driver.task("verifikasi");

    expect(driver.migrate(renamed)).toMatchObject({
      ok: false,
      blockers: [{ code: "element-missing", elementId: "verifikasi" }],
    });
    const result = driver.migrate(renamed, { verifikasi: "cek-berkas" });

    expect(result).toMatchObject({ ok: true, tasks: [{ taskId, elementId: "cek-berkas", name: "Cek berkas" }] });
    expect(driver.records("caseMigrated")[0]?.data).toMatchObject({ mapping: { verifikasi: "cek-berkas" } });
    driver.completeTask("cek-berkas");
    expect(driver.finished?.status).toBe("completed");
  });

  it("lists why a case cannot move and leaves it as it was", () => {
    const driver = new CaseDriver(v1());
    driver.start();
    const before = driver.state;
    const withoutStep = new PlanBuilder("layanan").start("mulai").end("selesai").chain("mulai", "selesai").build();
    const serviceInstead = new PlanBuilder("layanan")
      .start("mulai")
      .serviceTask("verifikasi")
      .end("selesai")
      .chain("mulai", "verifikasi", "selesai")
      .build();
    const other = new PlanBuilder("lain").start("mulai").end("selesai").chain("mulai", "selesai").build();

    expect(driver.migrate(withoutStep)).toMatchObject({
      ok: false,
      blockers: [
        { code: "element-missing", elementId: "verifikasi", en: expect.stringContaining('"Verifikasi berkas"') },
      ],
    });
    expect(driver.migrate(serviceInstead)).toMatchObject({ ok: false, blockers: [{ code: "element-type-changed" }] });
    expect(driver.migrate(other)).toMatchObject({ ok: false, blockers: [{ code: "other-process" }] });
    expect(driver.migrate(v2(), { nope: "survei" })).toMatchObject({
      ok: false,
      blockers: [{ code: "mapping-invalid" }],
    });
    expect(driver.state).toBe(before);
  });

  it("refuses a multi-instance in flight and a called case whose call activity is gone", () => {
    const mi = new PlanBuilder("layanan")
      .start("mulai")
      .userTask("survei", {
        ...officer,
        multiInstance: { isSequential: false, inputCollection: "alamat", inputElement: "a" },
      })
      .end("selesai")
      .chain("mulai", "survei", "selesai")
      .build();
    const driver = new CaseDriver(mi);
    driver.start({ alamat: ["x", "y"] });
    const result = driver.migrate(mi);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.blockers.map((b) => b.code)).toEqual(["multi-instance-in-flight"]);

    const caller = new PlanBuilder("layanan")
      .start("mulai")
      .node({
        type: "callActivity",
        id: "panggil",
        calledProcess: { kind: "literal", value: "anak" },
        propagateAllChildVariables: true,
      })
      .end("selesai")
      .chain("mulai", "panggil", "selesai")
      .build();
    const calling = new CaseDriver(caller);
    calling.start();
    expect(calling.commands("startChild")).toHaveLength(1);
    const gone = new PlanBuilder("layanan").start("mulai").end("selesai").chain("mulai", "selesai").build();
    expect(calling.migrate(gone)).toMatchObject({
      ok: false,
      blockers: [{ code: "called-case-orphaned", elementId: "panggil" }],
    });
  });

  it("a mapping with a __proto__ key is refused, not followed", () => {
    const driver = new CaseDriver(v1());
    driver.start();
    const before = driver.state;
    const result = driver.migrate(v2(), JSON.parse('{"__proto__": {"verifikasi": "survei"}}'));
    expect(result).toMatchObject({ ok: false, blockers: [{ code: "mapping-invalid", elementId: "__proto__" }] });
    expect(driver.state).toBe(before);
  });

  it("a finished case does not move", () => {
    const plan = new PlanBuilder("layanan").start("mulai").end("selesai").chain("mulai", "selesai").build();
    const driver = new CaseDriver(plan);
    driver.start();
    expect(driver.migrate(plan)).toMatchObject({ ok: false, blockers: [{ code: "case-not-running" }] });
  });
});
