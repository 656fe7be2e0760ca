import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBpmn } from "./parse-bpmn";
import { syntheticModel } from "./synthetic-model";
import { compileAndValidate, compileAndValidateAll, validateDefinitions, validateXml } from "./validate";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

describe("validateDefinitions", () => {
  it("finds nothing wrong with a complete, laid-out model", async () => {
    const { problems } = await validateXml(syntheticModel(60));
    expect(problems).toEqual([]);
  });

  it("combines Alur rules, compile problems and bpmnlint, each finding once", async () => {
    // given a model with a complex gateway, a script task without script and no diagram
    const xml = fixture("executable-set.bpmn")
      .replace(
        '<bpmn:endEvent id="end" name="Selesai">',
        '<bpmn:complexGateway id="complex"/><bpmn:endEvent id="end" name="Selesai">',
      )
      .replace('<zeebe:script expression="=count(laporan)" resultVariable="skor" />', "");

    // when
    const { problems } = await validateXml(xml);

    // then
    const codes = problems.map((p) => `${p.elementId}:${p.code}`);
    expect(codes).toContain("complex:unsupported-element");
    expect(codes).not.toContain("complex:bpmnlint/no-complex-gateway");
    expect(codes).toContain("score:script-incomplete");
    expect(codes).toContain("start:bpmnlint/no-bpmndi");
    expect(codes.filter((c) => c === "complex:unsupported-element")).toHaveLength(1);
  });

  it("keeps missing service-standard components warnings, for publishing too", async () => {
    const { definitions } = await parseBpmn(fixture("executable-set.bpmn"));
    const severities = (forPublish: boolean) =>
      new Set(
        validateDefinitions(definitions!, { forPublish })
          .filter((p) => p.code === "service-standard-incomplete")
          .map((p) => p.severity),
      );
    expect(severities(false)).toEqual(new Set(["warning"]));
    expect(severities(true)).toEqual(new Set(["warning"]));
  });

  it("reports parse refusals as problems", async () => {
    const { definitions, problems } = await validateXml('<!DOCTYPE x [<!ENTITY a "b">]><x/>');
    expect(definitions).toBeUndefined();
    expect(problems.map((p) => p.code)).toEqual(["xml-doctype"]);
  });
});

describe("compileAndValidate", () => {
  it("returns the plan of a model without errors", async () => {
    const { definitions } = await parseBpmn(syntheticModel(60));
    const { plan, problems } = compileAndValidate(definitions!);
    expect(problems).toEqual([]);
    expect(plan?.processId).toBe("synthetic");
    expect(Object.keys(plan?.nodes ?? {}).length).toBeGreaterThanOrEqual(60);
  });

  it("withholds the plan when validation finds an error the compiler would accept", async () => {
    // an unreachable task compiles, but must not deploy
    const xml = syntheticModel(20).replace(
      '<bpmn:endEvent id="end"',
      '<bpmn:task id="orphan" name="Yatim"/><bpmn:endEvent id="end"',
    );
    const { definitions } = await parseBpmn(xml);
    const { plan, problems } = compileAndValidate(definitions!);
    expect(plan).toBeUndefined();
    expect(problems.map((p) => `${p.elementId}:${p.code}`)).toContain("orphan:unreachable-element");
  });

  it("lists bpmnlint's style errors but still returns the plan", async () => {
    // a model without diagram: bpmnlint/no-bpmndi errors, yet nothing stops execution
    const { definitions } = await parseBpmn(fixture("executable-set.bpmn"));
    const { plan, problems } = compileAndValidate(definitions!);
    expect(problems.some((p) => p.code === "bpmnlint/no-bpmndi" && p.severity === "error")).toBe(true);
    expect(plan?.processId).toBe("adopsi");
  });
});

describe("compileAndValidateAll", () => {
  it("compiles every executable process of a collaboration and skips the non-executable pool with a note", async () => {
    // given a collaboration: an application process calling a survey process, and the applicant's black box
    const { definitions } = await parseBpmn(fixture("two-processes.bpmn"));

    // when the file is deployed without naming a process
    const { plans, skipped, problems } = compileAndValidateAll(definitions!);

    // then both executable processes have a plan, keyed by their BPMN ids, and the call names the other
    expect(plans.map((p) => p.processId)).toEqual(["permohonan-bantuan", "survei-lapangan"]);
    expect(plans[0]?.nodes.survei).toMatchObject({
      type: "callActivity",
      calledProcess: { kind: "literal", value: "survei-lapangan" },
    });
    expect(plans[1]?.nodes["laporan-survei"]).toMatchObject({ type: "userTask" });
    expect(skipped).toEqual(["pemohon"]);
    expect(problems.filter((p) => p.code === "process-not-executable")).toMatchObject([
      { elementId: "pemohon", processId: "pemohon", severity: "warning" },
    ]);
    expect(problems.filter((p) => p.severity === "error" && !p.code.startsWith("bpmnlint/"))).toEqual([]);
  });

  it("names the process of each error and deploys none of them when one has an error", async () => {
    // given the collaboration whose survey task has no role and whose call lacks its process
    const xml = fixture("two-processes.bpmn")
      .replace('<zeebe:assignmentDefinition candidateGroups="front-office" />', "")
      .replace('<zeebe:calledElement processId="survei-lapangan" propagateAllChildVariables="true" />', "");
    const { definitions } = await parseBpmn(xml);

    // when
    const { plans, problems } = compileAndValidateAll(definitions!);

    // then nothing deploys and every error says which process to fix
    expect(plans).toEqual([]);
    const errors = problems.filter((p) => p.severity === "error" && !p.code.startsWith("bpmnlint/"));
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ elementId: "survei", processId: "permohonan-bantuan" }),
        expect.objectContaining({ elementId: "laporan-survei", processId: "survei-lapangan" }),
      ]),
    );
    expect(errors.every((p) => p.processId)).toBe(true);
  });

  it("does not list the findings of a skipped process", async () => {
    // given the applicant's pool holds an unfinished, non-executable sketch (a task with no way out)
    const xml = fixture("two-processes.bpmn").replace(
      '<bpmn:process id="pemohon" name="Pemohon" isExecutable="false" />',
      '<bpmn:process id="pemohon" name="Pemohon" isExecutable="false"><bpmn:complexGateway id="sketsa" /></bpmn:process>',
    );
    const { definitions } = await parseBpmn(xml);

    // when
    const { plans, problems } = compileAndValidateAll(definitions!);

    // then the executable processes still deploy and the sketch is only the skip note
    expect(plans).toHaveLength(2);
    expect(problems.filter((p) => p.processId === "pemohon").map((p) => p.code)).toEqual(["process-not-executable"]);
  });

  it("deploys the one process Alur picks when the file marks none executable", async () => {
    // given a model without isExecutable flags
    const { definitions } = await parseBpmn(syntheticModel(5).replaceAll(' isExecutable="true"', ""));
    // when / then
    const { plans, skipped } = compileAndValidateAll(definitions!);
    expect(plans).toHaveLength(1);
    expect(skipped).toEqual([]);
  });
});
