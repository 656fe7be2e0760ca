import { describe, expect, it } from "vitest";
import en from "../../i18n/en.json";
import id from "../../i18n/id.json";
import { timelineEventKey } from "./step-marks";
import { actorName, isShownOnCasePage, stepLabel } from "./timeline-view";

describe("actorName", () => {
  const comment = { type: "task.comment", actor: "u-2", data: { text: "ok", authorName: "Rina (Pekerja Sosial)" } };

  it("calls the signed-in user's own entries 'you'", () => {
    expect(actorName(comment, "u-2", "Anda")).toBe("Anda");
  });

  it("names other staff by the author name the entry carries", () => {
    expect(actorName(comment, "u-1", "Anda")).toBe("Rina (Pekerja Sosial)");
  });

  it("never shows a bare account id", () => {
    expect(actorName({ type: "case.created", actor: "0b0e…", data: {} }, "u-1", "Anda")).toBeNull();
  });
});

describe("isShownOnCasePage", () => {
  it("leaves out elementLeft records, which the diagram shows as done", () => {
    const types = ["caseStarted", "elementEntered", "elementLeft", "taskCompleted", "caseCompleted"];
    expect(types.filter((type) => isShownOnCasePage({ type }))).toEqual([
      "caseStarted",
      "elementEntered",
      "taskCompleted",
      "caseCompleted",
    ]);
  });
});

describe("timeline labels", () => {
  // what the runtime can write on a timeline: the engine's record types and the API's own entries
  const runtime = import.meta.glob(["../../../../runtime/src/**/*.ts", "!../../../../runtime/src/**/*.test.ts"], {
    query: "?raw",
    import: "default",
    eager: true,
  }) as Record<string, string>;
  const engineTypes = Object.entries(runtime).find(([file]) => file.endsWith("/engine/types.ts"))?.[1] ?? "";
  const recordTypes = [...(/export type RecordType =([^;]+);/.exec(engineTypes)?.[1] ?? "").matchAll(/"(\w+)"/g)].map(
    (m) => m[1] as string,
  );
  const apiTypes = Object.values(runtime).flatMap((text) =>
    [...text.matchAll(/type: "((?:case|task)\.[a-z.-]+)"/g)].map((m) => m[1] as string),
  );

  it("name every kind of entry the runtime records, in both languages", () => {
    expect(recordTypes.length).toBeGreaterThan(20);
    expect(apiTypes.length).toBeGreaterThan(5);
    for (const dict of [id, en]) {
      const labels = (dict as { case: { event: Record<string, string> } }).case.event;
      const missing = [...new Set([...recordTypes, ...apiTypes])]
        .filter((type) => isShownOnCasePage({ type }))
        .filter((type) => !(timelineEventKey(type) in labels));
      expect(missing).toEqual([]);
    }
  });
});

describe("stepLabel", () => {
  const names = new Map([
    ["mulai", "Permohonan diterima"],
    ["panggil", "Kunjungan rumah"],
  ]);

  it("names the case's own steps as its diagram does", () => {
    expect(stepLabel({ elementId: "panggil", data: {} }, names)).toBe("Kunjungan rumah");
  });

  it("names a called process's step as that process does, not by the case's element of the same id", () => {
    const entry = { elementId: "mulai", data: { calledProcess: "kunjungan", elementName: "Kunjungan dijadwalkan" } };
    expect(stepLabel(entry, names)).toBe("Kunjungan dijadwalkan");
    expect(stepLabel({ elementId: "mulai", data: { calledProcess: "kunjungan" } }, names)).toBe("mulai");
  });

  it("has nothing to say for an entry about no step", () => {
    expect(stepLabel({ elementId: null, data: {} }, names)).toBeNull();
  });
});
