/**
 * Import → export → import keeps everything: every element, attribute, diagram shape and
 * extension, understood or not (semantic equality of the moddle trees). Models: the OMG BPMN MIWG
 * reference suite (CC BY 3.0, bpmn-miwg/bpmn-miwg-test-suite) and our own fixtures.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isElement, type ModdleElement } from "./moddle-element";
import { parseBpmn, toBpmnXml } from "./parse-bpmn";
import { Problem } from "./problem";
import { compileAndValidate, validateDefinitions } from "./validate";

const MIWG = path.join(import.meta.dirname, "fixtures/miwg");
const FIXTURES = path.join(import.meta.dirname, "fixtures");
const files = [
  ...readdirSync(MIWG)
    .filter((f) => f.endsWith(".bpmn"))
    .map((f) => path.join(MIWG, f)),
  path.join(FIXTURES, "executable-set.bpmn"),
  path.join(FIXTURES, "unknown-extensions.bpmn"),
];

type Described = ModdleElement & {
  $descriptor?: { propertiesByName?: Record<string, { isReference?: boolean; default?: unknown }> };
};

/**
 * A plain, comparable view of a moddle tree. References become ids. Two XML spellings with one
 * meaning compare equal: an attribute set to its schema default (completionQuantity="1", which
 * moddle does not write back), an xsi:type naming the element's own type (waypoint
 * xsi:type="dc:Point"), and namespace prefixes: which prefix a namespace is declared with
 * (xmlns="…BPMN…" or xmlns:bpmn="…BPMN…", xsi:type="tFormalExpression" or "bpmn:tFormalExpression")
 * is spelling, not content. Everything else, unknown extensions included, must match exactly.
 */
function semantic(value: unknown, isReference = false): unknown {
  if (Array.isArray(value)) return value.map((v) => semantic(v, isReference));
  if (!isElement(value)) return value;
  if (isReference) return { $ref: value.id ?? null };
  const element = value as Described;
  const out: Record<string, unknown> = { $type: element.$type };
  for (const key of Object.keys(element).sort()) {
    if (key === "$parent" || key === "$type" || key === "$attrs") continue;
    const property = element.$descriptor?.propertiesByName?.[key];
    if (property?.default !== undefined && element[key] === property.default) continue;
    out[key] = semantic(element[key], property?.isReference === true);
  }
  const localType = element.$type.split(":").pop();
  const attrs = Object.entries(element.$attrs ?? {})
    .filter(([name]) => name !== "xmlns" && !name.startsWith("xmlns:"))
    .map(([name, v]): [string, string] => [name, name === "xsi:type" ? (v.split(":").pop() ?? v) : v])
    .filter(([name, v]) => !(name === "xsi:type" && v === localType))
    .sort(([a], [b]) => a.localeCompare(b));
  if (attrs.length > 0) out.$attrs = Object.fromEntries(attrs);
  return out;
}

function count(value: unknown, type: string): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + count(v, type), 0);
  if (!isElement(value)) return 0;
  let n = value.$type === type ? 1 : 0;
  for (const [key, child] of Object.entries(value)) if (key !== "$parent") n += count(child, type);
  return n;
}

describe("round trip", () => {
  it.each(files.map((f) => [path.basename(f), f]))(
    "%s: import → export → import keeps the moddle tree",
    async (_name, file) => {
      // given
      const first = await parseBpmn(readFileSync(file, "utf8"));
      expect(first.definitions, JSON.stringify(first.problems)).toBeDefined();

      // when
      const exported = await toBpmnXml(first.definitions!);
      const second = await parseBpmn(exported.xml);

      // then
      expect(second.definitions).toBeDefined();
      expect(semantic(second.definitions)).toEqual(semantic(first.definitions));
      expect(count(second.definitions, "bpmndi:BPMNShape")).toBe(count(first.definitions, "bpmndi:BPMNShape"));
    },
  );

  it("keeps unknown extension elements and attributes", async () => {
    const first = await parseBpmn(readFileSync(path.join(FIXTURES, "unknown-extensions.bpmn"), "utf8"));
    const { xml } = await toBpmnXml(first.definitions!);
    for (const kept of [
      'acme:owner="dinsos"',
      '<acme:audit level="full">',
      "<acme:note>Dicatat oleh sistem lain</acme:note>",
      'acme:shade="dark"',
      "<acme:hint>ketik NIK</acme:hint>",
      'modeler:executionPlatform="Camunda Cloud"',
      '<alur:task slaValue="1" slaUnit="workingDays" />',
    ]) {
      expect(xml).toContain(kept);
    }
  });

  it.each(files.map((f) => [path.basename(f), f]))(
    "%s: validates and compiles without an exception",
    async (_name, file) => {
      const { definitions } = await parseBpmn(readFileSync(file, "utf8"));
      const problems = validateDefinitions(definitions!);
      for (const p of problems) Problem.parse(p);
      const { problems: compileProblems } = compileAndValidate(definitions!);
      expect(Array.isArray(compileProblems)).toBe(true);
    },
  );

  it("reports the MIWG elements outside the executable set, by name", async () => {
    const { definitions } = await parseBpmn(readFileSync(path.join(MIWG, "B.2.0.bpmn"), "utf8"));
    const unsupported = validateDefinitions(definitions!).filter((p) => p.code === "unsupported-element");
    expect(unsupported.length).toBeGreaterThan(0);
    for (const p of unsupported)
      expect(p.message.en).toMatch(/^[A-Z][\w -]+ (".+"|\(.+\)): this kind \(\w+\) is not supported: .+\.$/);
  });
});
