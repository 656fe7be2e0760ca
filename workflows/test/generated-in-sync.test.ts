import { existsSync, readdirSync, readFileSync } from "node:fs";
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

  it("leave no stale form or scenario file behind", () => {
    const generated = new Set(SERVICES.flatMap((def) => renderService(def).map((f) => f.path)));
    const leftovers: string[] = [];
    for (const slug of new Set(SERVICES.map((s) => s.slug))) {
      for (const folder of ["forms", "scenarios", "variants"]) {
        const dir = join(WORKFLOWS_DIR, slug, folder);
        if (!existsSync(dir)) continue;
        for (const name of readdirSync(dir)) {
          if (!generated.has(`${slug}/${folder}/${name}`)) leftovers.push(`${slug}/${folder}/${name}`);
        }
      }
    }
    expect(leftovers).toEqual([]);
  });

  it("give every process a unique id and every model its own path", () => {
    expect(new Set(SERVICES.map((s) => s.processId)).size).toBe(SERVICES.length);
    expect(new Set(SERVICES.map((s) => `${s.slug}/${s.file ?? s.slug}`)).size).toBe(SERVICES.length);
  });
});
