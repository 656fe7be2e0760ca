import { PopupEntries } from "bpmn-js/lib/features/popup-menu/PopupEntries";
import { describe, expect, it } from "vitest";
import { sentenceCaseType, translateWith } from "./bpmn-translate";
import enStaff from "./en.json";
import idStaff from "./id.json";
import enPublic from "./public.en.json";
import idPublic from "./public.id.json";

// the app loads both parts into one namespace; a section lives in one part only
const id = { ...idStaff, ...idPublic };
const en = { ...enStaff, ...enPublic };

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
  it("keep each section in one part (public pages or staff)", () => {
    expect(Object.keys(idStaff).filter((k) => k in idPublic)).toEqual([]);
    expect(Object.keys(enStaff).filter((k) => k in enPublic)).toEqual([]);
  });

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

/**
 * The type label bpmn-js-properties-panel 6 puts in its header (PanelHeaderProvider.getTypeLabel):
 * the concrete type, split into Title Case words, "(Non Interrupting)" in brackets.
 */
function headerLabel(target: {
  type: string;
  eventDefinitionType?: string;
  isInterrupting?: boolean;
  cancelActivity?: boolean;
  isExpanded?: boolean;
  triggeredByEvent?: boolean;
}): string {
  const raw = (t: string) => t.split(":")[1]!;
  let type = raw(target.type);
  if (target.eventDefinitionType) {
    type = `${raw(target.eventDefinitionType).replace("EventDefinition", "")}${type}`;
    const nonInterrupting =
      (type.endsWith("StartEvent") && target.isInterrupting === false) ||
      (type.endsWith("BoundaryEvent") && target.cancelActivity === false);
    if (nonInterrupting) type = `${type}NonInterrupting`;
  } else if (type.endsWith("SubProcess")) {
    type = target.triggeredByEvent
      ? `Event${type}`
      : `${target.isExpanded === false ? "Collapsed" : "Expanded"}${type}`;
  }
  return type.replace(/(\B[A-Z])/g, " $1").replace(/(\bNon Interrupting)/g, "($1)");
}

describe("bpmn-js strings in Bahasa Indonesia", () => {
  const bpmnId = (id as { bpmn: Record<string, string> }).bpmn;
  const bpmnEn = (en as { bpmn: Record<string, string> }).bpmn;
  const entries = Object.values(PopupEntries) as { label: string; target: Parameters<typeof headerLabel>[0] }[];
  // what the palette and modelling create besides the replace menu's entries
  const created = [
    "Process",
    "Collaboration",
    "Participant",
    "Lane",
    "Group",
    "Text Annotation",
    "Association",
    "Message Flow",
    "Sequence Flow",
    "Default Flow",
    "Conditional Flow",
    "Data Input Association",
    "Data Output Association",
  ];

  it("names the properties panel's element type the way the palette does", () => {
    expect(translateWith(bpmnId, "User Task")).toBe("Tugas pengguna");
    expect(translateWith(bpmnId, "Exclusive Gateway")).toBe("Percabangan (pilih satu jalan)");
    expect(translateWith(bpmnId, "Timer Boundary Event (Non Interrupting)")).toBe(
      "Peristiwa batas waktu (tidak menyela)",
    );
    expect(translateWith(bpmnId, "Collapsed Sub Process")).toBe("Sub-proses (tertutup)");
    expect(translateWith(bpmnEn, "User Task")).toBe("User task");
    // an Alur label that is not a type stays as it is
    expect(sentenceCaseType("ID")).toBe("ID");
  });

  it("translates the header of every element type the palette and the replace menu offer", () => {
    const labels = [...new Set([...entries.map((e) => headerLabel(e.target)), ...created])];
    expect(labels.length).toBeGreaterThan(60);
    const untranslated = labels.filter((l) => translateWith(bpmnId, l) === l);
    expect(untranslated).toEqual([]);
  });

  it("translates every entry of the replace menu", () => {
    const untranslated = entries.map((e) => e.label).filter((l) => !(l in bpmnId));
    expect(untranslated).toEqual([]);
  });
});
