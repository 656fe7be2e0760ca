import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLinter, lintDefinitions } from "./bpmnlint-rules";
import { parseBpmn } from "./parse-bpmn";
import { syntheticModel } from "./synthetic-model";

const MIWG = path.join(import.meta.dirname, "fixtures/miwg");
const models: [string, () => string][] = [
  ...readdirSync(MIWG)
    .filter((f) => f.endsWith(".bpmn"))
    .map((f): [string, () => string] => [f, () => readFileSync(path.join(MIWG, f), "utf8")]),
  ["executable-set.bpmn", () => readFileSync(path.join(import.meta.dirname, "fixtures/executable-set.bpmn"), "utf8")],
  ["synthetic(200)", () => syntheticModel(200)],
];

describe("lintDefinitions", () => {
  it.each(models)("reports exactly what bpmnlint's Linter reports on %s", async (_name, read) => {
    // given
    const { definitions } = await parseBpmn(read());

    // when
    const ours = lintDefinitions(definitions!).map((p) => `${p.code} ${p.severity} ${p.elementId} ${p.message.en}`);
    const theirs = Object.entries(await createLinter().lint(definitions!)).flatMap(([rule, reports]) =>
      reports.map((r) => `bpmnlint/${rule} ${r.category === "error" ? "error" : "warning"} ${r.id ?? ""} ${r.message}`),
    );

    // then
    expect(ours.sort()).toEqual(theirs.sort());
  });

  it("gives the same answer on repeated runs (rules keep state per run)", async () => {
    const { definitions } = await parseBpmn(models.at(-2)![1]());
    expect(lintDefinitions(definitions!)).toEqual(lintDefinitions(definitions!));
  });

  it("translates messages into Bahasa Indonesia", async () => {
    const { definitions } = await parseBpmn(readFileSync(path.join(MIWG, "A.2.1.bpmn"), "utf8"));
    const label = lintDefinitions(definitions!).find((p) => p.code === "bpmnlint/label-required");
    expect(label?.message).toEqual({
      id: "Elemen memerlukan label (Element is missing label/name)",
      en: "Element is missing label/name",
    });
  });
});

describe("lintDefinitions on a diagram without a plane", () => {
  it("says so instead of letting bpmnlint's diagram rules fail", async () => {
    // given a model whose BPMNDiagram lost its BPMNPlane (found by the fuzz test)
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" id="defs" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/></bpmn:process>
  <bpmndi:BPMNDiagram id="diagram"/>
</bpmn:definitions>`;
    const { definitions } = await parseBpmn(xml);
    // when
    const problems = lintDefinitions(definitions!);
    // then
    expect(problems.filter((p) => p.message.en.includes(" failed: "))).toEqual([]);
    expect(problems).toContainEqual(expect.objectContaining({ elementId: "diagram", code: "diagram-without-plane" }));
  });
});
