/**
 * The faster element types must be indistinguishable from moddle's: every corpus, catalogue and
 * generated model parsed with both gives trees of the same shape (own keys in order, each
 * property's enumerable/writable/configurable/accessor flags, values, $attrs, $parent), the same
 * warnings and the same XML written back.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createModdle } from "./moddle";
import { shareElementShapes } from "./moddle-element-types";
import { syntheticModel } from "./synthetic-model";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const WORKFLOWS = path.join(import.meta.dirname, "../../../workflows");

function bpmnFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".bpmn"))
    .map((f) => path.join(dir, f));
}

const models: [string, string][] = [
  ...[...bpmnFiles(FIXTURES), ...bpmnFiles(WORKFLOWS)].map((f): [string, string] => [
    path.relative(WORKFLOWS, f),
    readFileSync(f, "utf8"),
  ]),
  ["synthetic 120", syntheticModel(120)],
];

type Node = Record<string | symbol, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null;
}

/** A comparable description of an element's own properties; references by id, children in full. */
function shape(element: Node, seen = new Set<Node>()): unknown {
  if (seen.has(element)) return "<cycle>";
  seen.add(element);
  // own keys in the order they were defined, then each one's flags and value
  const out: Record<string, unknown> = { "(keys)": Object.getOwnPropertyNames(element) };
  for (const key of Object.getOwnPropertyNames(element)) {
    const d = Object.getOwnPropertyDescriptor(element, key) as PropertyDescriptor;
    const flags = `${d.enumerable ? "e" : "-"}${d.writable ? "w" : "-"}${d.configurable ? "c" : "-"}${d.get ? "g" : "-"}`;
    const byName = (element.$descriptor as { propertiesByName?: Record<string, { isReference?: boolean }> })
      ?.propertiesByName;
    out[key] = [flags, describeValue(key, element[key], byName?.[key]?.isReference === true, seen)];
  }
  return out;
}

function describeValue(key: string, value: unknown, isReference: boolean, seen: Set<Node>): unknown {
  if (key === "$attrs") return { ...(value as object) };
  // generic (unknown extension) elements carry the moddle and their descriptor as own properties
  if (key === "$model") return typeof value;
  if (key === "$descriptor") return (value as { name?: unknown }).name;
  if (typeof value === "function") return "function";
  if (Array.isArray(value)) return value.map((v) => describeValue("", v, isReference, seen));
  if (!isNode(value)) return value;
  if (key === "$parent" || isReference) return `ref ${String(value.$type)}#${String(value.id)}`;
  return shape(value, seen);
}

describe("moddle elements with shared shapes", () => {
  it("has models to compare", () => {
    expect(models.length).toBeGreaterThan(30);
  });

  it.each(models)("%s parses to the same tree, warnings and XML", async (_name, xml) => {
    const plain = createModdle();
    const fast = shareElementShapes(createModdle());
    const [a, b] = await Promise.all([plain.fromXML(xml), fast.fromXML(xml)]);
    expect(b.warnings.map((w) => w.message)).toEqual(a.warnings.map((w) => w.message));
    expect(shape(b.rootElement as unknown as Node)).toEqual(shape(a.rootElement as unknown as Node));
    const [xa, xb] = await Promise.all([plain.toXML(a.rootElement), fast.toXML(b.rootElement)]);
    expect(xb.xml).toBe(xa.xml);
  });

  it("creates, sets and reads elements as moddle does", () => {
    const plain = createModdle();
    const fast = shareElementShapes(createModdle());
    const build = (moddle: ReturnType<typeof createModdle>) => {
      const task = moddle.create("bpmn:UserTask", { id: "t", name: "Periksa" });
      const flow = moddle.create("bpmn:SequenceFlow", { id: "f", targetRef: task });
      (task as unknown as { get(n: string): unknown[] }).get("incoming").push(flow);
      (task as unknown as { set(n: string, v: unknown): void }).set("vendor:extra", "x");
      (task as unknown as { set(n: string, v: unknown): void }).set("name", undefined);
      return { task, flow };
    };
    const a = build(plain);
    const b = build(fast);
    for (const key of ["task", "flow"] as const) {
      expect(shape(b[key] as unknown as Node)).toEqual(shape(a[key] as unknown as Node));
    }
    expect(b.task.$attrs).toBe(b.task.$attrs);
    // and the point of it all: elements share their getters (hence hidden classes), moddle's do not
    const getter = (element: object, key: string) => Object.getOwnPropertyDescriptor(element, key)?.get;
    const other = fast.create("bpmn:UserTask", { id: "t2" });
    expect(getter(other, "$type")).toBe(getter(b.task, "$type"));
    expect(getter(other, "$attrs")).toBe(getter(b.flow, "$attrs"));
    expect(getter(plain.create("bpmn:UserTask"), "$type")).not.toBe(getter(a.task, "$type"));
    expect(JSON.stringify(b.flow)).toBe(JSON.stringify(a.flow));
  });
});
