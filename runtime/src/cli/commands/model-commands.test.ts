import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { syntheticModel } from "@alur/shared/compiler";
import { ExecutionPlan } from "@alur/shared/plan";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import compile from "./compile";
import exportStandard from "./export-standard";
import validate from "./validate";

let dir: string;
const file = (name: string) => path.join(dir, name);

const withStandard = syntheticModel(20).replace(
  '<bpmn:process id="synthetic" name="Model sintetis" isExecutable="true">',
  `<bpmn:process id="synthetic" name="Model sintetis" isExecutable="true"><bpmn:extensionElements>
    <alur:serviceStandard code="SJPP" name="Rekomendasi SJPP"><alur:legalBasis kind="UU" number="11" year="2009" title="Kesejahteraan Sosial"/>
    <alur:completionTime value="10" unit="minutes">10 menit</alur:completionTime></alur:serviceStandard>
  </bpmn:extensionElements>`,
);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "alur-cli-"));
  mkdirSync(file("models/nested"), { recursive: true });
  mkdirSync(file("forms"));
  writeFileSync(file("models/good.bpmn"), syntheticModel(20));
  writeFileSync(file("models/nested/also-good.bpmn"), syntheticModel(12));
  writeFileSync(
    file("bad.bpmn"),
    syntheticModel(12).replace(
      '<bpmn:endEvent id="end"',
      '<bpmn:complexGateway id="cg" name="Kompleks"/><bpmn:endEvent id="end"',
    ),
  );
  writeFileSync(
    file("evil.bpmn"),
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  );
  writeFileSync(file("standard.bpmn"), withStandard);
  writeFileSync(
    file("forms/verifikasi.form"),
    JSON.stringify({ id: "verifikasi", components: [{ type: "textfield", key: "hasil", label: "Hasil" }] }),
  );
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  return { out: () => out.join("\n"), err: () => err.join("\n") };
}

afterEach(() => vi.restoreAllMocks());

describe("alur validate", () => {
  it("exits 0 when no model has an error, expanding quoted globs", async () => {
    const io = capture();
    expect(await validate.run([`${dir}/models/**/*.bpmn`])).toBe(0);
    expect(io.out()).toContain("good.bpmn: 0 galat, 0 peringatan");
    expect(io.out()).toContain("also-good.bpmn: 0 galat");
  });

  it("exits 1 when a model has an error and lists it, in JSON on request", async () => {
    const io = capture();
    expect(await validate.run([file("models/good.bpmn"), file("bad.bpmn"), "--json"])).toBe(1);
    const results = JSON.parse(io.out()) as { file: string; problems: { elementId: string; code: string }[] }[];
    expect(results.map((r) => path.basename(r.file))).toEqual(["good.bpmn", "bad.bpmn"]);
    expect(results[1]?.problems).toContainEqual(
      expect.objectContaining({ elementId: "cg", code: "unsupported-element" }),
    );
  });

  it("names the process of each problem in a file holding two processes", async () => {
    // given a collaboration whose survey process has a role-less task
    const collaboration = readFileSync(
      path.join(import.meta.dirname, "../../../../shared/src/compiler/fixtures/two-processes.bpmn"),
      "utf8",
    ).replace('<zeebe:assignmentDefinition candidateGroups="front-office" />', "");
    writeFileSync(file("two-processes.bpmn"), collaboration);
    const io = capture();
    // when / then
    expect(await validate.run([file("two-processes.bpmn"), "--lang", "en"])).toBe(1);
    expect(io.out()).toMatch(/error\s+survei-lapangan\/laporan-survei\s+user-task-without-role/);
  });

  it("exits 1 for refused, missing or unreadable files", async () => {
    const io = capture();
    expect(await validate.run([file("evil.bpmn"), "--lang", "en"])).toBe(1);
    expect(io.out()).toContain("DOCTYPE/ENTITY declarations are not allowed");
    expect(await validate.run([file("missing.bpmn")])).toBe(1);
  });

  it("exits 2 on wrong usage", async () => {
    capture();
    expect(await validate.run([])).toBe(2);
    expect(await validate.run(["--bogus", file("bad.bpmn")])).toBe(2);
    expect(await validate.run([`${dir}/nothing/*.bpmn`])).toBe(2);
  });
});

describe("alur compile", () => {
  it("writes the plan with -o, embedding forms from --forms", async () => {
    capture();
    expect(await compile.run([file("models/good.bpmn"), "-o", file("plan.json"), "--forms", file("forms")])).toBe(0);
    const plan = ExecutionPlan.parse(JSON.parse(readFileSync(file("plan.json"), "utf8")));
    expect(plan.processId).toBe("synthetic");
    expect(plan.forms).toEqual({
      verifikasi: { id: "verifikasi", components: [{ type: "textfield", key: "hasil", label: "Hasil" }] },
    });
  });

  it("prints the plan on stdout without -o", async () => {
    const io = capture();
    expect(await compile.run([file("models/good.bpmn")])).toBe(0);
    expect(JSON.parse(io.out()).planVersion).toBe(1);
  });

  it("exits 1 with the problems when the model does not compile", async () => {
    const io = capture();
    expect(await compile.run([file("bad.bpmn")])).toBe(1);
    expect(io.err()).toContain("unsupported-element");
    expect(await compile.run([file("models/good.bpmn"), "--forms", file("models")])).toBe(1);
    expect(io.err()).toContain("form-not-found");
  });

  it("exits 2 on wrong usage", async () => {
    capture();
    expect(await compile.run([])).toBe(2);
    expect(await compile.run([file("a.bpmn"), file("b.bpmn")])).toBe(2);
    expect(await compile.run([file("models/good.bpmn"), "-o"])).toBe(2);
  });
});

describe("alur export-standard", () => {
  it("prints the service standard as JSON", async () => {
    const io = capture();
    expect(await exportStandard.run([file("standard.bpmn")])).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({
      code: "SJPP",
      legalBasis: [{ kind: "UU", number: "11", year: 2009 }],
      completionTime: { value: 10, unit: "minutes", text: "10 menit" },
    });
  });

  it("prints the procedure derived from the model, not the typed text", async () => {
    // given the Bekasi adoption model, whose typed procedure omits the return to the applicant
    const adoption = path.join(import.meta.dirname, "../../../../workflows/pengangkatan-anak/variants/3216.bpmn");
    const io = capture();
    expect(await exportStandard.run([adoption])).toBe(0);
    const printed = JSON.parse(io.out()) as { procedure: { order: number; text: string; role?: string }[] };
    // then component 3 is the model's steps with role names, the return and the clock stop
    expect(printed.procedure[1]).toEqual({
      order: 2,
      role: "back-office",
      text: expect.stringContaining(
        "Periksa kelengkapan dokumen persyaratan, oleh Petugas Back Office; waktu 5 hari kerja.",
      ),
    });
    expect(printed.procedure[1]?.text).toContain("dikembalikan kepada pemohon untuk dilengkapi");
    expect(JSON.stringify(printed.procedure)).not.toContain("Calon Orang Tua Asuh melengkapi syarat-syaratnya");
    // and --derived gives the steps as data with the longest path's SLA sum
    const full = capture();
    expect(await exportStandard.run([adoption, "--derived"])).toBe(0);
    expect(JSON.parse(full.out())).toMatchObject({
      slaPath: { workingDays: 23 },
      issuer: { government: "PEMERINTAH KABUPATEN BEKASI" },
    });
  });

  it("exits 1 when the model has no standard, 2 on wrong usage", async () => {
    const io = capture();
    expect(await exportStandard.run([file("models/good.bpmn")])).toBe(1);
    expect(io.err()).toContain("service-standard-missing");
    expect(await exportStandard.run([])).toBe(2);
  });
});
