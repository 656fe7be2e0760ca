import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogueManifest, renderService } from "../authoring/generate";
import { SERVICES } from "../authoring/services";
import { WORKFLOWS_DIR } from "../src";

describe("generated catalogue files", () => {
  it("match their definitions (run `npx tsx workflows/authoring/build.ts` after editing one)", () => {
    const stale: string[] = [];
    for (const def of SERVICES) {
      for (const file of renderService(def)) {
        const path = join(WORKFLOWS_DIR, file.path);
        if (!existsSync(path) || readFileSync(path, "utf8") !== file.content) stale.push(file.path);
      }
    }
    expect(readFileSync(join(WORKFLOWS_DIR, "catalogue.json"), "utf8")).toBe(catalogueManifest(SERVICES));
    expect(stale).toEqual([]);
  });

  it("give every process a unique id and every model its own path", () => {
    expect(new Set(SERVICES.map((s) => s.processId)).size).toBe(SERVICES.length);
    expect(new Set(SERVICES.map((s) => `${s.slug}/${s.file ?? s.slug}`)).size).toBe(SERVICES.length);
  });
});
