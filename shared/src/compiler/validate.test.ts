import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBpmn } from "./parse-bpmn";
import { syntheticModel } from "./synthetic-model";
import { compileAndValidate, validateDefinitions, validateXml } from "./validate";

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
