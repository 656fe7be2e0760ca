import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLinter, lintDefinitions, lintWords } from "./bpmnlint-rules";
import { parseBpmn } from "./parse-bpmn";
import { syntheticModel } from "./synthetic-model";
import { validateDefinitions } from "./validate";

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
      reports.map(
        (r) =>
          `bpmnlint/${rule} ${r.category === "error" ? "error" : "warning"} ${r.id ?? ""} ${lintWords(rule, r.message).en}`,
      ),
    );

    // then
    expect(ours.sort()).toEqual(theirs.sort());
  });

  it("gives the same answer on repeated runs (rules keep state per run)", async () => {
    const { definitions } = await parseBpmn(models.at(-2)![1]());
    expect(lintDefinitions(definitions!)).toEqual(lintDefinitions(definitions!));
  });

  it("words messages in plain Bahasa Indonesia and English, with no English left in the Indonesian", async () => {
    const { definitions } = await parseBpmn(readFileSync(path.join(MIWG, "A.2.1.bpmn"), "utf8"));
    const label = lintDefinitions(definitions!).find((p) => p.code === "bpmnlint/label-required");
    expect(label?.message).toEqual({
      id: "belum bernama; beri nama agar petugas dapat mengenalinya",
      en: "has no name; name it so staff can recognise it",
    });
  });

  it.each([
    // every message the recommended rules (and the discouraged-type helper) report, as bpmnlint words them
    ["ad-hoc-sub-process", "A <Start Event> is not allowed in <Ad Hoc Sub Process>"],
    ["ad-hoc-sub-process", "An <End Event> is not allowed in <Ad Hoc Sub Process>"],
    ["conditional-flows", "Sequence flow is missing condition"],
    ["end-event-required", "Process is missing end event"],
    ["event-based-gateway", "An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>"],
    ["event-based-gateway", "A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional"],
    ["event-sub-process-typed-start-event", "Start event is missing event definition"],
    ["fake-join", "Incoming flows do not join"],
    ["global", "Element is missing name"],
    ["global", "Element is unused"],
    ["global", "Element name is not unique"],
    ["label-required", "Element is missing label/name"],
    ["link-event", "Link event is missing link name"],
    ["link-event", "Link catch event with link name <A> missing in scope"],
    ["link-event", "Duplicate link catch event with link name <A> in scope"],
    ["no-bpmndi", "Element is missing bpmndi"],
    ["no-complex-gateway", "Element type <bpmn:ComplexGateway> is discouraged"],
    ["no-disconnected", "Element is not connected"],
    ["no-duplicate-sequence-flows", "SequenceFlow is a duplicate"],
    ["no-duplicate-sequence-flows", "Duplicate outgoing sequence flows"],
    ["no-duplicate-sequence-flows", "Duplicate incoming sequence flows"],
    ["no-gateway-join-fork", "Gateway forks and joins"],
    ["no-implicit-end", "Element is an implicit end"],
    ["no-implicit-split", "Flow splits implicitly"],
    ["no-implicit-start", "Element is an implicit start"],
    ["no-overlapping-elements", "Element overlaps with other element"],
    ["no-overlapping-elements", "Element is outside of parent boundary"],
    ["single-blank-start-event", "Process has multiple blank start events"],
    ["single-event-definition", "Event has multiple event definitions"],
    ["start-event-required", "Sub process is missing start event"],
    ["sub-process-blank-start-event", "Start event must be blank"],
    ["superfluous-gateway", "Gateway is superfluous. It only has one source and target."],
    ["superfluous-label", "Sequence flow has superfluous label"],
    ["superfluous-termination", "Termination is superfluous."],
  ])("has its own words for %s: %s", (rule, message) => {
    const words = lintWords(rule, message);
    expect(words.id).not.toContain(message);
    expect(words.en).not.toBe(message);
    expect(words.id).not.toMatch(/bpmnlint|Element|event|flow/);
  });

  it("names the element in front of each lint message once validation has run", async () => {
    // given a task nobody named and a start named "Mulai"
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" name="Mulai"/><bpmn:task id="t"/></bpmn:process>
</bpmn:definitions>`;
    const { definitions } = await parseBpmn(xml);
    // when
    const problems = validateDefinitions(definitions!);
    // then
    const label = problems.find((p) => p.code === "bpmnlint/label-required" && p.elementId === "t");
    expect(label?.message).toEqual({
      id: "Langkah tanpa nama (t): belum bernama; beri nama agar petugas dapat mengenalinya",
      en: "Unnamed step (t): has no name; name it so staff can recognise it",
    });
    const start = problems.find((p) => p.code === "bpmnlint/no-implicit-end" && p.elementId === "s");
    expect(start?.message.id).toBe(
      'Awal "Mulai": tidak memiliki alur keluar dan bukan akhir; tambahkan peristiwa akhir sesudahnya',
    );
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
