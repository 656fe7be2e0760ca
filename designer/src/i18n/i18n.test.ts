import { describe, expect, it } from "vitest";
import en from "./en.json";
import id from "./id.json";

type Dict = { [key: string]: string | Dict };

/** Flattens nested keys to "a.b.c"; the bpmn section keeps its library templates as one key each. */
function keys(dict: Dict, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(dict)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of keys(v, key)) out.set(kk, vv);
  }
  return out;
}

const sources = import.meta.glob(["../**/*.ts", "../**/*.tsx", "!../**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("i18n dictionaries", () => {
  const idKeys = keys(id as Dict);
  const enKeys = keys(en as Dict);

  it("have the same keys in Bahasa Indonesia and English, none empty", () => {
    expect([...idKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
    const empty = [...idKeys, ...enKeys].filter(([, v]) => v.trim() === "").map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it("contain every key the source code names literally", () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\("([a-zA-Z0-9_.]+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !idKeys.has(k))).toEqual([]);
  });

  it("translate every label of Alur's properties-panel groups", () => {
    const provider = Object.entries(sources).find(([path]) => path.endsWith("alur-properties-provider.ts"))?.[1] ?? "";
    const labels = [...provider.matchAll(/(?:label|description): "([^"—]+)"|translate\("([^"]+)"\)/g)].map(
      (m) => m[1] ?? m[2]!,
    );
    expect(labels.length).toBeGreaterThan(15);
    const bpmn = (id as { bpmn: Record<string, string> }).bpmn;
    expect(labels.filter((l) => !(l in bpmn))).toEqual([]);
  });

  it("keep the interpolation placeholders of both languages alike", () => {
    const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const mismatched = [...idKeys].filter(
      ([k, v]) => String(placeholders(v)) !== String(placeholders(enKeys.get(k) ?? "")),
    );
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });
});
